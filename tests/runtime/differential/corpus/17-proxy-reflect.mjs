function observable(target, onChange) {
  return new Proxy(target, {
    set(object, key, value) {
      const old = object[key];
      const ok = Reflect.set(object, key, value);
      if (old !== value) onChange(key, old, value);
      return ok;
    },
    has(object, key) { return !String(key).startsWith('_') && key in object; },
  });
}
const changes = [];
const state = observable({ a: 1, _secret: 2 }, (key, from, to) => changes.push(`${key}:${from}->${to}`));

// --- tests
state.a = 2;
state.a = 2;
state.b = 'new';
console.log(changes, 'a' in state, '_secret' in state);
console.log(Reflect.ownKeys(state), Reflect.has(state, 'b'));
const frozen = Object.freeze({ x: 1 });
console.log(Reflect.set(frozen, 'x', 2), frozen.x, Object.isFrozen(frozen));
