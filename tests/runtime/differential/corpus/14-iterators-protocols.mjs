class Matrix {
  constructor(rows) { this.rows = rows; }
  *[Symbol.iterator]() { for (const row of this.rows) yield* row; }
  get [Symbol.toStringTag]() { return 'Matrix'; }
  map(fn) { return new Matrix(this.rows.map((row) => row.map(fn))); }
  transpose() { return new Matrix(this.rows[0].map((_, i) => this.rows.map((row) => row[i]))); }
}
const m = new Matrix([[1, 2, 3], [4, 5, 6]]);

// --- tests
console.log([...m], Math.max(...m));
console.log(m.transpose().rows, Object.prototype.toString.call(m));
console.log([...m.map((x) => x * x)].reduce((a, b) => a + b, 0));
const entries = new Map([['a', 1], ['b', 2]]);
for (const [key, value] of entries) console.log(key, value);
console.log(Array.from({ length: 3 }, (_, i) => i * 2), new Set('hello').size);
