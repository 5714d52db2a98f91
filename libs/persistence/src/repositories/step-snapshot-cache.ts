import { deepFreeze, frozenCopy, type StepRecord } from '@baton/engine';

/** A step row as read, with the revision of the unit of work that wrote it. */
export interface RevisedStep {
  step: StepRecord;
  revision: number;
}

interface CachedSteps {
  /** `executions.revision` the steps are known complete at. */
  revision: number;
  steps: Map<string, RevisedStep>;
  /**
   * The steps as the list loads hand out (a changed row keeps its place, new rows come last:
   * the engine's indexes compare it by position). Copied before a change once handed out, so a
   * holder's list never changes under it; a load costs no pass over the steps.
   */
  list: StepRecord[];
  positions: Map<string, number>;
  handedOut: boolean;
  /** Columns of the execution row that never change after insert (definition, input...): read once. */
  fixed?: Record<string, unknown>;
}

/**
 * The step rows this process last saw of recently touched executions, each entry with the
 * revision it is complete at. Every write stamps the execution's new revision on the rows it
 * writes, so "cached at n, plus the rows with revision > n" is the current state; a row only
 * replaces a cached one written at the same or an earlier revision, so two reads that overlap
 * cannot put an older row back. Entries are frozen: units of work share them instead of copying
 * them. The least recently used entries go first.
 */
export class StepSnapshotCache {
  private readonly entries = new Map<string, CachedSteps>();

  constructor(private readonly maxExecutions = 256) {}

  /** The revision the execution's steps are cached at, or null when nothing is cached. */
  revisionOf(executionId: string): number | null {
    return this.entries.get(executionId)?.revision ?? null;
  }

  /**
   * Merges rows read at `revision` into the entry (all of the execution's rows when `complete`)
   * and returns every cached step; null when the entry the caller read a delta for was evicted
   * meanwhile (then read all rows).
   */
  advance(executionId: string, revision: number, rows: RevisedStep[], complete: boolean): StepRecord[] | null {
    const known = complete ? undefined : this.entries.get(executionId);
    if (!complete && !known) return null;
    const entry: CachedSteps = known ?? {
      revision,
      steps: new Map(),
      list: [],
      positions: new Map(),
      handedOut: false,
    };
    for (const row of rows) {
      const current = entry.steps.get(row.step.stepId);
      if (!current || current.revision <= row.revision) put(entry, deepFreeze(row.step), row.revision);
    }
    entry.revision = Math.max(entry.revision, revision);
    this.touch(executionId, entry);
    entry.handedOut = true;
    return entry.list;
  }

  /**
   * After a commit at `revision`: the rows it saved join the entry (never over a newer one). The
   * entry becomes complete at `revision` only if it was complete at the revision before; when
   * other commits lie between (another process, or a later unit of work of this process that
   * loaded first), it stays at its revision and the next load reads what lies above.
   */
  committed(executionId: string, revision: number, saved: StepRecord[]): void {
    const known = this.entries.get(executionId);
    if (!known) return;
    for (const step of saved) {
      const current = known.steps.get(step.stepId);
      if (!current || current.revision <= revision) put(known, frozenCopy(step), revision);
    }
    if (known.revision === revision - 1) known.revision = revision;
  }

  /** The step as the cache holds it: the row as committed at the revision the entry is complete at. */
  peek(executionId: string, stepId: string): StepRecord | undefined {
    return this.entries.get(executionId)?.steps.get(stepId)?.step;
  }

  /** The execution row's columns that never change, when an earlier load kept them. */
  fixedOf(executionId: string): Record<string, unknown> | undefined {
    return this.entries.get(executionId)?.fixed;
  }

  keepFixed(executionId: string, fixed: Record<string, unknown>): void {
    const entry = this.entries.get(executionId);
    if (entry && !entry.fixed) entry.fixed = fixed;
  }

  forget(executionId: string): void {
    this.entries.delete(executionId);
  }

  private touch(executionId: string, entry: CachedSteps): void {
    this.entries.delete(executionId);
    this.entries.set(executionId, entry);
    if (this.entries.size > this.maxExecutions) this.entries.delete(this.entries.keys().next().value!);
  }
}

function put(entry: CachedSteps, step: StepRecord, revision: number): void {
  entry.steps.set(step.stepId, { step, revision });
  if (entry.handedOut) {
    entry.list = entry.list.slice();
    entry.handedOut = false;
  }
  const position = entry.positions.get(step.stepId);
  if (position !== undefined) {
    entry.list[position] = step;
  } else {
    entry.positions.set(step.stepId, entry.list.length);
    entry.list.push(step);
  }
}
