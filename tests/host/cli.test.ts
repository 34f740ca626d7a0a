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
    for (const args of [['run'], ['run', 'a.tsnb', '--timeout'], ['run', 'a.tsnb', '--bogus'], ['frobnicate']]) {
      const result = await run(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /Usage:/);
    }
  });

  test('--help after a command shows the usage, serve\'s options included, and exits 0', async () => {
    for (const args of [['serve', '--help'], ['run', '-h'], ['--help']]) {
      const result = await run(args);
      assert.equal(result.code, 0, args.join(' '));
      assert.match(result.stdout, /tessera serve \[--port N\] \[--open\] \[FILE\]/);
      assert.match(result.stdout, /--port N {2,}listen on port N/);
    }
  });

  test('an unreadable file exits 2 with its reason', async () => {
    const result = await run(['run', join(tmpdir(), 'no-such-notebook.tsnb')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Cannot read .*no-such-notebook\.tsnb: ENOENT/);
  });

  test('a malformed notebook exits 2 with the line of the problem', async () => {
    const result = await run(['run', notebook('# Broken\n\n<!-- tessera:cell {not json} -->\n```js\n1\n```\n')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /notebook\.tsnb:3: /);
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
