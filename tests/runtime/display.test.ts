/**
 * The display API against a real runtime: `display`, `html`, `md`, `image`, `table` and `json` in
 * every cell's root scope; a cell whose value is displayable answers with its rich form; what
 * `display` shows reaches the evaluation that called it, in order with its text, timers included.
 */

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RichOutputDto, TableDataDto } from '../../common/protocol/runtime.ts';
import { Harness, stripAnsi } from './harness.ts';

let h: Harness;
before(async () => {
  h = await Harness.start({ runtime: { outputCapBytes: 100_000 } });
});
after(() => h.stop());

async function richValue(code: string, language: 'js' | 'ts' = 'js'): Promise<{ rich: RichOutputDto | undefined; text: string }> {
  const { response } = await h.evaluate(code, { language });
  if (!response.result.ok) throw new Error(response.result.error.stack);
  return { rich: response.result.value.rich, text: stripAnsi(response.result.value.text) };
}

const png = '89504e470d0a1a0a0000000d4948445200000001000000010806000000';

describe('a displayable value', () => {
  test('html as a tagged template escapes interpolated text and keeps interpolated HTML', async () => {
    const { rich, text } = await richValue('const who = "<Ada & Bob>"; html`<b id="x">${who}</b>${html`<i>ok</i>`}${[html`<u>1</u>`, "<2>"]}`');
    assert.deepEqual(rich, { kind: 'rich', mime: 'text/html', data: '<b id="x">&lt;Ada &amp; Bob&gt;</b><i>ok</i><u>1</u>&lt;2&gt;' });
    assert.match(text, /^HTML '<b id="x">/);
  });

  test('html called with a string takes it as HTML', async () => {
    const { rich } = await richValue('html("<p>raw <em>html</em></p>")');
    assert.deepEqual(rich, { kind: 'rich', mime: 'text/html', data: '<p>raw <em>html</em></p>' });
  });

  test('md works as a tag and as a call, in TypeScript too', async () => {
    assert.equal((await richValue('const n: number = 3; md`# Total: ${n}`', 'ts')).rich?.data, '# Total: 3');
    assert.deepEqual((await richValue('md("*hi*")')).rich, { kind: 'rich', mime: 'text/markdown', data: '*hi*' });
  });

  test('image tells PNG, JPEG, GIF, WebP and SVG from their bytes', async () => {
    const cases: [string, string][] = [
      [`Buffer.from("${png}", "hex")`, 'image/png'],
      ['new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16])', 'image/jpeg'],
      ['new TextEncoder().encode("GIF89a....").buffer', 'image/gif'],
      ['Buffer.from("RIFF\\u0000\\u0000\\u0000\\u0000WEBPVP8 ")', 'image/webp'],
      ['Buffer.from(\'<?xml version="1.0"?>\\n<svg xmlns="http://www.w3.org/2000/svg"></svg>\')', 'image/svg+xml'],
    ];
    for (const [bytes, mime] of cases) {
      const { rich } = await richValue(`image(${bytes})`);
      assert.equal(rich?.mime, mime, bytes);
    }
    const { rich, text } = await richValue(`image(Buffer.from("${png}", "hex"))`);
    assert.equal(rich?.data, Buffer.from(png, 'hex').toString('base64'));
    assert.equal(text, 'Image { image/png, 29 bytes }');
  });

  test('image takes a view into a larger buffer as just its bytes, and a given type', async () => {
    const { rich } = await richValue(`const all = Buffer.from("00" + "${png}", "hex"); image(new Uint8Array(all.buffer, all.byteOffset + 1, all.length - 1))`);
    assert.equal(rich?.data, Buffer.from(png, 'hex').toString('base64'));
    assert.equal((await richValue('image(new Uint8Array([1, 2, 3]), "image/gif")')).rich?.mime, 'image/gif');
  });

  test('image refuses bytes it cannot tell and values that are not bytes', async () => {
    assert.match((await h.error('image(new Uint8Array([1, 2, 3]))')).message, /cannot tell the image's type/);
    assert.match((await h.error('image("x.png")')).message, /takes the image's bytes/);
    assert.match((await h.error('image(new Uint8Array(1), "text/html")')).message, /image\(\) shows/);
  });

  test('table takes the columns from every row, in the order first seen, and sends cells as JSON', async () => {
    const { rich, text } = await richValue('table([{ a: 1, b: "x" }, { b: "y", c: [1, 2] }, { a: null, d: undefined, e: new Date(0), f: NaN }])');
    assert.equal(rich?.mime, 'application/vnd.tessera.table+json');
    const data = JSON.parse(rich?.data ?? '') as TableDataDto;
    assert.deepEqual(data.columns, ['a', 'b', 'c', 'd', 'e', 'f']);
    assert.deepEqual(data.rows, [
      [1, 'x', null, null, null, null],
      [null, 'y', '[ 1, 2 ]', null, null, null],
      [null, null, null, null, '1970-01-01T00:00:00.000Z', 'NaN'],
    ]);
    assert.equal(data.totalRows, 3);
    assert.equal(text, 'Table { 3 rows × 6 columns }');
  });

  test('table sends the first rows that fit in half the output cap, and counts them all', async () => {
    // This runtime's cap is 100 000 bytes: a row of `[i]` takes 6 to 8 of them.
    const { rich } = await richValue('table(Array.from({ length: 150_000 }, (_, i) => ({ i })))');
    const data = JSON.parse(rich?.data ?? '') as TableDataDto;
    assert.ok(data.rows.length > 5_000 && data.rows.length < 10_000, String(data.rows.length));
    assert.deepEqual(data.rows.at(-1), [data.rows.length - 1]);
    assert.ok(Buffer.byteLength(rich?.data ?? '') <= 50_100);
    assert.equal(data.totalRows, 150_000);
  });

  test('json makes any value JSON: cycles, bigints and functions become text', async () => {
    const { rich } = await richValue('const o = { n: 1n, f: function named() {}, m: new Map([["k", 1]]), s: new Set([2]), u: undefined, list: [1, "a"] }; o.self = o; json(o)');
    assert.equal(rich?.mime, 'application/json');
    assert.deepEqual(JSON.parse(rich?.data ?? ''), { n: '1n', f: '[Function named]', m: { k: 1 }, s: [2], list: [1, 'a'], self: '[Circular]' });
  });

  test('an object of a library with a tessera.display method is displayable', async () => {
    const { rich } = await richValue('({ [Symbol.for("tessera.display")]() { return { kind: "rich", mime: "text/html", data: "<hr>" }; } })');
    assert.deepEqual(rich, { kind: 'rich', mime: 'text/html', data: '<hr>' });
  });

  test('other values have no rich form, and a display method that throws or lies gives none', async () => {
    assert.equal((await richValue('({ a: 1 })')).rich, undefined);
    assert.equal((await richValue('({ [Symbol.for("tessera.display")]() { throw new Error("no"); } })')).rich, undefined);
    assert.equal((await richValue('({ [Symbol.for("tessera.display")]: () => ({ kind: "rich", mime: "text/evil", data: "" }) })')).rich, undefined);
  });

  test('the display functions are bindings of the root scope: a cell may shadow them', async () => {
    const { ref } = await h.evaluate('const html = (s) => "mine"; html`x`');
    const next = await h.evaluate('html`y`', { after: ref });
    assert.equal(next.value, "'mine'");
    assert.equal((await richValue('typeof require + typeof display + typeof html')).text, "'functionfunctionfunction'");
  });
});

describe('display()', () => {
  test('shows displayable values rich and others inspected, in order with printed text', async () => {
    const { ref, response } = await h.evaluate('console.log("before"); display(html`<p>one</p>`, { n: 1 }); console.log("after"); display(md`two`)');
    assert.ok(response.result.ok);
    assert.equal(response.result.value.rich, undefined);
    assert.deepEqual(
      h.sequenceOf(ref).map(stripAnsi),
      ['text:before\n', 'text/html:<p>one</p>', 'text/plain:{ n: 1 }', 'text:after\n', 'text/markdown:two'],
    );
  });

  test('from a timer, reaches the evaluation that started it, marked late', async () => {
    const { ref } = await h.evaluate('setTimeout(() => display(json([1, 2])), 30); 1');
    await h.until(() => h.richOf(ref).length > 0);
    const late = h.outputs.filter((message) => message.evaluationRef === ref && message.late);
    assert.deepEqual(late.flatMap((message) => message.outputs), [{ kind: 'rich', mime: 'application/json', data: '[1,2]' }]);
  });

  test('a promise shows its state, as a cell value would', async () => {
    const { ref } = await h.evaluate('display(Promise.resolve(5))');
    await h.until(() => h.richOf(ref).length > 0);
    assert.equal(stripAnsi(h.richOf(ref)[0]?.data ?? ''), 'Promise { 5 }');
  });

  test('rich output counts against the cap: what does not fit is dropped and counted', async () => {
    const { ref } = await h.evaluate('display(html("x".repeat(60000))); display(html("y".repeat(60000))); display(html("z"))');
    await h.until(() => h.outputsOf(ref).some((output) => output.kind === 'truncated'));
    assert.deepEqual(h.richOf(ref).map((output) => output.data.length), [60000, 1]);
    assert.deepEqual(h.outputsOf(ref).filter((output) => output.kind === 'truncated'), [{ kind: 'truncated', droppedBytes: 60000 }]);
  });
});
