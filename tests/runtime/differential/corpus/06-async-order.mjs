const log = [];
const sleep = (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms));
async function fetchAll(delays) {
  const results = await Promise.all(delays.map((d, i) => sleep(d, `r${i}`)));
  log.push('all');
  return results;
}

// --- tests
const results = await fetchAll([15, 5, 10]);
console.log(results, log);
const first = await Promise.race([sleep(20, 'slow'), sleep(1, 'fast')]);
console.log(first);
const settled = await Promise.allSettled([Promise.reject(new Error('no')), sleep(1, 'yes')]);
console.log(settled.map((s) => s.status + ':' + (s.value ?? s.reason.message)));
