import { describe, expect, it } from '@jest/globals';
import { configureFanOutLimits, DEFAULT_FAN_OUT_LIMITS } from '../../execution/fan-out-limits.js';
import { conformanceNodeTypes } from '../conformance/conformance-node-types.js';
import { createAslTestEngine } from '../conformance/create-asl-test-engine.js';

const mapOf = (maxConcurrency?: number) => ({
  StartAt: 'Items',
  States: {
    Items: {
      Type: 'Map',
      ...(maxConcurrency === undefined ? {} : { MaxConcurrency: maxConcurrency }),
      ItemProcessor: { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 10, End: true } } },
      End: true,
    },
  },
});

describe('ASL Map fan-out limits (issue 11, Medium 10)', () => {
  afterEach(() => configureFanOutLimits(DEFAULT_FAN_OUT_LIMITS));

  it.each([[undefined], [0], [500]])(
    'runs at most BATON_MAX_STEP_CONCURRENCY iterations at once (MaxConcurrency %s)',
    async (maxConcurrency) => {
      configureFanOutLimits({ maxStepConcurrency: 5 });
      const t = createAslTestEngine({ nodeTypes: conformanceNodeTypes() });
      const items = Array.from({ length: 12 }, (_, i) => i);
      const { executionId } = await t.engine.start({
        format: 'asl',
        definition: mapOf(maxConcurrency),
        input: items,
        mode: 'queued',
      });
      await t.settle();
      // Iterations get their step rows when they start; the other seven wait for a free slot.
      const started = (await t.snapshot(executionId)).steps.filter((s) => s.stepId.endsWith('/1.Wait'));
      expect(started).toHaveLength(5);
      await t.advance(60_000);
      expect((await t.snapshot(executionId)).execution.status).toBe('completed');
    },
  );

  it('fails a Map over more than BATON_MAX_ITEMS items with States.Runtime (no Catch takes it)', async () => {
    configureFanOutLimits({ maxItems: 10 });
    const t = createAslTestEngine({ nodeTypes: conformanceNodeTypes() });
    const { executionId } = await t.engine.start({
      format: 'asl',
      definition: mapOf(2),
      input: Array.from({ length: 11 }, (_, i) => i),
      mode: 'queued',
    });
    await t.settle();
    const { execution } = await t.snapshot(executionId);
    expect(execution).toMatchObject({ status: 'failed', error: 'States.Runtime' });
    expect(execution.cause).toContain('EXECUTION_LIMIT');
  });
});
