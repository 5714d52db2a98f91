import { ExpressExecutionStore } from '../express/express-execution-store.js';
import { describeExecutionStoreContract } from '../testing/execution-store-contract.js';
import { InMemoryExecutionStore } from './in-memory-execution-store.js';

function inMemoryFixture(store: InMemoryExecutionStore) {
  return {
    workspaceId: 'workspace-1',
    async createWorkflow(limits = {}) {
      const workflowId = globalThis.crypto.randomUUID();
      store.setWorkflowLimits(workflowId, limits);
      return workflowId;
    },
  };
}

describeExecutionStoreContract('InMemoryExecutionStore', () => {
  const store = new InMemoryExecutionStore();
  // One memory cannot be shared by two processes: the same store stands for both.
  return { store, otherProcess: store, ...inMemoryFixture(store) };
});

// The engine's own store passes standard executions through to the durable one: same contract.
describeExecutionStoreContract('ExpressExecutionStore over an in-memory durable store', () => {
  const durable = new InMemoryExecutionStore();
  return {
    store: new ExpressExecutionStore(durable),
    otherProcess: new ExpressExecutionStore(durable),
    ...inMemoryFixture(durable),
  };
});
