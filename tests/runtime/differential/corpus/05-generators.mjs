function* range(start, end, step = 1) {
  for (let i = start; i < end; i += step) yield i;
}
function* take(iterable, n) {
  if (n <= 0) return;
  for (const item of iterable) {
    yield item;
    if (--n === 0) return;
  }
}
function* fibonacci() {
  let [a, b] = [0, 1];
  while (true) { yield a; [a, b] = [b, a + b]; }
}

// --- tests
console.log([...range(0, 10, 3)]);
console.log([...take(fibonacci(), 10)].join(' '));
const it = range(0, 2);
console.log(it.next(), it.next(), it.next());
