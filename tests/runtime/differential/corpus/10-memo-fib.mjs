function memoize(fn) {
  const cache = new Map();
  return function (n) {
    if (!cache.has(n)) cache.set(n, fn.call(this, n));
    return cache.get(n);
  };
}
const fib = memoize((n) => (n < 2 ? n : fib(n - 1) + fib(n - 2)));
const factorial = (n) => (n <= 1n ? 1n : n * factorial(n - 1n));

// --- tests
console.log(fib(50), fib(90));
console.log(factorial(25n).toString());
console.log(typeof fib, fib.length);
