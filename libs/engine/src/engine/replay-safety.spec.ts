import { describe, expect, it } from '@jest/globals';
import { InMemoryExecutionStore } from '../execution/in-memory-execution-store.js';
import { buildGraph } from '../testing/build-graph.js';
import { createTestEngine } from '../testing/create-test-engine.js';
import { testNodeType } from '../testing/test-node-types.js';

const graph = buildGraph(
  [
    ['start', 'test.begin'],
    ['effect', 'test.effect'],
  ],
  ['start->effect'],
);

/**
 * Two engines over one journal stand for two worker processes. The first runs the side effect
 * and then hangs (its process "dies": its clock never moves again, so it never renews the lease);
 * the second finds the step `running` with an expired lease, as a recovered job would.
 */
async function replayAfterDeadRunner(traits: { replaySafe: boolean; deduplicatesByIdempotencyKey?: boolean }) {
  const effects: string[] = [];
  let firstRun = true;
  const nodeTypes = [
    testNodeType('test.begin', async ({ data }) => data, { canStart: true, inputs: [] }),
    testNodeType(
      'test.effect',
      async ({ data }, ctx) => {
        effects.push(ctx.idempotencyKey);
        if (firstRun) {
          firstRun = false;
          await new Promise(() => undefined);
        }
        return data;
      },
      traits,
    ),
  ];
  const store = new InMemoryExecutionStore();
  const dying = createTestEngine({ nodeTypes, store });
  const survivor = createTestEngine({ nodeTypes, store });
  const { executionId } = await dying.engine.start({ definition: graph, input: 7, mode: 'queued' });
  await dying.settle();
  expect((await dying.step(executionId, 'effect')).status).toBe('running');
  await survivor.clock.advance(60_000);
  await survivor.engine.runStep({ executionId, stepId: 'effect', attempt: 1 });
  await survivor.settle();
  return { effects, snapshot: await survivor.snapshot(executionId) };
}

describe('replay safety after a worker died mid-step (issue 10, item 5)', () => {
  it('fails a step whose node is not replay-safe with STEP_OUTCOME_UNKNOWN instead of repeating its effect', async () => {
    const { effects, snapshot } = await replayAfterDeadRunner({ replaySafe: false });
    expect(effects).toHaveLength(1);
    const step = snapshot.steps.find((s) => s.stepId === 'effect')!;
    expect(step.status).toBe('failed');
    expect(step.error).toMatchObject({ error: 'STEP_OUTCOME_UNKNOWN', retryable: false });
    expect(snapshot.execution).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('STEP_OUTCOME_UNKNOWN'),
    });
  });

  it('runs the attempt again, with the same idempotency key, when the node deduplicates by it', async () => {
    const { effects, snapshot } = await replayAfterDeadRunner({
      replaySafe: false,
      deduplicatesByIdempotencyKey: true,
    });
    expect(effects).toHaveLength(2);
    expect(effects[1]).toBe(effects[0]);
    expect(snapshot.execution).toMatchObject({ status: 'completed', output: 7 });
  });

  it('runs a replay-safe node again', async () => {
    const { effects, snapshot } = await replayAfterDeadRunner({ replaySafe: true });
    expect(effects).toHaveLength(2);
    expect(snapshot.execution.status).toBe('completed');
  });
});
