export let counter = 0;
export function increment() { counter++; }
export function reset() { counter = 0; }
export default 'hi';
