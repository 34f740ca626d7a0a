import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseNotebook } from '../../common/notebook/markdown-parse.ts';
import { allCodeCells } from '../../common/session/flow.ts';
import { packageRoot } from '../../host/paths.ts';

const tessera = join(packageRoot(), 'bin', 'tessera.cjs');

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[]): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tessera, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function notebook(text: string, name = 'notebook.tsnb'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tessera-cli-')), name);
  writeFileSync(path, text);
  return path;
}

const events = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

const cells = (...sources: string[]) => `# Test\n\n${sources.map((source) => '```js\n' + source + '\n```\n').join('\n')}`;

describe('tessera run', () => {
  test('runs the cells in order, each seeing the bindings above, and exits 0', async () => {
    const result = await run(['run', notebook(cells('const a = 20', 'console.log("a is", a)', 'a * 2 + 2')), '--json']);
    assert.equal(result.code, 0, result.stderr);
    const [first, printed, second, third, done] = events(result.stdout);
    assert.deepEqual([first?.type, first?.cell, first?.text], ['result', 1, 'undefined']);
    assert.deepEqual(printed, { type: 'output', cell: 2, stream: 'stdout', text: 'a is 20\n' });
    assert.deepEqual([second?.type, second?.cell], ['result', 2]);
    assert.deepEqual([third?.type, third?.cell, third?.text], ['result', 3, '42']);
    assert.deepEqual(done, { type: 'done', ok: true, cells: 3, failed: [] });
  });

  test('numbers cells by their position among the code cells of the file, TypeScript included', async () => {
    const text = '# T\n\nProse.\n\n```ts\nconst n: number = 1\n```\n\n```python\nnot a cell\n```\n\n```ts\nn + 1\n```\n';
    const result = await run(['run', notebook(text), '--json']);
    const last = events(result.stdout).filter((event) => event.type === 'result').at(-1);
    assert.deepEqual([last?.cell, last?.text], [2, '2']);
  });

  test('stops at a failing cell and exits 1', async () => {
    const result = await run(['run', notebook(cells('1', 'throw new TypeError("bad")', '3')), '--json']);
    assert.equal(result.code, 1);
    const all = events(result.stdout);
    const error = all.find((event) => event.type === 'error');
    assert.equal(error?.cell, 2);
    assert.equal(error?.name, 'TypeError');
    assert.match(String(error?.text), /TypeError: bad\n {4}at cell 2:1:7/);
    assert.ok(!all.some((event) => event.cell === 3));
    assert.deepEqual(all.at(-1), { type: 'done', ok: false, cells: 3, failed: [2] });
  });

  test('--keep-going runs the remaining cells after a failure', async () => {
    const result = await run(['run', notebook(cells('const kept = 1', 'throw new Error("x")', 'kept + 1')), '--json', '--keep-going']);
    assert.equal(result.code, 1);
    const third = events(result.stdout).find((event) => event.cell === 3);
    assert.deepEqual([third?.type, third?.text], ['result', '2']);
  });

  test('--timeout interrupts a cell that runs too long, counts it as failed, and keeps the bindings above', async () => {
    const result = await run(['run', notebook(cells('const before = 1', 'while (true) {}', 'before')), '--json', '--timeout', '0.5', '--keep-going']);
    assert.equal(result.code, 1);
    const all = events(result.stdout);
    const interrupted = all.find((event) => event.cell === 2);
    assert.equal(interrupted?.name, 'InterruptError');
    const after = all.find((event) => event.cell === 3);
    assert.deepEqual([after?.type, after?.text], ['result', '1']);
    assert.deepEqual(all.at(-1), { type: 'done', ok: false, cells: 3, failed: [2] });
  });

  test('--timeout ends a container that does not stop, and the cells after it start afresh', async () => {
    const busy = '/^(a+)+$/.test("a".repeat(40) + "b")';
    const result = await run(['run', notebook(cells('const lost = 1', busy, 'typeof lost')), '--json', '--timeout', '0.3', '--keep-going']);
    const all = events(result.stdout);
    assert.match(String(all.find((event) => event.cell === 2)?.text), /did not stop within 2 s/);
    assert.equal(all.find((event) => event.cell === 3)?.text, "'undefined'");
  });

  test('an error a cell causes after its result fails that cell and the run, in --json and text mode', async () => {
    const late = cells('setTimeout(() => { throw new Error("thrown late") }, 20); 1', 'await new Promise((resolve) => setTimeout(resolve, 100))', '3');
    const result = await run(['run', notebook(late), '--json']);
    assert.equal(result.code, 1);
    const all = events(result.stdout);
    const [error] = all.filter((event) => event.type === 'error');
    assert.deepEqual([error?.cell, error?.name], [1, 'Error']);
    assert.match(String(error?.text), /Error: thrown late/);
    assert.ok(!all.some((event) => event.cell === 3), 'the run stops after the cell that was running');
    assert.deepEqual(all.at(-1), { type: 'done', ok: false, cells: 3, failed: [1] });

    const rejected = await run(['run', notebook(cells('setTimeout(() => Promise.reject(new RangeError("nobody caught me")), 20); "ok"'))]);
    assert.equal(rejected.code, 1);
    assert.match(rejected.stdout, /RangeError: nobody caught me[\s\S]*1 of 1 cells failed: 1\./);
  });

  test('output a cell schedules after the last cell is printed before the run ends', async () => {
    const result = await run(['run', notebook(cells('1', 'setTimeout(() => console.log("printed later"), 200)')), '--json']);
    assert.equal(result.code, 0, result.stderr);
    const all = events(result.stdout);
    assert.deepEqual(all.find((event) => event.type === 'output'), { type: 'output', cell: 2, stream: 'stdout', text: 'printed later\n' });
    assert.ok(!all.some((event) => event.type === 'pending'));
    assert.equal(all.at(-1)?.type, 'done');
  });

  test('what is still pending after the grace period is ended and named', async () => {
    const result = await run(['run', notebook(cells('setInterval(() => console.log("tick"), 50)')), '--json', '--grace', '0.3']);
    assert.equal(result.code, 0, result.stderr);
    const all = events(result.stdout);
    assert.ok(all.some((event) => event.type === 'output' && event.text === 'tick\n'));
    const pending = all.find((event) => event.type === 'pending');
    assert.deepEqual(pending?.resources, ['Timeout']);
    assert.match(String(pending?.text), /Still pending 0\.3 s after the last cell, and ended with the run: a timer or interval \(Timeout\)/);
    const text = await run(['run', notebook(cells('setInterval(() => {}, 50)')), '--grace=0']);
    assert.equal(text.code, 0);
    assert.match(text.stderr, /Still pending 0 s after the last cell/);
  });

  for (const [how, kill] of [['SIGTERM', 'process.kill(process.pid)'], ['SIGKILL', 'process.kill(process.pid, "SIGKILL")']] as const) {
    test(`the runtime dying in a cell (${how}) is that cell's error: done is reported and the run exits 1`, async () => {
      const result = await run(['run', notebook(cells('const a = 1', kill, 'a')), '--json']);
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stderr, '');
      const all = events(result.stdout);
      const error = all.find((event) => event.type === 'error');
      assert.deepEqual([error?.cell, error?.name], [2, 'RuntimeDownError']);
      assert.match(String(error?.text), new RegExp(`The runtime stopped \\(signal ${how}\\) while this cell ran: the bindings of every cell are lost$`));
      assert.ok(!all.some((event) => event.cell === 3));
      assert.deepEqual(all.at(-1), { type: 'done', ok: false, cells: 3, failed: [2] });
    });
  }

  test('with --keep-going, the cells after the runtime died run in a fresh runtime, and the report says the bindings were lost', async () => {
    const result = await run(['run', notebook(cells('const a = 1', 'process.kill(process.pid, "SIGKILL")', 'typeof a', 'const b = 2; b')), '--keep-going']);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /RuntimeDownError: The runtime stopped \(signal SIGKILL\) while this cell ran: the bindings of every cell are lost, and the cells after it run in a fresh runtime/);
    assert.match(result.stdout, /── cell 3 ─+\n'undefined'\n── cell 4 ─+\n2\n/);
    assert.match(result.stdout, /1 of 4 cells failed: 2\.\n$/);
  });

  test('the runtime dying after the last cell fails the run', async () => {
    const result = await run(['run', notebook(cells('setTimeout(() => process.kill(process.pid, "SIGKILL"), 50); 1')), '--json']);
    assert.equal(result.code, 1, result.stderr);
    const all = events(result.stdout);
    assert.match(String(all.find((event) => event.type === 'error')?.text), /The runtime stopped \(signal SIGKILL\) after the last cell/);
    assert.deepEqual(all.at(-1), { type: 'done', ok: false, cells: 1, failed: [1] });
  });

  test('--write saves the outputs into the notebook, which still parses', async () => {
    const path = notebook(cells('console.log("printed")', '6 * 7'));
    const result = await run(['run', path, '--write']);
    assert.equal(result.code, 0, result.stderr);
    const parsed = parseNotebook(readFileSync(path, 'utf8'), () => 'x');
    assert.ok(parsed.ok);
    const [first, second] = allCodeCells(parsed.notebook);
    assert.deepEqual(first?.outputs[0], { kind: 'text', stream: 'stdout', text: 'printed\n' });
    assert.deepEqual(second?.outputs.at(-1), { kind: 'value', text: '42' });
    assert.equal(parsed.notebook.saveOutputs, true);
  });

  test('--write keeps the saved outputs of the cells that did not run, after a failure or a timeout', async () => {
    const saved = (source: string, id: string, text: string) =>
      `<!-- tessera:cell {"id":"${id}"} -->\n\`\`\`js\n${source}\n\`\`\`\n<!-- tessera:output {"kind":"value","newline":false} -->\n\`\`\`text\n${text}\n\`\`\`\n`;
    const file = (second: string) =>
      ['# Kept', '<!-- tessera:notebook {"saveOutputs":true} -->', '', saved('1 + 1', 'a', 'old a'), saved(second, 'b', 'old b'), saved('3 + 3', 'c', 'old c')].join('\n');
    for (const [second, args] of [
      ['throw new Error("stop")', []],
      ['while (true) {}', ['--timeout', '0.3']],
    ] as const) {
      const path = notebook(file(second));
      const result = await run(['run', path, '--write', ...args]);
      assert.equal(result.code, 1, result.stderr);
      const parsed = parseNotebook(readFileSync(path, 'utf8'), () => 'x');
      assert.ok(parsed.ok);
      const outputs = allCodeCells(parsed.notebook).map((cell) => cell.outputs);
      assert.deepEqual(outputs[0], [{ kind: 'value', text: '2' }]);
      assert.equal(outputs[1]?.[0]?.kind, 'error');
      assert.deepEqual(outputs[2], [{ kind: 'value', text: 'old c' }], `${second}: the cell that did not run keeps its output`);
    }
  });

  test('streams human-readable output without colours when not on a terminal', async () => {
    const result = await run(['run', notebook(cells('console.log({ n: 1 })', '"value"'))]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /── cell 1 ─+\n\{ n: 1 \}\n── cell 2 ─+\n'value'\n\n2 cells ran\.\n/);
  });

  test('reports rich outputs as display events, and --write keeps them', async () => {
    const path = notebook(cells('display(md`# Heading`); html`<b>bold</b>`'));
    const result = await run(['run', path, '--json', '--write']);
    assert.equal(result.code, 0, result.stderr);
    const display = events(result.stdout).find((event) => event.type === 'display');
    assert.deepEqual(display, { type: 'display', cell: 1, mime: 'text/markdown', text: '# Heading' });
    const parsed = parseNotebook(readFileSync(path, 'utf8'), () => 'x');
    assert.ok(parsed.ok);
    assert.deepEqual(allCodeCells(parsed.notebook)[0]?.outputs.map((output) => output.kind === 'rich' && output.mime), ['text/markdown', 'text/html']);
  });

  test('runs Jupyter notebooks', async () => {
    const ipynb = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'javascript', display_name: 'JavaScript', language: 'javascript' } },
      cells: [
        { cell_type: 'code', id: 'a', metadata: {}, execution_count: null, outputs: [], source: ['const x = 2'] },
        { cell_type: 'code', id: 'b', metadata: {}, execution_count: null, outputs: [], source: ['x * 21'] },
      ],
    });
    const result = await run(['run', notebook(ipynb, 'notebook.ipynb'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(events(result.stdout).find((event) => event.cell === 2)?.text, '42');
  });
});

describe('tessera run with bad input', () => {
  test('a usage error exits 2 and shows the usage', async () => {
    for (const args of [['run'], ['run', 'a.tsnb', '--timeout'], ['run', 'a.tsnb', '--bogus'], ['run', 'a.tsnb', '--grace', '-1'], ['frobnicate']]) {
      const result = await run(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /Usage:/);
    }
  });

  test('--help after a command shows the usage, serve\'s options included, and exits 0', async () => {
    for (const args of [['serve', '--help'], ['run', '-h'], ['export', '--help'], ['--help']]) {
      const result = await run(args);
      assert.equal(result.code, 0, args.join(' '));
      assert.match(result.stdout, /tessera serve \[--port N\] \[--open\] \[--max-runtimes N\] \[--max-connections N\] \[FILE\]/);
      assert.match(result.stdout, /--port N {2,}listen on port N/);
    }
  });

  test('an unreadable file exits 2 with its reason', async () => {
    const result = await run(['run', join(tmpdir(), 'no-such-notebook.tsnb')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Cannot read .*no-such-notebook\.tsnb: ENOENT/);
  });

  test('a file that is not UTF-8 exits 2 with the byte offset, and is left as it was', async () => {
    const bytes = Buffer.concat([Buffer.from('# T\n\n```js\n"caf'), Buffer.from([0xe9]), Buffer.from('"\n```\n')]);
    const path = notebook('');
    writeFileSync(path, bytes);
    const result = await run(['run', path, '--write']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /is not valid UTF-8: line 4, byte offset 15/);
    assert.deepEqual(readFileSync(path), bytes);
  });

  test('a malformed notebook exits 2 with the line of the problem', async () => {
    const result = await run(['run', notebook('# Broken\n\n<!-- tessera:cell {not json} -->\n```js\n1\n```\n')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /notebook\.tsnb:3: /);
  });
});

describe('tessera run with Jupyter notebooks', () => {
  const jupyter = (language: string, source: string) =>
    JSON.stringify({
      cells: [{ cell_type: 'code', execution_count: null, id: 'a', metadata: {}, outputs: [], source }],
      metadata: { kernelspec: { display_name: language, language, name: language } },
      nbformat: 4,
      nbformat_minor: 5,
    });

  test('a Python notebook is never run as JavaScript: it exits 2 naming the language', async () => {
    const result = await run(['run', notebook(jupyter('python', 'print("hi")'), 'analysis.ipynb'), '--json']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /analysis\.ipynb is a python notebook: Tessera runs JavaScript and TypeScript cells/);
    assert.equal(result.stdout, '');
  });

  test('a TypeScript notebook runs', async () => {
    const result = await run(['run', notebook(jupyter('typescript', 'const n: number = 41;\nn + 1'), 'deno.ipynb'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(events(result.stdout).find((event) => event.type === 'result')?.text, '42');
  });
});

describe('the example notebook', () => {
  test('examples/tour.tsnb runs through tessera run without a failure', async () => {
    const result = await run(['run', join(packageRoot(), 'examples', 'tour.tsnb'), '--json']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const all = events(result.stdout);
    assert.equal(all.find((event) => event.cell === 2)?.text, "'hello, count is 2'");
    assert.equal(all.find((event) => event.cell === 4)?.text, '{ x: 0, y: 3 }');
    assert.equal(all.filter((event) => event.cell === 5 && event.type === 'output').map((event) => event.text).join(''), 'step 1\nstep 2\nstep 3\n');
  });
});

describe('tessera export', () => {
  const withOutput = [
    '# Shared',
    '<!-- tessera:notebook {"saveOutputs":true} -->',
    '',
    '<!-- tessera:cell {"id":"a"} -->',
    '```js',
    'html`<b>hi</b>`',
    '```',
    '<!-- tessera:output {"kind":"rich","mime":"text/html","newline":false} -->',
    '```html',
    '<b>hi</b>',
    '```',
    '',
  ].join('\n');

  test('--to html writes a standalone page beside the notebook, with its outputs', async () => {
    const path = notebook(withOutput);
    const result = await run(['export', path, '--to', 'html']);
    assert.equal(result.code, 0, result.stderr);
    const page = readFileSync(path.replace(/\.tsnb$/, '.html'), 'utf8');
    assert.match(page, /<h1 class="title">Shared<\/h1>/);
    assert.match(page, /<iframe class="output frame" sandbox="allow-scripts" title="HTML output" srcdoc="[^"]*&lt;b&gt;hi&lt;\/b&gt;/);
    assert.match(result.stdout, /Wrote .*notebook\.html/);
  });

  test('--to ipynb and --to tsnb write where -o says, and read back as the same notebook', async () => {
    const path = notebook(withOutput);
    const ipynb = join(mkdtempSync(join(tmpdir(), 'tessera-cli-')), 'out.ipynb');
    assert.equal((await run(['export', path, '--to', 'ipynb', '-o', ipynb])).code, 0);
    const json = JSON.parse(readFileSync(ipynb, 'utf8')) as { nbformat: number; cells: { outputs?: unknown[] }[] };
    assert.equal(json.nbformat, 4);
    assert.equal(json.cells.find((cell) => cell.outputs !== undefined)?.outputs?.length, 1);
    const back = ipynb.replace(/\.ipynb$/, '.tsnb');
    assert.equal((await run(['export', ipynb, '--to=tsnb', `--output=${back}`])).code, 0);
    const parsed = parseNotebook(readFileSync(back, 'utf8'), () => 'x');
    assert.ok(parsed.ok);
    assert.deepEqual(allCodeCells(parsed.notebook).map((cell) => [cell.source, cell.outputs.length]), [['html`<b>hi</b>`', 1]]);
  });

  test('usage and file errors exit 2, and never write over the notebook', async () => {
    const path = notebook(withOutput);
    for (const args of [['export', path], ['export', path, '--to', 'pdf'], ['export', '--to', 'html'], ['export', path, '--to', 'html', '-o']]) {
      const result = await run(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /Usage:/);
    }
    const missing = await run(['export', join(tmpdir(), 'no-such-notebook.tsnb'), '--to', 'html']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Cannot read/);
    const itself = await run(['export', path, '--to', 'tsnb']);
    assert.equal(itself.code, 2);
    assert.match(itself.stderr, /would write over it/);
    assert.equal(readFileSync(path, 'utf8'), withOutput);
    const unwritable = await run(['export', path, '--to', 'html', '-o', join(path, 'inside-a-file.html')]);
    assert.equal(unwritable.code, 2);
    assert.match(unwritable.stderr, /Cannot write/);
  });
});
