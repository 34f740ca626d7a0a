const id = Symbol('id');
const registry = new WeakMap();
function tag(object, value) { registry.set(object, value); object[id] = value; return object; }
const described = Symbol.for('app.described');
class Thing {
  [Symbol.toPrimitive](hint) { return hint === 'number' ? 42 : 'thing'; }
  static [Symbol.hasInstance](value) { return value?.isThing === true; }
}

// --- tests
const a = tag({}, 'first');
console.log(registry.get(a), a[id], Object.keys(a).length, id.description);
console.log(Symbol.for('app.described') === described, Symbol.keyFor(described));
console.log(`${new Thing()}`, +new Thing(), { isThing: true } instanceof Thing);
