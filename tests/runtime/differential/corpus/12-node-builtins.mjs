import { join, basename, extname } from 'node:path';
import * as util from 'node:util';
import { EventEmitter } from 'node:events';
import { createHash } from 'node:crypto';
import assert from 'node:assert';

const digest = (s) => createHash('sha256').update(s).digest('hex').slice(0, 12);
class Emitter extends EventEmitter {}

// --- tests
console.log(join('a', 'b', '..', 'c.txt'), basename('/x/y.md'), extname('f.tar.gz'));
console.log(util.format('%s has %d items', 'cart', 3), util.inspect({ a: [1, { b: 2 }] }));
const e = new Emitter();
e.on('ping', (n) => console.log('pong', n));
e.emit('ping', 1);
e.emit('ping', 2);
console.log(digest('tessera'));
assert.deepStrictEqual({ a: 1 }, { a: 1 });
assert.throws(() => { throw new TypeError('x'); }, TypeError);
console.log('assertions passed');
