import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Harness, stripAnsi } from './harness.ts';

let h: Harness;
before(async () => {
  h = await Harness.start();
});
after(() => h.stop());

describe('errors show everything Node shows', () => {
  test('a cause, nested, is shown under the error', async () => {
    const error = await h.error('throw new Error("outer", { cause: new TypeError("middle", { cause: new RangeError("inner") }) })');
    assert.equal(error.name, 'Error');
    assert.equal(error.message, 'outer');
    assert.match(error.stack, /^Error: outer\n {4}at E\d+:1:7/);
    assert.match(error.stack, /\[cause\]: TypeError: middle\n {6}at [^\n]*\n[\s\S]*\[cause\]: RangeError: inner/);
  });

  test("an AggregateError's errors are shown", async () => {
    const error = await h.error('throw new AggregateError([new Error("first"), new SyntaxError("second")], "both failed")');
    assert.equal(error.name, 'AggregateError');
    assert.match(error.stack, /^AggregateError: both failed\n[\s\S]*\[errors\]: \[\n {4}Error: first\n[\s\S]*SyntaxError: second/);
  });

  test('custom properties such as code and status are shown', async () => {
    const error = await h.error('const e = new Error("request failed"); e.code = "E_HTTP"; e.status = 503; throw e');
    assert.match(error.stack, /^Error: request failed\n {4}at [^\n]*\{\n {2}code: 'E_HTTP',\n {2}status: 503\n\}$/);
  });

  test('an error an unhandled rejection carries after the cell shows its cause too', async () => {
    const { ref } = await h.evaluate('Promise.reject(new Error("late", { cause: "why" })); 1');
    await h.until(() => h.outputsOf(ref).some((output) => output.kind === 'error'));
    const late = h.outputsOf(ref).find((output) => output.kind === 'error');
    assert.ok(late?.kind === 'error');
    assert.match(late.error.stack, /Error: late[\s\S]*\[cause\]: 'why'/);
  });

  test('a thrown value that is not an error is shown as the value', async () => {
    const object = await h.error('throw { code: 42, reason: "not an error" }');
    assert.deepEqual(object, { name: 'Uncaught', message: "{ code: 42, reason: 'not an error' }", stack: "Uncaught { code: 42, reason: 'not an error' }" });
    const text = await h.error('throw "plain text"');
    assert.equal(text.stack, "Uncaught 'plain text'");
    const nothing = await h.error('throw undefined');
    assert.equal(nothing.stack, 'Uncaught undefined');
    const unshowable = await h.error('throw { [Symbol.for("nodejs.util.inspect.custom")]() { throw new Error("not this either") } }');
    assert.match(unshowable.stack, /^Uncaught \[the value could not be shown: inspecting it threw Error: not this either/);
  });

  test('an error from another realm is still an error', async () => {
    const error = await h.error('throw require("node:vm").runInNewContext("new RangeError(\'elsewhere\')")');
    assert.equal(error.name, 'RangeError');
    assert.match(error.stack, /^RangeError: elsewhere/);
  });
});

describe('a value whose inspect.custom throws', () => {
  const throwing = 'const broken = { [Symbol.for("nodejs.util.inspect.custom")]() { throw new Error("cannot show me") }, ok: true }';

  test('shows the display failing, without failing the cell or losing its bindings', async () => {
    const first = await h.evaluate(`${throwing}; broken`);
    assert.ok(first.response.result.ok, 'the cell succeeded');
    assert.match(first.value, /^\[the value could not be shown: inspecting it threw Error: cannot show me\n {4}at /);
    const next = await h.evaluate('broken.ok', { after: first.ref });
    assert.equal(next.value, 'true');
  });

  test('display() of it shows the failure in its place, and the cell goes on', async () => {
    const { ref, value } = await h.evaluate(`${throwing}; display(broken); "went on"`);
    assert.equal(value, "'went on'");
    const [shown] = h.richOf(ref);
    assert.match(stripAnsi(shown?.data ?? ''), /^\[the value could not be shown: inspecting it threw Error: cannot show me/);
  });

  test('an error whose inspect throws still shows its stack', async () => {
    const error = await h.error('const e = new Error("odd"); e[Symbol.for("nodejs.util.inspect.custom")] = () => { throw new Error("no") }; throw e');
    assert.match(error.stack, /^Error: odd\n {4}at E\d+:1:/);
  });
});
