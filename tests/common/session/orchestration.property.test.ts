/**
 * Random sessions against a simulated runtime that keeps real scopes: each evaluation copies the
 * scope of its previous evaluation and binds the names it defines to its own ref. Whatever users
 * and runtimes do, in any order, the session must respect the protocol (one evaluation at a time
 * per container, a previous evaluation that answered well and is not forgotten, each evaluation
 * forgotten at most once), it must know every code cell of the notebook after each operation (cells
 * and sections come and go, through the bin too), and once the notebook is evaluated, the runtime
 * must hold only the evaluations that cells have, and every cell must have seen each name from the
 * current evaluation of the nearest cell above that defines it: no hidden state.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Language } from '../../../common/protocol/runtime.ts';
import type { Action } from '../../../common/session/actions.ts';
import { newSessionData, type SessionData } from '../../../common/session/data.ts';
import { allCodeCells, containerCodeCells, flowSections, mainContainer } from '../../../common/session/flow.ts';
import { applyOperation, type Operation } from '../../../common/session/operations.ts';
import { assessContainer } from '../../../common/session/staleness.ts';
import { analyse, code, markdown, notebookOf, respond, section } from './support.ts';

interface SimulatedEvaluation {
  status: 'ok' | 'failed' | 'forgotten' | 'lost';
  readonly scope: ReadonlyMap<string, string>;
  /** The value (the defining evaluation's ref) of each name the cell used, as it saw it. */
  readonly seen: ReadonlyMap<string, string | undefined>;
}

/** The runtime: answers each evaluation at once, into an outbox the session reads step by step. */
class SimulatedRuntime {
  connected = false;
  readonly evaluations = new Map<string, SimulatedEvaluation>();
  outbox: Operation[] = [];

  perform(action: Action): void {
    if (action.type === 'connectRuntime') {
      assert.equal(this.connected, false, 'connectRuntime while a runtime is connected');
      this.connected = true;
      this.outbox.push({ type: 'runtimeConnected' });
      return;
    }
    // A dead process receives nothing; the session learns of its death from the outbox.
    if (!this.connected) return;
    switch (action.type) {
      case 'evaluate': {
        assert.equal(this.evaluations.has(action.evaluationRef), false, `evaluation ref ${action.evaluationRef} reused`);
        assert.equal(
          this.outbox.some((operation) => operation.type === 'evaluationResponded'),
          false,
          'an evaluation was sent before the previous one was answered',
        );
        let scope = new Map<string, string>();
        let failed = false;
        if (action.prevEvaluationRef !== null) {
          const prev = this.evaluations.get(action.prevEvaluationRef);
          assert.ok(prev !== undefined, `unknown prev ${action.prevEvaluationRef}`);
          // The container died and the session does not know yet: the runtime answers with an error.
          if (prev.status === 'lost') failed = true;
          else assert.equal(prev.status, 'ok', `prev ${action.prevEvaluationRef} is ${prev.status}`);
          scope = new Map(prev.scope);
        }
        const { defined, used, fails } = analyse(action.code);
        const seen = new Map(used.map((name) => [name, scope.get(name)]));
        for (const name of defined) scope.set(name, action.evaluationRef);
        const response = respond(action);
        this.evaluations.set(action.evaluationRef, { status: failed || fails ? 'failed' : 'ok', scope, seen });
        this.outbox.push(
          failed ? { ...response, result: { ok: false, error: { name: 'Error', message: 'no prev', stack: '' } } } : response,
        );
        return;
      }
      case 'forget': {
        const evaluation = this.evaluations.get(action.evaluationRef);
        assert.ok(evaluation !== undefined, `forget of unknown ${action.evaluationRef}`);
        assert.notEqual(evaluation.status, 'forgotten', `${action.evaluationRef} forgotten twice`);
        assert.equal(
          this.outbox.some((operation) => operation.type === 'evaluationResponded' && operation.evaluationRef === action.evaluationRef),
          false,
          `forget of ${action.evaluationRef} before its answer arrived`,
        );
        evaluation.status = 'forgotten';
        return;
      }
      case 'drop':
        this.crashContainer();
        return;
      case 'interrupt':
        // Every evaluation has answered already: nothing to stop.
        return;
    }
  }

  crashContainer(): void {
    if (!this.connected) return;
    this.loseEvaluations();
    this.outbox.push({ type: 'containerDown', containerRef: mainContainer });
  }

  crashRuntime(): void {
    if (!this.connected) return;
    this.loseEvaluations();
    this.connected = false;
    this.outbox = [{ type: 'runtimeDown' }];
  }

  private loseEvaluations(): void {
    for (const evaluation of this.evaluations.values()) {
      if (evaluation.status === 'ok' || evaluation.status === 'failed') evaluation.status = 'lost';
    }
  }
}

type Step =
  | { readonly kind: 'insert'; readonly section: number; readonly index: number; readonly source: string }
  | { readonly kind: 'edit'; readonly cell: number; readonly source: string }
  | { readonly kind: 'setLanguage'; readonly cell: number; readonly language: Language }
  | { readonly kind: 'delete' | 'queueCell' | 'cancelCell'; readonly cell: number }
  | { readonly kind: 'move'; readonly cell: number; readonly section: number; readonly index: number }
  | { readonly kind: 'insertSection'; readonly index: number; readonly sources: readonly string[] }
  | { readonly kind: 'deleteSection' | 'queueSection'; readonly section: number }
  | { readonly kind: 'moveSection'; readonly section: number; readonly index: number }
  | { readonly kind: 'restore'; readonly entry: number }
  | { readonly kind: 'queueAll' | 'cancelAll' | 'interrupt' | 'drop' | 'crashContainer' | 'crashRuntime' | 'emptyBin' }
  | { readonly kind: 'deliver'; readonly count: number };

const name = fc.constantFrom('a', 'b', 'c', 'd');
const source = fc.oneof(
  { weight: 3, arbitrary: name.map((n) => `const ${n} = 1`) },
  { weight: 3, arbitrary: fc.tuple(name, name).map(([n, m]) => `const ${n} = ${m} + 1`) },
  { weight: 3, arbitrary: fc.tuple(name, name).map(([n, m]) => `${n} + ${m}`) },
  { weight: 1, arbitrary: name.map((n) => `throw ${n}`) },
  { weight: 1, arbitrary: fc.constant('') },
);
const position = fc.nat(20);
/**
 * A random step. With `crashes`, containers and the runtime also die by themselves; without, the
 * only container that ends is one the session dropped.
 */
function stepArbitrary(crashes: boolean): fc.Arbitrary<Step> {
  const intents = ['queueAll', 'cancelAll', 'interrupt', 'drop', 'emptyBin'] as const;
  const faults = crashes ? (['crashContainer', 'crashRuntime'] as const) : [];
  return fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), section: position, index: position, source }),
    fc.record({ kind: fc.constant('edit' as const), cell: position, source }),
    fc.record({ kind: fc.constant('setLanguage' as const), cell: position, language: fc.constantFrom<Language>('js', 'ts') }),
    fc.record({ kind: fc.constantFrom('delete' as const, 'queueCell' as const, 'cancelCell' as const), cell: position }),
    fc.record({ kind: fc.constant('move' as const), cell: position, section: position, index: position }),
    fc.record({ kind: fc.constant('insertSection' as const), index: position, sources: fc.array(source, { maxLength: 2 }) }),
    fc.record({ kind: fc.constantFrom('deleteSection' as const, 'queueSection' as const), section: position }),
    fc.record({ kind: fc.constant('moveSection' as const), section: position, index: position }),
    fc.record({ kind: fc.constant('restore' as const), entry: position }),
    fc.record({ kind: fc.constantFrom(...intents, ...faults) }),
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), count: fc.integer({ min: 1, max: 4 }) }) },
  );
}

const sections = fc.array(fc.array(source, { maxLength: 4 }), { minLength: 1, maxLength: 3 });

class Driver {
  data: SessionData;
  readonly runtime = new SimulatedRuntime();
  private nextId = 1;

  constructor(sources: readonly (readonly string[])[]) {
    const sections = sources.map((cells, index) =>
      section(`s${index}`, [markdown(`m${index}`, 'Notes'), ...cells.map((text) => code(this.newId(), text))]),
    );
    this.data = newSessionData(notebookOf(...sections));
  }

  /** Cells and sections share one space of ids. */
  newId(prefix = 'c'): string {
    return `${prefix}${this.nextId++}`;
  }

  dispatch(operation: Operation): void {
    const result = applyOperation(this.data, operation);
    if (!result.ok) return; // a lost race, or a random intent that makes no sense
    this.data = result.data;
    checkCellInfos(this.data);
    for (const action of result.actions) this.runtime.perform(action);
  }

  deliver(count: number): void {
    for (let i = 0; i < count; i++) {
      const operation = this.runtime.outbox.shift();
      if (operation === undefined) return;
      // A session that never settles must fail, not hang the test run.
      assert.ok(i < 10_000, 'the runtime is never quiet');
      this.dispatch(operation);
    }
  }

  run(step: Step): void {
    const sections = flowSections(this.data.notebook);
    const cells = sections.flatMap((s) => s.cells);
    const cellId = 'cell' in step ? cells[step.cell % Math.max(cells.length, 1)]?.id : undefined;
    // The setup section is among them, so that its refusals are tried too.
    const sectionId = 'section' in step ? sections[step.section % sections.length]!.id : '';
    const bin = this.data.notebook.bin ?? [];
    const entry = 'entry' in step ? bin[step.entry % Math.max(bin.length, 1)] : undefined;
    switch (step.kind) {
      case 'insert':
        return this.dispatch({ type: 'insertCell', sectionId, index: step.index % 3, cell: code(this.newId(), step.source) });
      case 'edit':
        return cellId === undefined ? undefined : this.dispatch({ type: 'editCell', cellId, source: step.source });
      case 'setLanguage':
        return cellId === undefined ? undefined : this.dispatch({ type: 'setCellLanguage', cellId, language: step.language });
      case 'delete':
        return cellId === undefined ? undefined : this.dispatch({ type: 'deleteCell', cellId });
      case 'queueCell':
        return cellId === undefined ? undefined : this.dispatch({ type: 'queueCellEvaluation', cellId });
      case 'cancelCell':
        return cellId === undefined ? undefined : this.dispatch({ type: 'cancelQueued', cellId });
      case 'move':
        return cellId === undefined ? undefined : this.dispatch({ type: 'moveCell', cellId, sectionId, index: step.index % 3 });
      case 'insertSection': {
        const cells = step.sources.map((text) => code(this.newId(), text));
        const index = step.index % (this.data.notebook.sections.length + 1);
        return this.dispatch({ type: 'insertSection', index, section: section(this.newId('s'), cells) });
      }
      case 'deleteSection':
        return this.dispatch({ type: 'deleteSection', sectionId });
      case 'moveSection':
        return this.dispatch({ type: 'moveSection', sectionId, index: step.index % Math.max(sections.length - 1, 1) });
      case 'restore':
        if (entry === undefined) return undefined;
        return this.dispatch({ type: 'restoreFromBin', id: entry.kind === 'cell' ? entry.cell.id : entry.section.id });
      case 'emptyBin':
        return this.dispatch({ type: 'emptyBin' });
      case 'queueSection':
        return this.dispatch({ type: 'queueSectionEvaluation', sectionId });
      case 'queueAll':
        return this.dispatch({ type: 'queueAllEvaluation' });
      case 'cancelAll':
        return this.dispatch({ type: 'cancelQueued' });
      case 'interrupt':
        return this.dispatch({ type: 'interrupt', containerRef: mainContainer });
      case 'drop':
        return this.dispatch({ type: 'dropContainer', containerRef: mainContainer });
      case 'crashContainer':
        return this.runtime.crashContainer();
      case 'crashRuntime':
        return this.runtime.crashRuntime();
      case 'deliver':
        return this.deliver(step.count);
    }
  }

  /** Delivers everything, evaluates the whole notebook, and delivers until the runtime is quiet. */
  finish(): void {
    this.deliver(Infinity);
    this.dispatch({ type: 'queueAllEvaluation' });
    this.deliver(Infinity);
  }
}

/** The session knows every code cell of the notebook, and nothing else: `getCellInfo` never throws. */
function checkCellInfos(data: SessionData): void {
  assert.deepEqual(
    [...data.cells.keys()].sort(),
    allCodeCells(data.notebook)
      .map((cell) => cell.id)
      .sort(),
  );
}

/**
 * Checks that the runtime holds exactly the evaluations that cells of the notebook have: replaced
 * ones, those of deleted cells, and one sent after its container crashed but before the session
 * heard of it (it runs in a fresh container) were all forgotten.
 */
function checkNothingLeaks(driver: Driver): void {
  const held = [...driver.runtime.evaluations]
    .filter(([, evaluation]) => evaluation.status === 'ok' || evaluation.status === 'failed')
    .map(([evaluationRef]) => evaluationRef);
  const current = [...driver.data.cells.values()].flatMap((info) => (info.evaluation === null ? [] : [info.evaluation.evaluationRef]));
  assert.deepEqual(held.sort(), current.sort());
}

/** Checks that each cell above the first failing one is up to date and saw the right bindings. */
function checkEvaluated(driver: Driver): void {
  const { data, runtime } = driver;
  const cells = containerCodeCells(data.notebook, mainContainer);
  const standings = assessContainer(data, mainContainer);
  const evaluationOf = new Map<string, string>();
  for (const [index, cell] of cells.entries()) {
    const info = data.cells.get(cell.id)!;
    if (analyse(cell.source).fails) {
      assert.equal(info.validity, 'errored', `${cell.id} should have failed`);
      return;
    }
    assert.equal(info.validity, 'evaluated', `${cell.id} is ${info.validity}`);
    assert.equal(info.queued, false);
    assert.equal(standings.get(cell.id)?.upToDate, true, `${cell.id} is not up to date`);
    const evaluationRef = info.evaluation!.evaluationRef;
    evaluationOf.set(cell.id, evaluationRef);
    const seen = runtime.evaluations.get(evaluationRef)!.seen;
    for (const name of analyse(cell.source).used) {
      const definer = cells.slice(0, index).findLast((above) => analyse(above.source).defined.includes(name));
      const expected = definer === undefined ? undefined : evaluationOf.get(definer.id);
      assert.equal(seen.get(name), expected, `${cell.id} saw ${name} from ${seen.get(name)}, not ${expected}`);
    }
  }
}

describe('a session driven at random', () => {
  test('respects the protocol and leaves no hidden state once evaluated', () => {
    const steps = fc.array(stepArbitrary(true), { maxLength: 40 });
    fc.assert(
      fc.property(sections, steps, (sources, script) => {
        const driver = new Driver(sources);
        for (const s of script) driver.run(s);
        driver.finish();
        assert.equal(driver.runtime.outbox.length, 0);
        if (allCodeCells(driver.data.notebook).length > 0) assert.equal(driver.data.runtime, 'connected');
        checkNothingLeaks(driver);
        checkEvaluated(driver);
      }),
      { numRuns: 300 },
    );
  });

  // Long scripts, so that deletions, moves and restores meet running and queued cells. Without
  // crashes: a crash reported while a drop is under way passes for the drop's own `containerDown`
  // (the operation has no reason), and the session then sends an evaluation too early.
  test('keeps the same promises through long editing sessions', () => {
    const steps = fc.array(stepArbitrary(false), { maxLength: 60, size: 'max' });
    fc.assert(
      fc.property(sections, steps, (sources, script) => {
        const driver = new Driver(sources);
        for (const s of script) driver.run(s);
        driver.finish();
        assert.equal(driver.runtime.outbox.length, 0);
        checkNothingLeaks(driver);
        checkEvaluated(driver);
      }),
      { numRuns: 200 },
    );
  });
});
