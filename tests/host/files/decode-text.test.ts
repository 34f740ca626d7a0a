import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { decodeUtf8, InvalidUtf8Error } from '../../../host/files/decode-text.ts';
import { TrackedDocumentFiles } from '../../../host/session/document-files.ts';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

describe('decodeUtf8', () => {
  test('gives the text of UTF-8, a byte order mark and every plane included', () => {
    assert.equal(decodeUtf8(bytes('\ufeffé 😀 中\n'), 'f'), '\ufeffé 😀 中\n');
  });

  test('refuses bytes that are not UTF-8 with their offset and line, never replacing them', () => {
    for (const [input, offset, line] of [
      [bytes('ab\ncd', [0xe9], 'x'), 5, 2],
      [bytes('ok', [0xc0, 0xaf]), 2, 1],
      [bytes('a\n\n', [0xed, 0xa0, 0x80]), 3, 3],
      [bytes('é', [0xf4, 0x90, 0x80, 0x80]), 2, 1],
      [bytes('end', [0xe2, 0x82]), 3, 1],
      [bytes([0x80]), 0, 1],
    ] as const) {
      assert.throws(
        () => decodeUtf8(input, '/x/n.tsnb'),
        (error: unknown) => error instanceof InvalidUtf8Error && error.offset === offset && error.line === line && /\/x\/n\.tsnb is not valid UTF-8: line \d+, byte offset \d+/.test(error.message),
        `offset ${offset}`,
      );
    }
  });

  test('a session refuses to open a file that is not UTF-8', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tessera-utf8-')), 'latin1.tsnb');
    writeFileSync(path, bytes('# Caf', [0xe9], '\n'));
    await assert.rejects(new TrackedDocumentFiles().open(path), /latin1\.tsnb is not valid UTF-8: line 1, byte offset 5/);
  });
});
