const config = { server: { host: 'localhost', port: 8080 }, flags: ['a', 'b', 'c'] };
const { server: { host, port = 80 }, flags: [firstFlag, ...otherFlags] } = config;
const swap = ([a, b]) => [b, a];
function options({ verbose = false, depth = 1, ...rest } = {}) { return { verbose, depth, rest }; }

// --- tests
console.log(host, port, firstFlag, otherFlags);
let x = 1, y = 2;
[x, y] = swap([x, y]);
console.log(x, y);
console.log(options(), options({ verbose: true, extra: 1 }));
const { length, 0: head } = 'text';
console.log(length, head);
