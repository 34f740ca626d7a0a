#!/usr/bin/env node
// Runs Electronegativity (Doyensec's checker for Electron security misconfigurations) over the code
// of Tessera's Electron processes, and fails on any finding. Part of `npm test`.
//
//   node scripts/electronegativity.mjs [ROOT]     ROOT defaults to this repository
//
// What is scanned: main/ and preload/ (the Electron main and preload processes; a missing folder is
// skipped), plus the renderer's HTML pages, only for the Content-Security-Policy they declare.
// The files are copied to a temporary folder first so that nothing else in the repository is
// read, and so that .mts/.cts/.mjs/.cjs sources are seen too (Electronegativity reads only
// .js/.jsx/.ts/.tsx/.html).
//
// The Electron version comes from node_modules/electron (Electronegativity cannot look it up
// offline; its defaults, such as contextIsolation and sandbox, depend on it).
//
// A finding that a person has reviewed and accepted is acknowledged in the source, on the line
// Electronegativity points at, with the reason after a colon:
//   webPreferences: { preload }, // eng-disable PRELOAD_JS_CHECK: exposes only the typed bridge
// This script fails on an eng-disable comment that gives no reason.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const root = resolve(process.argv[2] ?? repo);
const require = createRequire(join(repo, 'package.json'));

const CODE_FOLDERS = ['main', 'preload'];
const HTML_FOLDERS = ['renderer'];
const CODE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const HTML = /\.html?$/;
// Electronegativity reads these extensions only; anything else is copied under an added suffix.
const READ_AS_IS = /\.(?:[jt]sx?|html?)$/;

// Checks switched off always, each with its reason. Names are Electronegativity's class names,
// in lower case.
const DISABLED = [
  // AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK downloads Electron's release list on every run (see
  // electronegativity-offline.cjs, which keeps the scan off the network), and its answer changes
  // with each Electron release, not with our code. Electron updates are followed through npm
  // (`npm outdated electron`).
  'availablesecurityfixesglobalcheck',
];

// Checks about windows: they report what is missing (a CSP, navigation limits, a permission
// handler) and so fail on any code that opens no window at all, such as today's main/, which only
// launches the runtime utility process. They run as soon as the scanned code creates web contents.
const WINDOW_CHECKS = [
  'cspglobalcheck',
  'cspjscheck',
  'csphtmlcheck',
  'limitnavigationglobalcheck',
  'limitnavigationjscheck',
  'permissionrequesthandlerglobalcheck',
  'permissionrequesthandlerjscheck',
];
const CREATES_WEB_CONTENTS = /\b(?:BrowserWindow|BrowserView|WebContentsView|[wW]ebContents|webview|loadURL|loadFile|setWindowOpenHandler)\b/;

/** Paths are printed with forward slashes on every platform. */
const shown = (path) => path.split(sep).join('/');

const ENG_DISABLE = /(?:\/\/|\/\*|<!--)[ \t]*eng-disable[ \t]+([\w \t,]+)(.*)$/i;

function filesUnder(dir, accept) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, accept);
    return accept(name) ? [path] : [];
  });
}

function electronVersion() {
  try {
    return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  } catch {
    throw new Error('node_modules/electron is missing: run npm ci');
  }
}

/** Copies the scanned files into `stage`; returns a map from staged path to repository path. */
function stageSources(stage) {
  const sources = [
    ...CODE_FOLDERS.flatMap((folder) => filesUnder(join(root, folder), (name) => CODE.test(name) && !name.endsWith('.d.ts'))),
    ...HTML_FOLDERS.flatMap((folder) => filesUnder(join(root, folder), (name) => HTML.test(name))),
  ];
  const origin = new Map();
  for (const source of sources) {
    const path = relative(root, source);
    const staged = READ_AS_IS.test(path) ? path : `${path}.${/\.[cm]ts$/.test(path) ? 'ts' : 'js'}`;
    mkdirSync(join(stage, dirname(staged)), { recursive: true });
    copyFileSync(source, join(stage, staged));
    origin.set(staged, path);
  }
  return origin;
}

/** eng-disable comments without a reason after the check names. */
function unexplainedAcknowledgements(origin) {
  const problems = [];
  for (const path of origin.values()) {
    readFileSync(join(root, path), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const match = ENG_DISABLE.exec(line);
        if (!match) return;
        const reason = (match[2] ?? '').replace(/\*\/|-->/g, '').replace(/^[\s:—–-]+/, '');
        if (!/\w{3}/.test(reason)) problems.push(`${shown(path)}:${index + 1}: eng-disable ${match[1]?.trim()} gives no reason (write "eng-disable CHECK_ID: why")`);
      });
  }
  return problems;
}

/** Electronegativity skips, silently, a file it cannot parse: parse each one first with its own parser. */
function unparseable(stage, origin) {
  const { Parser } = require('@doyensec/electronegativity/dist/parser');
  const parser = new Parser(false, true); // the arguments Electronegativity's runner uses
  const problems = [];
  for (const [staged, path] of origin) {
    try {
      parser.parse(join(stage, staged), readFileSync(join(stage, staged)));
    } catch (error) {
      problems.push(`${shown(path)}: Electronegativity cannot parse it: ${error.message}`);
    }
  }
  return problems;
}

function readReport(file, origin) {
  const sarif = JSON.parse(readFileSync(file, 'utf8'));
  return (sarif.runs?.[0]?.results ?? []).map((result) => {
    const location = result.locations?.[0]?.physicalLocation;
    const uri = location?.artifactLocation?.uri ?? 'file:///';
    const staged = uri === 'file:///' ? null : uri.split(/[\\/]/).join(sep);
    return {
      check: result.ruleId,
      review: result.level === 'note',
      file: staged === null ? null : (origin.get(staged) ?? staged),
      line: location?.region?.startLine ?? 1,
      column: location?.region?.startColumn ?? 1,
      message: result.message?.text ?? '',
    };
  });
}

function main() {
  const started = Date.now();
  const version = electronVersion();
  const stage = mkdtempSync(join(tmpdir(), 'tessera-electronegativity-'));
  try {
    const sources = join(stage, 'src');
    mkdirSync(sources);
    const origin = stageSources(sources);
    if (origin.size === 0) {
      console.log(`electronegativity: nothing to scan in ${CODE_FOLDERS.join('/, ')}/`);
      return 0;
    }

    const problems = [...unexplainedAcknowledgements(origin), ...unparseable(sources, origin)];

    const excluded = [...DISABLED];
    const code = [...origin].filter(([staged]) => !HTML.test(staged)).map(([staged]) => readFileSync(join(sources, staged), 'utf8'));
    const windows = code.some((text) => CREATES_WEB_CONTENTS.test(text));
    if (!windows) excluded.push(...WINDOW_CHECKS);

    const report = join(stage, 'report.sarif');
    const cli = require.resolve('@doyensec/electronegativity/dist/index.js');
    const offline = fileURLToPath(new URL('electronegativity-offline.cjs', import.meta.url));
    const run = spawnSync(
      process.execPath,
      ['--require', offline, cli, '--input', sources, '--electron-version', version, '--relative', '--output', report, '--exclude-checks', excluded.join(',')],
      // LANG picks Electronegativity's message language.
      { encoding: 'utf8', env: { ...process.env, LANG: 'en-US' }, timeout: 120_000 },
    );
    if (run.status !== 0 || !existsSync(report)) {
      console.error(`electronegativity: the scan did not complete (exit ${run.status ?? run.signal})`);
      console.error(`${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? String(run.error) : ''}`);
      return 2;
    }
    const findings = readReport(report, origin);

    for (const problem of problems) console.error(`electronegativity: ${problem}`);
    for (const finding of findings) {
      const where = finding.file === null ? '(whole app)' : `${shown(finding.file)}:${finding.line}:${finding.column}`;
      console.error(`${where}  ${finding.check}${finding.review ? ' (review)' : ''}: ${finding.message}`);
      console.error(`    https://github.com/doyensec/electronegativity/wiki/${finding.check}`);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const folders = [...new Set([...origin.values()].map((path) => `${path.split(sep)[0]}/`))];
    const scope = `${origin.size} file(s) in ${folders.join(', ')}, Electron ${version}`;
    const skipped = windows ? '' : '; no window is created yet, so the window checks (CSP, navigation, permissions) were skipped';
    if (findings.length > 0 || problems.length > 0) {
      console.error(`electronegativity: ${findings.length} finding(s), ${problems.length} other problem(s) in ${scope} (${seconds} s)${skipped}`);
      if (findings.length > 0)
        console.error('Fix the code, or, once reviewed and accepted, acknowledge the finding on its line: // eng-disable CHECK_ID: why');
      return 1;
    }
    console.log(`electronegativity: no findings in ${scope} (${seconds} s)${skipped}`);
    return 0;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

process.exitCode = main();
