function makeCounter(start = 0) {
  let count = start;
  return {
    inc() { return ++count; },
    dec() { return --count; },
    get value() { return count; },
  };
}
let shared = 10;
const bump = () => { shared += 5; return shared; };

// --- tests
const c = makeCounter(3);
c.inc(); c.inc(); c.dec();
console.log(c.value);
bump();
console.log(shared, bump(), shared);
shared = 0;
console.log(bump());
