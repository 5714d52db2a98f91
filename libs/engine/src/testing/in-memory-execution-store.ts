import { InvalidInputError } from '../errors/engine.error.js';
import type {
  ExecutionEvent,
  ExecutionRecord,
  ExecutionSnapshot,
  ExecutionStatus,
  NewExecutionEvent,
  StepRecord,
} from '../execution/execution-record.js';
import { type ExecutionPatch, ExecutionStore, ExecutionTransaction } from '../ports/execution-store.port.js';

interface Journal {
  execution: ExecutionRecord;
  steps: Map<string, StepRecord>;
  events: ExecutionEvent[];
}

/**
 * ExecutionStore in memory with real transaction semantics: a per-execution lock, writes kept
 * aside until the unit of work resolves, and deep copies in and out so no caller can change
 * stored state by reference (as with a database).
 */
export class InMemoryExecutionStore extends ExecutionStore {
  private readonly journals = new Map<string, Journal>();
  private readonly locks = new Map<string, Promise<void>>();

  async createExecution(execution: ExecutionRecord, steps: StepRecord[]): Promise<void> {
    if (this.journals.has(execution.id)) throw new InvalidInputError(`Execution ${execution.id} exists`, 'EXECUTION_EXISTS');
    this.journals.set(execution.id, {
      execution: structuredClone(execution),
      steps: new Map(steps.map((step) => [step.stepId, structuredClone(step)])),
      events: [],
    });
  }

  async findExecution(executionId: string): Promise<ExecutionSnapshot | null> {
    const journal = this.journals.get(executionId);
    return journal ? structuredClone({ execution: journal.execution, steps: [...journal.steps.values()] }) : null;
  }

  async withExecutionLock<T>(executionId: string, work: (tx: ExecutionTransaction) => Promise<T>): Promise<T> {
    const previous = this.locks.get(executionId) ?? Promise.resolve();
    let release!: () => void;
    const mine = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    this.locks.set(executionId, mine);
    await previous;
    try {
      const journal = this.journals.get(executionId);
      if (!journal) throw new InvalidInputError(`Execution ${executionId} not found`, 'EXECUTION_NOT_FOUND');
      const tx = new InMemoryTransaction(journal);
      const result = await work(tx);
      tx.commit();
      return result;
    } finally {
      release();
      if (this.locks.get(executionId) === mine) this.locks.delete(executionId);
    }
  }

  async findRunningExecutionIds(): Promise<string[]> {
    return [...this.journals.values()].filter((j) => j.execution.status === 'running').map((j) => j.execution.id);
  }

  async findEvents(executionId: string, afterSequence = 0): Promise<ExecutionEvent[]> {
    return structuredClone((this.journals.get(executionId)?.events ?? []).filter((e) => e.sequence > afterSequence));
  }
}

class InMemoryTransaction extends ExecutionTransaction {
  private execution: ExecutionRecord;
  private readonly steps = new Map<string, StepRecord>();
  private readonly events: ExecutionEvent[] = [];

  constructor(private readonly journal: Journal) {
    super();
    this.execution = structuredClone(journal.execution);
  }

  async loadExecution(): Promise<ExecutionSnapshot> {
    return structuredClone({ execution: this.journal.execution, steps: [...this.journal.steps.values()] });
  }

  async compareAndSetStatus(expected: ExecutionStatus[], next: ExecutionStatus, patch: ExecutionPatch = {}): Promise<boolean> {
    if (!expected.includes(this.execution.status)) return false;
    this.execution = { ...this.execution, ...structuredClone(patch), status: next };
    return true;
  }

  async saveSteps(steps: StepRecord[]): Promise<void> {
    for (const step of steps) this.steps.set(step.stepId, structuredClone(step));
  }

  async appendEvents(events: NewExecutionEvent[], timestamp: Date): Promise<ExecutionEvent[]> {
    const base = this.journal.events.length + this.events.length;
    const numbered = events.map((event, i) => ({
      ...structuredClone(event),
      executionId: this.execution.id,
      sequence: base + i + 1,
      timestamp: new Date(timestamp),
    }));
    this.events.push(...numbered);
    return structuredClone(numbered);
  }

  commit(): void {
    this.journal.execution = this.execution;
    for (const [stepId, step] of this.steps) this.journal.steps.set(stepId, step);
    this.journal.events.push(...this.events);
  }
}
