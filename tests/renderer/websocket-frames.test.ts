/**
 * What the page sends over `tessera serve`'s WebSocket fits what the host accepts: requests go out
 * in frames no larger than the limit, in their order, and one that alone is larger fails by itself
 * with a message rather than closing the connection for all.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WireRequest } from '../../common/bridge/wire.ts';
import { framesOf } from '../../renderer/bridge/websocket-bridge.ts';

const request = (id: number, content: string): WireRequest => ({ id, channel: 'document.changed', args: [{ content }] });
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('bridge frames', () => {
  test('the requests of one turn are one frame when they fit', () => {
    const requests = [request(1, 'a'), request(2, 'b')];
    assert.deepEqual(framesOf(requests, () => assert.fail('nothing is too large')), [JSON.stringify(requests)]);
  });

  test('large requests are split into frames under the limit, in order, and one larger than the limit fails alone', () => {
    const limit = 1000;
    const refused: number[] = [];
    // Two-byte characters: the size that counts is the UTF-8 one, not the string's length.
    const requests = [request(1, 'é'.repeat(300)), request(2, 'x'.repeat(400)), request(3, 'é'.repeat(600)), request(4, 'tail')];
    const frames = framesOf(requests, (refusedRequest) => refused.push(refusedRequest.id), limit);
    assert.deepEqual(refused, [3]);
    for (const frame of frames) assert.ok(bytes(frame) <= limit, `a frame of ${bytes(frame)} bytes`);
    assert.deepEqual(
      frames.flatMap((frame) => (JSON.parse(frame) as WireRequest[]).map((sent) => sent.id)),
      [1, 2, 4],
    );
    assert.ok(frames.length >= 2);
  });
});
