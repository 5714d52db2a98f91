import { describe, expect, it } from '@jest/globals';
import { configureFanOutLimits, DEFAULT_FAN_OUT_LIMITS } from '../../execution/fan-out-limits.js';
import { buildGraph, type NodeSpec } from '../../testing/build-graph.js';
import { createTestEngine } from '../../testing/create-test-engine.js';
import { testNodeType } from '../../testing/test-node-types.js';
import { createAslTestEngine } from '../conformance/create-asl-test-engine.js';
import { INLINE_STEPS_PER_UNIT } from '../../engine/inline-steps.js';

// A Pass→Choice→Pass loop whose condition never becomes true: nothing but the history cap stops it.
const endlessLoop = {
  StartAt: 'Count',
  States: {
    Count: { Type: 'Pass', Next: 'Again' },
    Again: {
      Type: 'Choice',
      Choices: [{ Variable: '$.done', BooleanEquals: true, Next: 'Finish' }],
      Default: 'Count',
    },
    Finish: { Type: 'Succeed' },
  },
};

describe('execution history cap (issue 11, Medium 10: BATON_MAX_EXECUTION_EVENTS)', () => {
  afterEach(() => configureFanOutLimits(DEFAULT_FAN_OUT_LIMITS));

  it('fails an endless ASL Choice loop with States.Runtime once its history passes the cap', async () => {
    configureFanOutLimits({ maxExecutionEvents: 200 });
    const t = createAslTestEngine();
    const { executionId } = await t.engine.start({
      format: 'asl',
      definition: endlessLoop,
      input: { done: false },
      mode: 'queued',
    });
    await t.settle();
    const { execution, steps } = await t.snapshot(executionId);
    expect(execution).toMatchObject({ status: 'failed', error: 'States.Runtime' });
    expect(execution.cause).toContain('EXECUTION_LIMIT');
    expect(steps.some((step) => step.status === 'pending' || step.status === 'running')).toBe(false);
    const events = await t.store.findEvents(executionId);
    expect(events.at(-1)?.type).toBe('failed');
    // The cap is checked per unit of work, so the history stops within one unit's events of it:
    // here a unit runs up to INLINE_STEPS_PER_UNIT pure states (two events each) inline.
    expect(events.length).toBeGreaterThan(200);
    expect(events.length).toBeLessThanOrEqual(200 + 2 * INLINE_STEPS_PER_UNIT + 10);
  });

  it('leaves runs under the cap alone and fails a graph run past it with EXECUTION_LIMIT', async () => {
    configureFanOutLimits({ maxExecutionEvents: 100 });
    const t = createTestEngine({
      nodeTypes: [
        testNodeType('test.start', async () => ({}), { canStart: true, inputs: [] }),
        testNodeType('test.pass', async (input) => input.data),
      ],
    });
    const chain = Array.from({ length: 60 }, (_, i) => `s${i}`);
    const definition = buildGraph(
      [['start', 'test.start'], ...chain.map((id): NodeSpec => [id, 'test.pass'])],
      chain.map((id, i) => `${i === 0 ? 'start' : chain[i - 1]}->${id}`),
    );
    const { executionId } = await t.engine.start({ definition, input: {}, mode: 'queued' });
    await t.settle();
    const { execution } = await t.snapshot(executionId);
    expect(execution).toMatchObject({ status: 'failed', error: 'EXECUTION_LIMIT' });

    configureFanOutLimits({ maxExecutionEvents: 1000 });
    const small = await t.engine.start({ definition, input: {}, mode: 'queued' });
    await t.settle();
    expect((await t.snapshot(small.executionId)).execution.status).toBe('completed');
  });
});
