/**
 * Source digests: a cell remembers the digest of the source it last ran, so that "changed since it
 * last ran" and "a cell above changed" are a comparison of two short strings rather than of two
 * sources. Pure arithmetic (common/ has no `crypto`); not a cryptographic hash, only a change check.
 *
 * FNV-1a with 64 bits, over UTF-16 code units: 32 bits would make a missed edit about one in four
 * billion, 64 bits makes it negligible. The 64-bit product is carried in two 32-bit halves, since
 * JavaScript numbers are exact only to 53 bits and BigInt is slow per character.
 */

import type { Language } from '../protocol/runtime.ts';

/** 16 hex digits. */
export type Digest = string;

/** Offset basis 0xcbf29ce484222325, in halves. */
const offsetHigh = 0xcbf29ce4;
const offsetLow = 0x84222325;

/** FNV-1a (64 bits) of a string's UTF-16 code units, as 16 hex digits. */
export function fnv1a64(text: string): Digest {
  let high = offsetHigh;
  let low = offsetLow;
  for (let i = 0; i < text.length; i++) {
    low ^= text.charCodeAt(i);
    // Multiply by the prime 2^40 + 0x1b3: low * 0x1b3 stays below 2^41, so it is exact; its carry,
    // high * 0x1b3 and the low half shifted by 40 (that is, by 8 into the high half) make the new
    // high half, reduced modulo 2^32 by `>>> 0`.
    const lowProduct = (low >>> 0) * 0x1b3;
    const carry = Math.floor(lowProduct / 0x1_0000_0000);
    high = (high * 0x1b3 + carry + ((low << 8) >>> 0)) >>> 0;
    low = lowProduct >>> 0;
  }
  return high.toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}

/** The digest of what an evaluation of a code cell depends on in the cell itself. */
export function sourceDigest(language: Language, source: string): Digest {
  return fnv1a64(`${language}\n${source}`);
}
