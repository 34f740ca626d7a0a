/**
 * What each cell sees of the cells above it in the editor (renderer/editor/cell-scope.ts), with
 * the TypeScript Monaco's worker runs: the names a cell declares, and the prelude that gives it the
 * latest declaration of every name above it and nothing of the cells below.
 */

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { cellFacts, cellPreludes, namesAbove, type ScopedCell, type TypeScriptApi } from '../../renderer/editor/cell-scope.ts';

// Untyped in the package, and an ES module: loaded at run time, the way the worker has it.
const typescriptServices: string = 'monaco-editor/languages/features/typescript/lib/typescriptServices';
let ts: TypeScriptApi;

const file = (name: string, language = 'ts') => `file:///tessera/cell-${name}.${language}`;

describe('cell scope', () => {
  before(async () => {
    ts = ((await import(typescriptServices)) as { typescript: TypeScriptApi }).typescript;
  });

  const cells = (...sources: [name: string, source: string][]): ScopedCell[] => sources.map(([name, source]) => ({ fileName: file(name), facts: cellFacts(ts, file(name), source) }));

  test('a cell declares its top-level names, with how', () => {
    const facts = cellFacts(
      ts,
      file('a'),
      `import fs, { readFile as read } from 'node:fs';
import * as path from 'node:path';
const { a, b: [c, ...d] } = source, e = 1;
let f; var g;
function h() { var local = 1; }
class I {}
interface J {}
type K = string;
enum L { One }
namespace M {}
declare global { var notMine: number }
if (ready) { var hoisted = 1; let blockScoped = 2; }
for (var index = 0; index < 3; index++) {}
export const exported = 1;
export default function shown() {}
export { e as renamed };`,
    );
    assert.deepEqual(Object.fromEntries(facts.declared), {
      fs: 'alias',
      read: 'alias',
      path: 'alias',
      a: 'const',
      c: 'const',
      d: 'const',
      e: 'const',
      f: 'let',
      g: 'var',
      h: 'function',
      I: 'class',
      J: 'interface',
      K: 'type',
      L: 'enum',
      M: 'module',
      hoisted: 'var',
      index: 'var',
      exported: 'const',
      shown: 'function',
    });
    assert.deepEqual([...facts.exported].sort(), ['exported', 'renamed']);
    assert.ok(facts.mentioned.has('source') && facts.mentioned.has('ready'));
  });

  test('a cell imports each name above from the cell that declared it last, and exports its own', () => {
    const preludes = cellPreludes(cells(['a', 'const x = 1; const y = 2;'], ['b', 'const x = "two";'], ['c', 'x + y'], ['d', 'const z = 3;']));
    assert.equal(preludes.get(file('a'))?.text, 'export { x, y };\n');
    assert.equal(preludes.get(file('c'))?.text, 'import { x } from "./cell-b.ts"; import { y } from "./cell-a.ts"; export {};\n');
    assert.deepEqual(Object.fromEntries(preludes.get(file('c'))?.imports ?? []), { x: 'const', y: 'const' });
  });

  test('a cell imports only the names it mentions; every name above it is known for completion; none sees below', () => {
    const scoped = cells(['a', 'let x = 1; const y = 2;'], ['b', 'x'], ['c', ''], ['d', 'const below = 1;']);
    const preludes = cellPreludes(scoped);
    assert.deepEqual([...(preludes.get(file('b'))?.imports.keys() ?? [])], ['x']);
    assert.equal(preludes.get(file('c'))?.imports.size, 0);
    for (const prelude of preludes.values()) assert.ok(!prelude.imports.has('below'));
    const above = namesAbove(scoped, file('c'));
    assert.deepEqual(Object.fromEntries(above), { x: { fileName: file('a'), how: 'let' }, y: { fileName: file('a'), how: 'const' } });
    assert.deepEqual(Object.fromEntries(scoped[0]?.facts.declaredAt ?? []), { x: 4, y: 17 });
  });

  test('a name a cell declares itself is not imported, and one it exports itself is not exported again', () => {
    const preludes = cellPreludes(cells(['a', 'const x = 1;'], ['b', 'export const x = x + 1; const y = 2;']));
    assert.equal(preludes.get(file('b'))?.text, 'export { y };\n');
  });

  test('a JavaScript cell and a TypeScript cell import each other by their own extensions', () => {
    const scoped: ScopedCell[] = [
      { fileName: file('a', 'js'), facts: cellFacts(ts, file('a', 'js'), 'var fromJs = 1;') },
      { fileName: file('b'), facts: cellFacts(ts, file('b'), 'const fromTs: number = fromJs;') },
      { fileName: file('c', 'js'), facts: cellFacts(ts, file('c', 'js'), 'fromTs') },
    ];
    const preludes = cellPreludes(scoped);
    assert.match(preludes.get(file('b'))?.text ?? '', /from "\.\/cell-a\.js"/);
    assert.match(preludes.get(file('c', 'js'))?.text ?? '', /from "\.\/cell-b\.ts"/);
  });
});
