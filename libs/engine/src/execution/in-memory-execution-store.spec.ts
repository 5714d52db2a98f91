import { describe, expect, it } from '@jest/globals';
import { newStepRecord, type ExecutionRecord } from '../execution/execution-record.js';
import { InMemoryExecutionStore } from './in-memory-execution-store.js';

const execution = (): ExecutionRecord => ({
  id: 'x1',
  workflowId: null,
  workflowVersionId: null,
  format: 'graph',
  definition: {},
  input: null,
  output: null,
  status: 'running',
  mode: 'queued',
  durability: 'standard',
  error: null,
  cause: null,
  createdAt: new Date(0),
  startedAt: null,
  endedAt: null,
  deadlineAt: null,
  redriveCount: 0,
  workspaceId: 'w1',
  trigger: 'manual',
  priority: 0,
  tags: [],
});

describe('InMemoryExecutionStore', () => {
  it('commits writes and numbered events together, and discards them when the work throws', async () => {
    const store = new InMemoryExecutionStore();
    await store.createExecution(execution(), [newStepRecord('x1', 'a', 'a')]);
    await expect(
      store.withExecutionLock('x1', async (tx) => {
        await tx.saveSteps([{ ...newStepRecord('x1', 'a', 'a'), status: 'running' }]);
        await tx.appendEvents([{ type: 'step_started', stepId: 'a' }], new Date(1));
        throw new Error('crash');
      }),
    ).rejects.toThrow('crash');
    expect((await store.findExecution('x1'))!.steps[0].status).toBe('pending');
    expect(await store.findEvents('x1')).toEqual([]);
    await store.withExecutionLock('x1', async (tx) => {
      expect(await tx.compareAndSetStatus(['paused'], 'running')).toBe(false);
      expect(await tx.compareAndSetStatus(['running'], 'completed', { output: 1 })).toBe(true);
      await tx.appendEvents([{ type: 'completed' }, { type: 'completed' }], new Date(2));
    });
    expect((await store.findExecution('x1'))!.execution).toMatchObject({ status: 'completed', output: 1 });
    expect((await store.findEvents('x1', 1)).map((e) => e.sequence)).toEqual([2]);
  });

  it('serialises units of work on the same execution', async () => {
    const store = new InMemoryExecutionStore();
    await store.createExecution(execution(), []);
    const order: string[] = [];
    const slow = store.withExecutionLock('x1', async () => {
      order.push('slow:start');
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push('slow:end');
    });
    const fast = store.withExecutionLock('x1', async () => void order.push('fast'));
    await Promise.all([slow, fast]);
    expect(order).toEqual(['slow:start', 'slow:end', 'fast']);
  });
});
