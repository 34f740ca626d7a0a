function quickSort(items, compare = (a, b) => a - b) {
  if (items.length <= 1) return items;
  const [pivot, ...rest] = items;
  const left = rest.filter((x) => compare(x, pivot) < 0);
  const right = rest.filter((x) => compare(x, pivot) >= 0);
  return [...quickSort(left, compare), pivot, ...quickSort(right, compare)];
}
function mergeSort(items) {
  if (items.length < 2) return items;
  const middle = items.length >> 1;
  const a = mergeSort(items.slice(0, middle)), b = mergeSort(items.slice(middle));
  const out = [];
  while (a.length && b.length) out.push(a[0] <= b[0] ? a.shift() : b.shift());
  return out.concat(a, b);
}
function binarySearch(sorted, target) {
  let lo = 0, hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] === target) return mid;
    if (sorted[mid] < target) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const numbers = Array.from({ length: 20 }, () => Math.floor(random() * 100));

// --- tests
const sorted = quickSort(numbers);
console.log(sorted.join(' '));
console.log(mergeSort(numbers).join(' ') === sorted.join(' '));
console.log(binarySearch(sorted, sorted[7]) >= 0, binarySearch(sorted, 1000));
console.log(quickSort(['pear', 'fig', 'apple'], (a, b) => a.localeCompare(b)));
