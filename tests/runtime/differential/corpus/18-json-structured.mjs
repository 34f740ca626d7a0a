const data = {
  name: 'inventory',
  items: [{ id: 1, tags: ['a'] }, { id: 2, tags: [] }],
  created: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
  big: 12345678901234567890n,
};
const replacer = (key, value) => (typeof value === 'bigint' ? `${value}n` : value);
const reviver = (key, value) => (typeof value === 'string' && /^\d+n$/.test(value) ? BigInt(value.slice(0, -1)) : value);

// --- tests
const text = JSON.stringify(data, replacer, 1);
console.log(text.split('\n').length, text.includes('2024-01-02T03:04:05.000Z'));
const back = JSON.parse(text, reviver);
console.log(back.big === data.big, back.items[0].tags);
const copy = structuredClone({ when: data.created, list: new Set([1, 2]) });
console.log(copy.when.getTime() === data.created.getTime(), copy.list.has(2));
