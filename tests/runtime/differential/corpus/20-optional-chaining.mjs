const users = [
  { name: 'ada', address: { city: 'London' }, greet() { return `hi ${this.name}`; } },
  { name: 'bob' },
  null,
];
const city = (user) => user?.address?.city ?? 'unknown';
const greeting = (user) => user?.greet?.() ?? 'no greeting';
let calls = 0;
const config = { retries: 0, name: '' };

// --- tests
console.log(users.map(city), users.map(greeting));
config.retries ||= 3;
config.name ??= 'default';
config.timeout ??= ++calls;
config.timeout ??= ++calls;
console.log(config, calls);
console.log(users[5]?.name, users[1]?.['name']);
