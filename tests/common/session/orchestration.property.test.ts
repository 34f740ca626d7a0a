/**
 * Random sessions against a simulated runtime that keeps real scopes: each evaluation copies the
 * scope of its previous evaluation and binds the names it defines to its own ref. Whatever users
 * and runtimes do, in any order, the session must respect the protocol (one evaluation at a time
 * per container, a previous evaluation that answered well and is not forgotten, each evaluation
 * forgotten at most once), and once the notebook is evaluated, every cell must have seen each name
 * from the current evaluation of the nearest cell above that defines it: no hidden state.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
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
  | { readonly kind: 'delete' | 'queueCell' | 'cancelCell'; readonly cell: number }
  | { readonly kind: 'move'; readonly cell: number; readonly section: number; readonly index: number }
  | { readonly kind: 'queueSection'; readonly section: number }
  | { readonly kind: 'queueAll' | 'cancelAll' | 'interrupt' | 'drop' | 'crashContainer' | 'crashRuntime' }
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
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), section: position, index: position, source }),
  fc.record({ kind: fc.constant('edit' as const), cell: position, source }),
  fc.record({ kind: fc.constantFrom('delete' as const, 'queueCell' as const, 'cancelCell' as const), cell: position }),
  fc.record({ kind: fc.constant('move' as const), cell: position, section: position, index: position }),
  fc.record({ kind: fc.constant('queueSection' as const), section: position }),
  fc.record({
    kind: fc.constantFrom(
      'queueAll' as const,
      'cancelAll' as const,
      'interrupt' as const,
      'drop' as const,
      'crashContainer' as const,
      'crashRuntime' as const,
    ),
  }),
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), count: fc.integer({ min: 1, max: 4 }) }) },
);

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

  newId(): string {
    return `c${this.nextId++}`;
  }

  dispatch(operation: Operation): void {
    const result = applyOperation(this.data, operation);
    if (!result.ok) return; // a lost race, or a random intent that makes no sense
    this.data = result.data;
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
    const sectionId = 'section' in step ? sections[step.section % sections.length]!.id : '';
    switch (step.kind) {
      case 'insert':
        return this.dispatch({ type: 'insertCell', sectionId, index: step.index % 3, cell: code(this.newId(), step.source) });
      case 'edit':
        return cellId === undefined ? undefined : this.dispatch({ type: 'editCell', cellId, source: step.source });
      case 'delete':
        return cellId === undefined ? undefined : this.dispatch({ type: 'deleteCell', cellId });
      case 'queueCell':
        return cellId === undefined ? undefined : this.dispatch({ type: 'queueCellEvaluation', cellId });
      case 'cancelCell':
        return cellId === undefined ? undefined : this.dispatch({ type: 'cancelQueued', cellId });
      case 'move':
        return cellId === undefined ? undefined : this.dispatch({ type: 'moveCell', cellId, sectionId, index: step.index % 3 });
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
    const sections = fc.array(fc.array(source, { maxLength: 4 }), { minLength: 1, maxLength: 3 });
    const steps = fc.array(step, { maxLength: 40 });
    fc.assert(
      fc.property(sections, steps, (sources, script) => {
        const driver = new Driver(sources);
        for (const s of script) driver.run(s);
        driver.finish();
        assert.equal(driver.runtime.outbox.length, 0);
        if (allCodeCells(driver.data.notebook).length > 0) assert.equal(driver.data.runtime, 'connected');
        checkEvaluated(driver);
      }),
      { numRuns: 300 },
    );
  });
});
