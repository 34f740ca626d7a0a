// Preloaded into a child_process.fork child, this gives it the `process.parentPort` of an Electron
// utility process, so that tests exercise the runtime's utility-process transport without Electron.
const { EventEmitter } = require('node:events');

const parentPort = new EventEmitter();
parentPort.postMessage = (message) => process.send(message);
process.on('message', (data) => parentPort.emit('message', { data }));
process.parentPort = parentPort;
