const order = [];
function schedule(label) {
  setTimeout(() => order.push(`${label}:timeout`), 0);
  Promise.resolve().then(() => order.push(`${label}:microtask`));
  queueMicrotask(() => order.push(`${label}:queueMicrotask`));
  order.push(`${label}:sync`);
}

// --- tests
schedule('a');
schedule('b');
await new Promise((resolve) => setTimeout(resolve, 10));
console.log(order.join(' '));
