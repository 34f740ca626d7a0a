const orders = [
  { customer: 'ann', total: 30, items: ['pen', 'ink'] },
  { customer: 'bob', total: 12, items: ['pad'] },
  { customer: 'ann', total: 8, items: ['pen'] },
  { customer: 'cy', total: 50, items: ['lamp', 'pen'] },
];
const groupBy = (list, key) => list.reduce((groups, item) => ((groups[item[key]] ??= []).push(item), groups), {});
const sum = (list) => list.reduce((a, b) => a + b, 0);
const pipe = (...fns) => (input) => fns.reduce((value, fn) => fn(value), input);

// --- tests
const byCustomer = groupBy(orders, 'customer');
console.log(Object.fromEntries(Object.entries(byCustomer).map(([c, list]) => [c, sum(list.map((o) => o.total))])));
const popular = pipe(
  (list) => list.flatMap((o) => o.items),
  (items) => items.reduce((counts, item) => counts.set(item, (counts.get(item) ?? 0) + 1), new Map()),
  (counts) => [...counts].sort((a, b) => b[1] - a[1])[0],
);
console.log(popular(orders));
