import type {
  ExecutionEvent,
  ExecutionRecord,
  ExecutionSnapshot,
  StepJob,
  StepRecord,
} from '../execution/execution-record.js';
import { InMemoryExecutionStore } from '../execution/in-memory-execution-store.js';
import { InvalidInputError } from '../errors/engine.error.js';
import {
  ExecutionStore,
  type ExecutionTransaction,
  type StepLease,
  type StepWatch,
} from '../ports/execution-store.port.js';

/**
 * The store the engine works on: express executions live in this process's memory (with the
 * same transaction semantics as the durable journal, so the engine cannot tell them apart) and
 * everything else goes to the durable store. `persist` writes an express execution to the
 * durable store in one transaction, when it ends or when it has to wait and turns standard;
 * from then on every call about it goes to the durable store.
 *
 * Per-workflow admission limits are not consulted for express runs (their counts live in the
 * durable store): callers choose `standard` for workflows that have limits.
 */
export class ExpressExecutionStore extends ExecutionStore {
  private readonly memory = new InMemoryExecutionStore();
  /** Per-execution turn-taking of units of work and `persist`, so none runs against a moved run. */
  private readonly turns = new Map<string, Promise<unknown>>();

  constructor(readonly durable: ExecutionStore) {
    super();
  }

  /** Whether the execution is an express run held in this process. */
  holds(executionId: string): boolean {
    return this.memory.has(executionId);
  }

  /**
   * `freshId`: the engine generated the id just now, so it cannot exist yet and an express run
   * skips the durable store's existence check (a round trip on the hot path).
   */
  async createExecution(
    execution: ExecutionRecord,
    steps: StepRecord[],
    { freshId = false }: { freshId?: boolean } = {},
  ): Promise<void> {
    if (execution.durability !== 'express') return this.durable.createExecution(execution, steps);
    // A caller-chosen id may repeat (a retried trigger start): refused as the journal would.
    if (this.memory.has(execution.id) || (!freshId && (await this.durable.findExecution(execution.id))))
      throw new InvalidInputError(`Execution ${execution.id} exists`, 'EXECUTION_EXISTS');
    return this.memory.createExecution(execution, steps);
  }

  importExecution(snapshot: ExecutionSnapshot, events: ExecutionEvent[], leases: StepLease[]): Promise<void> {
    return this.durable.importExecution(snapshot, events, leases);
  }

  findExecution(executionId: string): Promise<ExecutionSnapshot | null> {
    return this.holds(executionId) ? this.memory.findExecution(executionId) : this.durable.findExecution(executionId);
  }

  async withExecutionLock<T>(executionId: string, work: (tx: ExecutionTransaction) => Promise<T>): Promise<T> {
    if (!this.holds(executionId)) return this.durable.withExecutionLock(executionId, work);
    return this.inTurn(executionId, () =>
      // Persisted while this unit of work waited for its turn: it now runs on the durable journal.
      this.holds(executionId)
        ? this.memory.withExecutionLock(executionId, work)
        : this.durable.withExecutionLock(executionId, work),
    );
  }

  /**
   * Writes the express execution (status, steps with their leases, events) to the durable store
   * in one transaction and stops holding it. Returns false when it was not held here.
   */
  persist(executionId: string, durability: 'express' | 'standard'): Promise<boolean> {
    return this.inTurn(executionId, async () => {
      const held = this.memory.exportExecution(executionId);
      if (!held) return false;
      const execution = { ...held.snapshot.execution, durability };
      await this.durable.importExecution({ ...held.snapshot, execution }, held.events, held.leases);
      this.memory.forget(executionId);
      return true;
    });
  }

  findRunningExecutionIds(): Promise<string[]> {
    // Express runs in memory need no recovery: if this process dies they are gone (at-most-once).
    return this.durable.findRunningExecutionIds();
  }

  findEvents(executionId: string, afterSequence?: number): Promise<ExecutionEvent[]> {
    return this.holds(executionId)
      ? this.memory.findEvents(executionId, afterSequence)
      : this.durable.findEvents(executionId, afterSequence);
  }

  findExecutionsWithStalledWork(now: Date, overdueBefore: Date): Promise<string[]> {
    return this.durable.findExecutionsWithStalledWork(now, overdueBefore);
  }

  findPendingExecutionIds(createdBefore: Date): Promise<string[]> {
    return this.durable.findPendingExecutionIds(createdBefore);
  }

  renewStepLease(job: StepJob, leaseUntil: Date): Promise<StepWatch | null> {
    return this.holds(job.executionId)
      ? this.memory.renewStepLease(job, leaseUntil)
      : this.durable.renewStepLease(job, leaseUntil);
  }

  private async inTurn<T>(executionId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(executionId) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(work);
    this.turns.set(executionId, mine);
    try {
      return await mine;
    } finally {
      if (this.turns.get(executionId) === mine) this.turns.delete(executionId);
    }
  }
}
