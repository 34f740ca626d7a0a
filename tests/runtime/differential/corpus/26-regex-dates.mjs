const log = `2024-03-01 ERROR disk full
2024-03-01 INFO started
2024-03-02 ERROR network down
2024-03-03 WARN slow`;
const entry = /^(?<date>\S+) (?<level>[A-Z]+) (?<message>.+)$/gm;
function parseLog(text) { return [...text.matchAll(entry)].map((m) => ({ ...m.groups })); }
const day = (iso) => new Date(`${iso}T00:00:00Z`).getUTCDay();

// --- tests
const entries = parseLog(log);
console.log(entries.filter((e) => e.level === 'ERROR').map((e) => e.message));
console.log(entries.map((e) => day(e.date)));
console.log('a1b22c333'.replace(/\d+/g, (d) => `[${d.length}]`), /(\w)\1/.test('hello'));
