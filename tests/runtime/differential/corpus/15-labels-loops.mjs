function findPair(numbers, target) {
  outer: for (let i = 0; i < numbers.length; i++) {
    for (let j = i + 1; j < numbers.length; j++) {
      if (numbers[i] + numbers[j] === target) {
        console.log('found', numbers[i], numbers[j]);
        break outer;
      }
      if (numbers[j] > target) continue outer;
    }
  }
}
function primes(limit) {
  const sieve = new Array(limit + 1).fill(true);
  sieve[0] = sieve[1] = false;
  for (let i = 2; i * i <= limit; i++) if (sieve[i]) for (let j = i * i; j <= limit; j += i) sieve[j] = false;
  return sieve.flatMap((isPrime, n) => (isPrime ? [n] : []));
}

// --- tests
findPair([1, 4, 6, 9, 12], 15);
console.log(primes(50).join(','));
let n = 0;
do { n++; } while (n < 5);
let k = 10;
while (k > 0) k -= 3;
console.log(n, k);
