import { counter, increment, reset } from './lib/counter.mjs';
import defaultGreeting, * as lib from './lib/counter.mjs';

// --- tests
console.log(counter);
increment();
increment();
console.log(counter, lib.counter);
reset();
console.log(counter, defaultGreeting);
