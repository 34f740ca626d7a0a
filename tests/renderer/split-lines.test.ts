import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineSplitter } from '../../renderer/output/split-lines.ts';

describe('LineSplitter', () => {
  test('splits growing text into lines, the last one partial until its newline comes', () => {
    const splitter = new LineSplitter();
    assert.deepEqual(splitter.split('a\nb'), ['a', 'b']);
    assert.deepEqual(splitter.split('a\nbc\nd\n'), ['a', 'bc', 'd']);
  });

  test('gives the same lines again for unchanged text: no empty line after a final newline', () => {
    const splitter = new LineSplitter();
    const first = splitter.split('1\n2\n');
    assert.deepEqual(splitter.split('1\n2\n'), ['1', '2']);
    assert.equal(splitter.split('1\n2\n'), first);
  });

  test('starts afresh when the text is not a continuation', () => {
    const splitter = new LineSplitter();
    splitter.split('old\n');
    assert.deepEqual(splitter.split('new\ntext'), ['new', 'text']);
  });
});
