/**
 * A notebook file's bytes as text, or a refusal that says where the file is not UTF-8. Node's
 * `toString('utf8')` would put U+FFFD in place of bad bytes without a word, and the next save would
 * write that replacement back: the original bytes lost. Refusing, with the byte offset and the
 * line, lets the user find and fix the file (or convert it from its real encoding) instead.
 */

import { isUtf8 } from 'node:buffer';

export class InvalidUtf8Error extends Error {
  override readonly name = 'InvalidUtf8Error';
  constructor(
    readonly file: string,
    /** 0-based offset of the first byte that is not UTF-8. */
    readonly offset: number,
    /** 1-based line it is on. */
    readonly line: number,
  ) {
    super(`${file} is not valid UTF-8: line ${line}, byte offset ${offset}. Tessera does not open it, so that no byte of it is replaced; save it as UTF-8 first.`);
  }
}

/** The text of `bytes`, read from `file`; throws `InvalidUtf8Error` where they are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const offset = firstInvalidByte(bytes);
  let line = 1;
  for (let index = 0; index < offset; index++) if (bytes[index] === 0x0a) line++;
  throw new InvalidUtf8Error(file, offset, line);
}

/** Where a sequence that is not UTF-8 starts (overlong forms, surrogates and values past U+10FFFF included). */
function firstInvalidByte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const first = bytes[index] ?? 0;
    let length: number;
    let min: number;
    if (first < 0x80) {
      index++;
      continue;
    } else if (first >= 0xc2 && first <= 0xdf) {
      [length, min] = [2, 0x80];
    } else if (first >= 0xe0 && first <= 0xef) {
      [length, min] = [3, 0x800];
    } else if (first >= 0xf0 && first <= 0xf4) {
      [length, min] = [4, 0x10000];
    } else {
      return index;
    }
    let value = first & (0xff >> (length + 1));
    for (let next = 1; next < length; next++) {
      const byte = bytes[index + next];
      if (byte === undefined || (byte & 0xc0) !== 0x80) return index;
      value = (value << 6) | (byte & 0x3f);
    }
    if (value < min || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return index;
    index += length;
  }
  return index;
}
