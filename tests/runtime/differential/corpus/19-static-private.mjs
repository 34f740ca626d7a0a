class Registry {
  static #instances = new Map();
  static { Registry.#instances.set('default', new Registry('default')); }
  #name;
  constructor(name) { this.#name = name; }
  static get(name) {
    if (!Registry.#instances.has(name)) Registry.#instances.set(name, new Registry(name));
    return Registry.#instances.get(name);
  }
  static has(name) { return Registry.#instances.has(name); }
  get name() { return this.#name; }
  static isRegistry(value) { return #name in value; }
}

// --- tests
console.log(Registry.has('default'), Registry.has('x'));
const x = Registry.get('x');
console.log(x.name, Registry.get('x') === x, Registry.isRegistry(x), Registry.isRegistry({}));
