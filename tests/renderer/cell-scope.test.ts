/**
 * What each cell sees of the cells above it in the editor (renderer/editor/cell-scope.ts), with
 * the TypeScript Monaco's worker runs: the names a cell declares, and the prelude that gives it the
 * latest declaration of every name above it and nothing of the cells below.
 */

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { cellFacts, cellPreludes, type ScopedCell, type TypeScriptApi } from '../../renderer/editor/cell-scope.ts';

// Untyped in the package, and an ES module: loaded at run time, the way the worker has it.
const typescriptServices: string = 'monaco-editor/languages/features/typescript/lib/typescriptServices';
let ts: TypeScriptApi;

const file = (name: string, language = 'ts') => `file:///tessera/cell-${name}.${language}`;

describe('cell scope', () => {
  before(async () => {
    ts = ((await import(typescriptServices)) as { typescript: TypeScriptApi }).typescript;
  });

  const cells = (...sources: [name: string, source: string, completing?: boolean][]): ScopedCell[] =>
    sources.map(([name, source, completing = false]) => ({ fileName: file(name), facts: cellFacts(ts, file(name), source), completing }));

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
    const preludes = cellPreludes(cells(['a', 'const x = 1; const y = 2;'], ['b', 'const x = "two";'], ['c', 'x + y', true], ['d', 'const z = 3;']));
    assert.equal(preludes.get(file('a'))?.text, 'export { x, y };\n');
    assert.equal(preludes.get(file('c'))?.text, 'import { x } from "./cell-b.ts"; import { y } from "./cell-a.ts"; export {};\n');
    assert.deepEqual(Object.fromEntries(preludes.get(file('c'))?.imports ?? []), { x: 'const', y: 'const' });
  });

  test('a cell where completion is asked sees every name above it; another only those it mentions; none sees below', () => {
    const preludes = cellPreludes(cells(['a', 'let x = 1; const y = 2;'], ['b', 'x', false], ['c', '', true], ['d', 'const below = 1;']));
    assert.deepEqual([...(preludes.get(file('b'))?.imports.keys() ?? [])], ['x']);
    assert.deepEqual(Object.fromEntries(preludes.get(file('c'))?.imports ?? []), { x: 'let', y: 'const' });
    for (const prelude of preludes.values()) assert.ok(!prelude.imports.has('below'));
  });

  test('a name a cell declares itself is not imported, and one it exports itself is not exported again', () => {
    const preludes = cellPreludes(cells(['a', 'const x = 1;'], ['b', 'export const x = x + 1; const y = 2;', true]));
    assert.equal(preludes.get(file('b'))?.text, 'export { y };\n');
  });

  test('a JavaScript cell and a TypeScript cell import each other by their own extensions', () => {
    const scoped: ScopedCell[] = [
      { fileName: file('a', 'js'), facts: cellFacts(ts, file('a', 'js'), 'var fromJs = 1;'), completing: false },
      { fileName: file('b'), facts: cellFacts(ts, file('b'), 'const fromTs: number = fromJs;'), completing: false },
      { fileName: file('c', 'js'), facts: cellFacts(ts, file('c', 'js'), 'fromTs'), completing: false },
    ];
    const preludes = cellPreludes(scoped);
    assert.match(preludes.get(file('b'))?.text ?? '', /from "\.\/cell-a\.js"/);
    assert.match(preludes.get(file('c', 'js'))?.text ?? '', /from "\.\/cell-b\.ts"/);
  });
});
