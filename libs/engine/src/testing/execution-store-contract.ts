import { describe } from '@jest/globals';
import type { ExecutionStore, WorkflowLimits } from '../ports/execution-store.port.js';
import { describeJournalContract } from './execution-store-contract-journal.js';
import { describeQueryContract } from './execution-store-contract-queries.js';
import { contractHarness } from './execution-store-contract-support.js';

/** What one store under test offers the contract suite. */
export interface ExecutionStoreContractFixture {
  store: ExecutionStore;
  /** A workspace the suite's executions may belong to (a database needs the row). */
  workspaceId: string;
  /** A workflow with these start limits (unlimited where not given); returns its id. */
  createWorkflow(limits?: Partial<WorkflowLimits>): Promise<string>;
  /**
   * A second store over the same journal, standing for another process (with caches of its own);
   * `store` itself where the journal cannot be shared (in memory).
   */
  otherProcess: ExecutionStore;
}

export interface ExecutionStoreContractOptions {
  /**
   * Every connection shares one database session (embedded PGlite): an open unit of work holds
   * up every other statement until it ends. The cases that read beside an open unit of work, or
   * expect units of work on different executions to overlap, cannot hold there and are left out.
   */
  oneSession?: boolean;
}

/**
 * The `ExecutionStore` / `ExecutionTransaction` contract as one suite, run against every
 * implementation (in memory, and the TypeORM store on each tier) so they cannot drift.
 * `makeStore` runs before every case; cases use fresh execution ids, so one store (one database)
 * may serve them all, and cases that list executions assert only about their own.
 */
export function describeExecutionStoreContract(
  name: string,
  makeStore: () => ExecutionStoreContractFixture | Promise<ExecutionStoreContractFixture>,
  options: ExecutionStoreContractOptions = {},
): void {
  describe(`${name} honours the ExecutionStore contract`, () => {
    const harness = contractHarness(makeStore, options);
    describeJournalContract(harness);
    describeQueryContract(harness);
  });
}
