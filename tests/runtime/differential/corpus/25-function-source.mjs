// Serialising functions by their source, as workers and page.evaluate do.
const scale = 3;
const double = (x) => x * 2;
function compose(...fns) { return (x) => fns.reduceRight((v, f) => f(v), x); }
function serialise(fn) { return fn.toString(); }

// --- tests
console.log(serialise(double));
console.log(serialise(compose));
const revived = new Function(`return (${serialise(double)})`)();
console.log(revived(21), compose(double, double)(scale));
console.log(serialise(function named(a, b = scale) { return a + b + scale; }));
console.log(serialise(class Point { constructor(x) { this.x = x * scale; } }));
