async function* ticker(count) {
  for (let i = 0; i < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    yield i;
  }
}
async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}
const retry = async (fn, attempts) => {
  for (let i = 1; ; i++) {
    try { return await fn(i); } catch (error) { if (i >= attempts) throw error; }
  }
};

// --- tests
console.log(await collect(ticker(4)));
console.log(await retry(async (i) => { if (i < 3) throw new Error(`fail ${i}`); return `ok after ${i}`; }, 5));
await retry(async (i) => { throw new Error(`always ${i}`); }, 2).catch((e) => console.log(e.message));
