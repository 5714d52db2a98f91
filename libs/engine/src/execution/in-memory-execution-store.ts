import { InvalidInputError } from '../errors/engine.error.js';
import { deepFreeze, frozenCopy } from './deep-freeze.js';
import { externalWaitOf } from '../engine/external-wait.js';
import type {
  ExecutionEvent,
  ExecutionRecord,
  ExecutionSnapshot,
  ExecutionStatus,
  NewExecutionEvent,
  StepJob,
  StepRecord,
} from './execution-record.js';
import {
  type AdmissionSnapshot,
  type ExecutionPatch,
  ExecutionStore,
  ExecutionTransaction,
  type StepLease,
  type StepWatch,
  type WorkflowLimits,
} from '../ports/execution-store.port.js';

interface Journal {
  execution: ExecutionRecord;
  steps: Map<string, StepRecord>;
  events: ExecutionEvent[];
  /** Step leases by step id (see `ExecutionTransaction.claimStep`). */
  leases: Map<string, Date>;
}

const UNLIMITED: WorkflowLimits = { maxConcurrentExecutions: null, maxStartsPerMinute: null };

/**
 * ExecutionStore in memory with real transaction semantics: a per-execution lock and writes kept
 * aside until the unit of work resolves. What comes in is copied once and frozen, and loads hand
 * out those frozen records without copying: no caller can change stored state by reference (as
 * with a database), and a load costs O(steps) pointer copies, not a deep copy of the execution.
 */
export class InMemoryExecutionStore extends ExecutionStore {
  private readonly journals = new Map<string, Journal>();
  private readonly locks = new Map<string, Promise<void>>();
  private readonly limits = new Map<string, WorkflowLimits>();
  private readonly admissionLocks = new Map<string, Promise<void>>();

  /** What a workflow row's settings would say; unlimited unless set. */
  setWorkflowLimits(workflowId: string, limits: Partial<WorkflowLimits>): void {
    this.limits.set(workflowId, { ...UNLIMITED, ...limits });
  }

  /** The step's lease, for assertions. */
  leaseOf(executionId: string, stepId: string): Date | null {
    return this.journals.get(executionId)?.leases.get(stepId) ?? null;
  }

  async createExecution(execution: ExecutionRecord, steps: StepRecord[]): Promise<void> {
    if (this.journals.has(execution.id))
      throw new InvalidInputError(`Execution ${execution.id} exists`, 'EXECUTION_EXISTS');
    this.journals.set(execution.id, {
      execution: frozenCopy(execution),
      steps: new Map(steps.map((step) => [step.stepId, frozenCopy(step)])),
      events: [],
      leases: new Map(),
    });
  }

  async importExecution(snapshot: ExecutionSnapshot, events: ExecutionEvent[], leases: StepLease[]): Promise<void> {
    await this.createExecution(snapshot.execution, snapshot.steps);
    const journal = this.journals.get(snapshot.execution.id)!;
    journal.events.push(...events.map(frozenCopy));
    for (const lease of leases) journal.leases.set(lease.stepId, new Date(lease.leaseUntil));
  }

  /** Whether the execution is held here. */
  has(executionId: string): boolean {
    return this.journals.has(executionId);
  }

  /** Everything held about the execution, for writing it elsewhere (express runs). */
  exportExecution(
    executionId: string,
  ): { snapshot: ExecutionSnapshot; events: ExecutionEvent[]; leases: StepLease[] } | null {
    const journal = this.journals.get(executionId);
    if (!journal) return null;
    return {
      snapshot: { execution: journal.execution, steps: [...journal.steps.values()] },
      events: journal.events,
      leases: [...journal.leases].map(([stepId, leaseUntil]) => ({ stepId, leaseUntil })),
    };
  }

  /** Drops the execution (it now lives in another store). */
  forget(executionId: string): void {
    this.journals.delete(executionId);
  }

  async findExecution(executionId: string): Promise<ExecutionSnapshot | null> {
    const journal = this.journals.get(executionId);
    return journal ? { execution: journal.execution, steps: [...journal.steps.values()] } : null;
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
      const releases: Array<() => void> = [];
      try {
        const tx = new InMemoryTransaction(journal, async (now) => {
          // Held until this unit of work ends, like a transaction-scoped advisory lock per workflow.
          releases.push(await this.lockAdmission(journal.execution.workflowId ?? ''));
          return this.admissionOf(journal.execution.workflowId, now);
        });
        const result = await work(tx);
        tx.commit();
        return result;
      } finally {
        for (const releaseAdmission of releases) releaseAdmission();
      }
    } finally {
      release();
      if (this.locks.get(executionId) === mine) this.locks.delete(executionId);
    }
  }

  async findRunningExecutionIds(): Promise<string[]> {
    return [...this.journals.values()].filter((j) => j.execution.status === 'running').map((j) => j.execution.id);
  }

  async findExecutionsWithStalledWork(now: Date, overdueBefore: Date): Promise<string[]> {
    return [...this.journals.values()]
      .filter((j) => j.execution.status === 'running' && hasStalledWork(j, now, overdueBefore))
      .map((j) => j.execution.id);
  }

  async findEvents(executionId: string, afterSequence = 0): Promise<ExecutionEvent[]> {
    return (this.journals.get(executionId)?.events ?? []).filter((e) => e.sequence > afterSequence);
  }

  async findPendingExecutionIds(createdBefore: Date): Promise<string[]> {
    return [...this.journals.values()]
      .filter((j) => j.execution.status === 'pending' && j.execution.createdAt < createdBefore)
      .map((j) => j.execution.id);
  }

  async renewStepLease(job: StepJob, leaseUntil: Date): Promise<StepWatch | null> {
    const journal = this.journals.get(job.executionId);
    const step = journal?.steps.get(job.stepId);
    if (!journal || !step || step.status !== 'running' || step.attempt !== job.attempt) return null;
    journal.leases.set(job.stepId, new Date(leaseUntil));
    return { executionStatus: journal.execution.status, executionError: journal.execution.error };
  }

  private async lockAdmission(workflowId: string): Promise<() => void> {
    const previous = this.admissionLocks.get(workflowId) ?? Promise.resolve();
    let release!: () => void;
    const mine = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    this.admissionLocks.set(workflowId, mine);
    await previous;
    return () => {
      release();
      if (this.admissionLocks.get(workflowId) === mine) this.admissionLocks.delete(workflowId);
    };
  }

  private admissionOf(workflowId: string | null, now: Date): AdmissionSnapshot {
    const limits = (workflowId && this.limits.get(workflowId)) || UNLIMITED;
    const windowStart = now.getTime() - 60_000;
    const others = [...this.journals.values()]
      .map((j) => j.execution)
      .filter((e) => workflowId && e.workflowId === workflowId);
    return {
      ...limits,
      running: others.filter((e) => e.status === 'running').length,
      recentStarts: others
        .map((e) => e.startedAt)
        .filter((at): at is Date => at !== null && at.getTime() > windowStart)
        .sort((a, b) => a.getTime() - b.getTime()),
    };
  }
}

class InMemoryTransaction extends ExecutionTransaction {
  private execution: ExecutionRecord;
  private readonly steps = new Map<string, StepRecord>();
  private readonly events: ExecutionEvent[] = [];
  private readonly leases = new Map<string, Date>();

  constructor(
    private readonly journal: Journal,
    private readonly admission: (now: Date) => Promise<AdmissionSnapshot>,
  ) {
    super();
    this.execution = journal.execution;
  }

  async loadExecution(): Promise<ExecutionSnapshot> {
    return { execution: this.journal.execution, steps: [...this.journal.steps.values()] };
  }

  async compareAndSetStatus(
    expected: ExecutionStatus[],
    next: ExecutionStatus,
    patch: ExecutionPatch = {},
  ): Promise<boolean> {
    if (!expected.includes(this.execution.status)) return false;
    this.execution = deepFreeze({ ...this.execution, ...structuredClone(patch), status: next });
    return true;
  }

  async saveSteps(steps: StepRecord[]): Promise<void> {
    for (const step of steps) this.steps.set(step.stepId, frozenCopy(step));
  }

  async appendEvents(events: NewExecutionEvent[], timestamp: Date): Promise<ExecutionEvent[]> {
    // After the last sequence, not the count: imported histories may not start at 1.
    const base = (this.journal.events.at(-1)?.sequence ?? 0) + this.events.length;
    const numbered = events.map((event, i) =>
      frozenCopy({ ...event, executionId: this.execution.id, sequence: base + i + 1, timestamp: new Date(timestamp) }),
    );
    this.events.push(...numbered);
    return numbered;
  }

  async claimStep(stepId: string, leaseUntil: Date, unlessLeasedAt: Date | null): Promise<boolean> {
    const current = this.journal.leases.get(stepId);
    if (unlessLeasedAt && current && current > unlessLeasedAt) return false;
    this.leases.set(stepId, new Date(leaseUntil));
    return true;
  }

  async loadAdmission(now: Date): Promise<AdmissionSnapshot> {
    return this.admission(now);
  }

  commit(): void {
    for (const [stepId, lease] of this.leases) this.journal.leases.set(stepId, lease);
    this.journal.execution = this.execution;
    for (const [stepId, step] of this.steps) this.journal.steps.set(stepId, step);
    this.journal.events.push(...this.events);
  }
}

/** See `ExecutionStore.findExecutionsWithStalledWork`; a queued step's due time is its wake time or "now". */
function hasStalledWork(journal: Journal, now: Date, overdueBefore: Date): boolean {
  const { deadlineAt } = journal.execution;
  if (deadlineAt && deadlineAt < overdueBefore) return true;
  return [...journal.steps.values()].some((step) => {
    if (step.status === 'running') {
      const external = externalWaitOf(step);
      if (external) return [external.timeoutAt, external.heartbeatAt].some((at) => at && new Date(at) < overdueBefore);
      const lease = journal.leases.get(step.stepId);
      return step.state === null && (!lease || lease < now);
    }
    const queued = (step.status === 'pending' && step.queued) || step.status === 'retrying';
    return queued && (step.wakeAt === null || step.wakeAt < overdueBefore);
  });
}
