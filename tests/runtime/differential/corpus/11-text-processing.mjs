const text = `The quick brown fox jumps over the lazy dog.
The dog sleeps; the fox runs away.`;
function wordFrequencies(input) {
  const counts = {};
  for (const word of input.toLowerCase().match(/[a-z]+/g)) counts[word] = (counts[word] ?? 0) + 1;
  return Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}
const capitalize = (s) => s.replace(/\b\w/g, (c) => c.toUpperCase());

// --- tests
console.log(wordFrequencies(text).slice(0, 4));
console.log(capitalize('hello wide world'));
console.log('a-b_c d'.split(/[-_ ]/), 'abc'.padStart(6, '.'), 'x'.repeat(3));
const { groups } = /(?<year>\d{4})-(?<month>\d{2})/.exec('2024-05');
console.log(groups.year, groups.month);
