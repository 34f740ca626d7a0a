/**
 * What the evaluator remembers of each evaluation's place in its chain, for the two questions
 * about names that the scope objects alone cannot answer: how an earlier cell declared a name
 * (a later `var` keeps a `var`'s binding), and which cell declares a name that code could not see.
 */

import type { EarlierBinding } from '../compile/compile-cell.ts';
import { innermostCell } from './stack-trace.ts';

type Scope = object;

interface EvaluationRecord {
  readonly ref: string;
  readonly label: string;
  readonly prev: string | null;
  /** Empty until the evaluation succeeds: a failed cell defines nothing. */
  readonly defined: ReadonlySet<string>;
}

export class Chains {
  private readonly records = new Map<string, EvaluationRecord>();
  /** The names each scope object's own cell declared with `var` or `function`. */
  private readonly varNames = new WeakMap<Scope, ReadonlySet<string>>();

  /** `cellFile` gives the file name under which an evaluation's code runs (see stack-trace.ts). */
  constructor(private readonly cellFile: (evaluationRef: string) => string) {}

  started(ref: string, label: string, prev: string | null): void {
    this.records.set(ref, { ref, label, prev, defined: new Set() });
  }

  succeeded(ref: string, scope: Scope, defined: readonly string[], vars: readonly string[]): void {
    const record = this.records.get(ref);
    if (record) this.records.set(ref, { ...record, defined: new Set(defined) });
    this.varNames.set(scope, new Set(vars));
  }

  forget(ref: string): void {
    this.records.delete(ref);
  }

  /** How the chain before a cell declared `name`: the nearest scope object that has it decides. */
  earlierBinding(scope: Scope, name: string): EarlierBinding {
    if (!(name in scope)) return undefined;
    for (let owner: Scope | null = scope; owner; owner = Object.getPrototypeOf(owner) as Scope | null) {
      if (Object.hasOwn(owner, name)) return this.varNames.get(owner)?.has(name) ? 'var' : 'lexical';
    }
    return 'lexical';
  }

  /**
   * A function body that names what only a later cell declares fails when it is called: a cell
   * sees only the cells above it. The bare "x is not defined" then says where x is, and why.
   * "Later" is later than the cell whose code failed: a cell on the chain between that one and
   * the running one, or a remembered cell on no chain through them (below them in the notebook).
   * A name the failing cell could already see was missed by `eval` or `new Function`, which read
   * only globals: that message stays as it is.
   */
  explainLaterName(error: unknown, evaluationRef: string | undefined): unknown {
    if (!(error instanceof ReferenceError) || evaluationRef === undefined) return error;
    const message = error.message;
    const name = /^(\S+) is not defined$/.exec(message)?.[1];
    if (!name) return error;
    const failing = innermostCell(error);
    const chain: EvaluationRecord[] = [];
    for (let record = this.records.get(evaluationRef); record; record = record.prev === null ? undefined : this.records.get(record.prev)) {
      chain.push(record);
    }
    const at = chain.findIndex((record) => this.cellFile(record.ref) === failing);
    const defines = (record: EvaluationRecord) => record.defined.has(name);
    if (at >= 0 && chain.slice(at).some(defines)) return error;
    const declaring =
      chain.slice(0, at >= 0 ? at : undefined).find(defines) ??
      [...this.records.values()].reverse().find((record) => !chain.includes(record) && defines(record));
    if (!declaring) return error;
    error.message = `${name} is declared in a later cell (${declaring.label}): a cell sees only the cells above it`;
    if (typeof error.stack === 'string') error.stack = error.stack.replace(`${error.name}: ${message}`, `${error.name}: ${error.message}`);
    return error;
  }
}
