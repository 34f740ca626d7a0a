/**
 * Installers are built only on the release machines, where an Electron binary can be downloaded.
 * Here the packaging config is checked against the JSON schema electron-builder validates it with,
 * and its security settings are pinned, so that changing one is a decision and not an accident.
 */

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..', '..');

type Config = Record<string, any>;

function readConfig(): Config {
  return parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config;
}

const schema = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as {
  $schema: string;
  definitions: Record<string, { properties?: Record<string, unknown> }>;
};

// The scheme is draft-07, Ajv's default. Strict mode stays on: the scheme's one custom keyword,
// `typeof` (for options that may be a JavaScript function), is declared so that it is checked,
// not ignored; `allowUnionTypes` accepts the scheme's `"type": ["null", "string"]`.
const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
ajv.addKeyword({ keyword: 'typeof', schemaType: 'string', validate: (expected: string, data: unknown) => typeof data === expected });
const validate = ajv.compile(schema);

function errorsOf(config: Config): string[] {
  if (validate(config)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

/** The keys set to true in an entitlements plist, comments ignored. */
function entitlements(path: string): string[] {
  const text = readFileSync(join(root, path), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  return [...text.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((match) => match[1] ?? '').sort();
}

describe('electron-builder.yml', () => {
  test('is valid against the schema electron-builder ships', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.deepEqual(errorsOf(readConfig()), []);
  });

  test('the schema check rejects a misspelt key, a wrong type and an unknown fuse', () => {
    const misspelt = { ...readConfig(), asarUnpak: ['out/runtime/**'] };
    assert.match(errorsOf(misspelt).join('\n'), /additional properties.*asarUnpak/);
    const wrongType = readConfig();
    wrongType['mac'].hardenedRuntime = 'yes';
    assert.match(errorsOf(wrongType).join('\n'), /\/mac\/hardenedRuntime must be boolean/);
    const unknownFuse = readConfig();
    unknownFuse['electronFuses'].runAsNodeToo = false;
    assert.match(errorsOf(unknownFuse).join('\n'), /\/electronFuses .*runAsNodeToo/);
  });

  test('flips the security fuses', () => {
    assert.deepEqual(readConfig()['electronFuses'], {
      // On: Electron's child_process.fork, which cells use, relies on it (see electron-builder.yml).
      runAsNode: true,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      // Off in releases; Playwright's _electron needs it on, so the end-to-end test runs the
      // unfused Electron from node_modules (see the comment in electron-builder.yml).
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  test('decides every fuse electron-builder knows', () => {
    const known = Object.keys(schema.definitions['FuseOptionsV1']?.properties ?? {}).sort();
    assert.ok(known.length > 0);
    assert.deepEqual(Object.keys(readConfig()['electronFuses']).sort(), known);
  });

  test('opens .tsnb and .ipynb notebooks', () => {
    const associations = readConfig()['fileAssociations'] as Config[];
    const byExt = new Map(associations.map((association) => [association['ext'], association]));
    assert.deepEqual([...byExt.keys()].sort(), ['ipynb', 'tsnb']);
    for (const association of associations) {
      assert.equal(association['role'], 'Editor');
      assert.ok(association['name'] && association['mimeType'], `${association['ext']} has a name and a MIME type`);
    }
    assert.equal(byExt.get('tsnb')?.['rank'], 'Owner');
  });

  test('packages the build output only, and unpacks what cannot run from the archive', () => {
    const config = readConfig();
    const included = (config['files'] as string[]).filter((pattern) => !pattern.startsWith('!'));
    assert.deepEqual(included.sort(), ['out/**', 'package.json']);
    assert.ok((config['files'] as string[]).includes('!out/tests/**'));
    assert.equal(config['asar'], true);
    assert.deepEqual([...config['asarUnpack']].sort(), ['node_modules/@esbuild/**', 'node_modules/esbuild/**', 'out/runtime/**']);
  });

  test('starts Electron main from the build output', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Config;
    assert.equal(pkg['main'], 'out/main/index.cjs');
    assert.equal(readConfig()['appId'], 'dev.tessera.app');
    assert.equal(readConfig()['productName'], 'Tessera');
  });

  test('has the metadata installers need: product name, homepage, an author with an e-mail, categories', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Config;
    // Electron names the data folder and the macOS app menu after package.json's productName.
    assert.equal(pkg['productName'], 'Tessera');
    assert.match(pkg['homepage'], /^https:\/\//);
    // deb and rpm builds stop without a maintainer's e-mail, which they take from the author.
    assert.match(pkg['author']?.email ?? '', /^[^@\s]+@[^@\s]+\.[a-z]+$/);
    const config = readConfig();
    assert.equal(config['linux'].maintainer, undefined, 'the maintainer is the author');
    assert.equal(config['linux'].category, 'Development');
    assert.equal(config['mac'].category, 'public.app-category.developer-tools');
  });

  test('has one icon, 1024×1024 PNG with alpha, for every platform', () => {
    const config = readConfig();
    for (const platform of ['mac', 'win', 'linux']) assert.equal(config[platform].icon, 'build/icon.png', platform);
    const png = readFileSync(join(root, 'build', 'icon.png'));
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.equal(png.subarray(12, 16).toString('ascii'), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1024, 1024]);
    assert.equal(png[25], 6, 'RGBA');
  });

  test('the Linux desktop entry hands files over as paths (%F)', () => {
    assert.deepEqual(readConfig()['linux'].executableArgs, ['%F']);
  });

  test('builds dmg and zip, NSIS, AppImage, deb and rpm', () => {
    const config = readConfig();
    assert.deepEqual(config['mac'].target, ['dmg', 'zip']);
    assert.deepEqual(config['win'].target, ['nsis']);
    assert.deepEqual(config['linux'].target, ['AppImage', 'deb', 'rpm']);
  });

  test('signs macOS builds for the hardened runtime with the least entitlements, and notarizes', () => {
    const mac = readConfig()['mac'];
    assert.equal(mac.hardenedRuntime, true);
    assert.equal(mac.notarize, true);
    assert.ok(existsSync(join(root, mac.entitlements)) && existsSync(join(root, mac.entitlementsInherit)));
    assert.deepEqual(entitlements(mac.entitlements), ['com.apple.security.cs.allow-jit']);
    assert.deepEqual(entitlements(mac.entitlementsInherit), [
      'com.apple.security.cs.allow-jit',
      'com.apple.security.cs.disable-library-validation',
    ]);
  });
});
