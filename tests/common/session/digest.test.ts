import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fnv1a64, sourceDigest } from '../../../common/session/digest.ts';

describe('fnv1a64', () => {
  test('matches the published FNV-1a 64-bit values for ASCII text', () => {
    assert.equal(fnv1a64(''), 'cbf29ce484222325');
    assert.equal(fnv1a64('a'), 'af63dc4c8601ec8c');
    assert.equal(fnv1a64('foobar'), '85944171f73967e8');
  });

  test('tells apart text that differs in one non-ASCII code unit', () => {
    assert.notEqual(fnv1a64('const π = 3'), fnv1a64('const σ = 3'));
  });
});

describe('sourceDigest', () => {
  test('depends on the language as well as the source', () => {
    assert.notEqual(sourceDigest('js', 'x + 1'), sourceDigest('ts', 'x + 1'));
    assert.equal(sourceDigest('ts', 'x + 1'), sourceDigest('ts', 'x + 1'));
  });
});
