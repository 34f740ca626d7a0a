/**
 * Programs written in the no-semicolon style, generated from statements that stress every place
 * the compiler rewrites code (calls of earlier functions, tagged templates, `new`, optional calls,
 * shorthand properties, class heritage, loops, `var`, imports moved to the top of their cell) next to lines that begin with `(`, `[` or a
 * template, which continue the line before when it has no semicolon, in Node as in a cell.
 */

import fc from 'fast-check';

/** The first cell of every generated program: the bindings the statements below use (its `;` ends it in Node too). */
export const helpers = `function f(x) { return x * 10 }
function tag(strings, ...values) { return strings.join('_') + values.join('') }
class K { constructor(v) { this.v = v } show() { return 'K' + this.v } }
const arr = [1, 2, 3]
let log = (...values) => console.log(...values)
const obj = { fn: f, n: 1 }
var total = 0;
`;

/** Each template makes one statement from a number, which keeps statements apart. */
const templates: readonly ((n: number) => string)[] = [
  (n) => `const a${n} = () => log`,
  (n) => `let b${n} = arr`,
  (n) => `f(${n})`,
  (n) => `log(f(${n}))`,
  (n) => `tag\`x${n}\``,
  (n) => `log(tag\`t\${${n}}\`)`,
  (n) => `log(new K(${n}).show())`,
  (n) => `f?.(${n})`,
  (n) => `[${n}, ${n + 1}].forEach(x => log(x))`,
  (n) => `(f)(${n})`,
  (n) => `\`tpl${n}\`.length`,
  (n) => `log({ f, arr, n: ${n} }.arr.length)`,
  (n) => `var total = total + f(${n})\nlog(total)`,
  (n) => `function g${n}() {\n  const k = new K(${n})\n  f(${n})\n  return k.show()\n}\nlog(g${n}())`,
  (n) => `class C${n} extends K { show() { return 'C' + super.show() } }\nlog(new C${n}(${n}).show())`,
  (n) => `for (let i = 0; i < 2; i++) log(f(i + ${n}))`,
  (n) => `if (arr.length) f(${n})`,
  (n) => `log(typeof f, typeof a${n})`,
  (n) => `-f(${n})`,
  (n) => `log(obj.fn(${n}))`,
  (n) => `import { sep as sep${n} } from 'node:path'\n(log)(sep${n})`,
  (n) => `const { n: n${n} } = obj\nlog({ n${n} })`,
  (n) => `var v${n} = () => ${n}\nvar v${n} = function () {}\nlog(v${n}.name, v${n}())`,
];

/** Programs: each a few statements, one per line, none ending with a semicolon. */
export const programs: fc.Arbitrary<string> = fc
  .array(fc.nat({ max: templates.length - 1 }), { minLength: 3, maxLength: 9 })
  .map((picks) => picks.map((pick, n) => templates[pick]!(n)).join('\n') + '\n');
