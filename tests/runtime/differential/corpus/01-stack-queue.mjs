// A stack and a queue, with tests below them.
class Stack {
  #items = [];
  push(item) { this.#items.push(item); return this; }
  pop() {
    if (this.#items.length === 0) throw new RangeError('pop from an empty stack');
    return this.#items.pop();
  }
  get size() { return this.#items.length; }
}

class Queue {
  constructor() { this.head = null; this.tail = null; this.length = 0; }
  enqueue(value) {
    const node = { value, next: null };
    if (this.tail) this.tail.next = node; else this.head = node;
    this.tail = node;
    this.length++;
  }
  dequeue() {
    const node = this.head;
    if (!node) return undefined;
    this.head = node.next;
    if (!this.head) this.tail = null;
    this.length--;
    return node.value;
  }
  *[Symbol.iterator]() { for (let n = this.head; n; n = n.next) yield n.value; }
}

// --- tests
const s = new Stack().push(1).push(2).push(3);
console.log(s.size, s.pop(), s.size);
const q = new Queue();
for (const word of ['a', 'b', 'c']) q.enqueue(word);
console.log([...q].join(','), q.dequeue(), q.length);
try { new Stack().pop(); } catch (error) { console.log(error.name, error.message); }
