import { beforeEach, it } from '@jest/globals';
import {
  newStepRecord,
  type ExecutionEvent,
  type ExecutionRecord,
  type ExecutionSnapshot,
  type StepRecord,
} from '../execution/execution-record.js';
import type { ExecutionStore } from '../ports/execution-store.port.js';
import type { ExecutionStoreContractFixture, ExecutionStoreContractOptions } from './execution-store-contract.js';

/** Longest a case waits for work that must not block; a store that blocks fails instead of hanging. */
export const PROGRESS_MS = 5_000;
/** How long a case watches work that must stay blocked (a bounded negative check, not a wait for work). */
export const BLOCKED_MS = 200;

/** What every case of the contract suite works with: the store under test and record builders. */
export interface ContractHarness {
  readonly fixture: ExecutionStoreContractFixture;
  readonly store: ExecutionStore;
  /** `it`, or `it.skip` where the store cannot read beside an open unit of work. */
  besideOpenWork: typeof it | typeof it.skip;
  execution(overrides?: Partial<ExecutionRecord>): ExecutionRecord;
  find(id: string): Promise<ExecutionSnapshot>;
  /** Creates a running execution with steps `a` and `b`. */
  created(overrides?: Partial<ExecutionRecord>): Promise<ExecutionRecord>;
  lease(id: string, stepId: string, leaseUntil: Date, unlessLeasedAt: Date | null): Promise<boolean>;
}

/** A fresh fixture before every case (call inside the suite's `describe`). */
export function contractHarness(
  makeStore: () => ExecutionStoreContractFixture | Promise<ExecutionStoreContractFixture>,
  options: ExecutionStoreContractOptions,
): ContractHarness {
  let fixture: ExecutionStoreContractFixture;
  beforeEach(async () => {
    fixture = await makeStore();
  });
  const harness: ContractHarness = {
    get fixture() {
      return fixture;
    },
    get store() {
      return fixture.store;
    },
    besideOpenWork: options.oneSession ? it.skip : it,
    execution: (overrides = {}) => executionRecord(fixture.workspaceId, overrides),
    async find(id) {
      const snapshot = await fixture.store.findExecution(id);
      if (!snapshot) throw new Error(`execution ${id} not found`);
      return sortedSnapshot(snapshot);
    },
    async created(overrides = {}) {
      const record = harness.execution({ status: 'running', startedAt: at(0), ...overrides });
      await fixture.store.createExecution(record, [step(record.id, 'a'), step(record.id, 'b')]);
      return record;
    },
    lease: (id, stepId, leaseUntil, unlessLeasedAt) =>
      fixture.store.withExecutionLock(id, (tx) => tx.claimStep(stepId, leaseUntil, unlessLeasedAt)),
  };
  return harness;
}

/** An instant `ms` after the suite's fixed origin (millisecond precision survives every store). */
export function at(ms: number): Date {
  return new Date(Date.UTC(2026, 0, 1) + ms);
}

export function newId(): string {
  return globalThis.crypto.randomUUID();
}

export function executionRecord(workspaceId: string, overrides: Partial<ExecutionRecord>): ExecutionRecord {
  return {
    id: newId(),
    workspaceId,
    workflowId: null,
    workflowVersionId: null,
    format: 'graph',
    definition: { nodes: [{ id: 'a' }, { id: 'b' }], edges: [] },
    input: { n: 1 },
    output: null,
    status: 'pending',
    mode: 'queued',
    durability: 'standard',
    error: null,
    cause: null,
    createdAt: at(0),
    startedAt: null,
    endedAt: null,
    deadlineAt: null,
    redriveCount: 0,
    trigger: 'manual',
    priority: 0,
    tags: [],
    ...overrides,
  };
}

export function step(executionId: string, stepId: string, overrides: Partial<StepRecord> = {}): StepRecord {
  return { ...newStepRecord(executionId, stepId, stepId), ...overrides };
}

/** The order of steps is not part of the contract. */
export function sortSteps(steps: StepRecord[]): StepRecord[] {
  return [...steps].sort((x, y) => (x.stepId < y.stepId ? -1 : x.stepId > y.stepId ? 1 : 0));
}

export function sortedSnapshot(snapshot: ExecutionSnapshot): ExecutionSnapshot {
  return { execution: snapshot.execution, steps: sortSteps(snapshot.steps) };
}

export function counterOf(steps: StepRecord[]): number {
  const state = steps.find((s) => s.stepId === 'a')?.state as { counter?: number } | null;
  return state?.counter ?? 0;
}

/** Runs a mutation that a frozen record refuses (TypeError in strict mode); other errors are real. */
export function attempt(mutate: () => unknown): void {
  try {
    mutate();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
}

export function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** `work`, or a clear failure if it does not settle within PROGRESS_MS (it is blocked). */
export async function within<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${PROGRESS_MS} ms`)), PROGRESS_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
