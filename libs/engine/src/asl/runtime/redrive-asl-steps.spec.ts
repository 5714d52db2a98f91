import { describe, expect, it } from '@jest/globals';
import { conformanceNodeTypes } from '../conformance/conformance-node-types.js';
import { createAslTestEngine } from '../conformance/create-asl-test-engine.js';

// Fails item 3 on the first run only: `$context.Execution.RedriveCount` is 0 before any redrive.
const flakyItem = {
  Type: 'Task',
  Resource: 'baton:data.transform',
  Parameters: { expression: '$context.Execution.RedriveCount = 0 and $ = 3 ? $error("boom") : $ * 10' },
  End: true,
};

describe('ASL redrive', () => {
  it('continues a failed Map from its failed iteration, keeping the successful ones', async () => {
    const t = createAslTestEngine({ nodeTypes: conformanceNodeTypes() });
    const definition = {
      StartAt: 'Before',
      States: {
        Before: { Type: 'Pass', Next: 'Items' },
        Items: {
          Type: 'Map',
          MaxConcurrency: 2,
          ItemProcessor: { StartAt: 'Work', States: { Work: flakyItem } },
          Next: 'After',
        },
        After: { Type: 'Pass', End: true },
      },
    };
    const { executionId } = await t.engine.start({
      format: 'asl',
      definition,
      input: [0, 1, 2, 3, 4, 5],
      mode: 'queued',
    });
    await t.advance(1000);
    expect((await t.snapshot(executionId)).execution).toMatchObject({ status: 'failed', error: 'INVALID_EXPRESSION' });
    const before = new Map((await t.snapshot(executionId)).steps.map((s) => [s.stepId, s]));

    await t.engine.redrive(executionId);
    await t.advance(1000);
    const { execution, steps } = await t.snapshot(executionId);
    expect(execution).toMatchObject({ status: 'completed', output: [0, 10, 20, 30, 40, 50] });
    const work = steps.filter((s) => s.nodeId === 'Work');
    // One row per iteration (same scopes), and a completed iteration kept its row and attempt.
    expect(work.map((s) => s.stepId).sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `2.Items[${i}]/1.Work`));
    for (const step of work) {
      const earlier = before.get(step.stepId);
      if (earlier?.status === 'completed')
        expect(step).toMatchObject({ attempt: earlier.attempt, endedAt: earlier.endedAt });
    }
    expect(work.find((s) => s.stepId === '2.Items[3]/1.Work')).toMatchObject({ status: 'completed', attempt: 2 });
    // The states before the Map are not run again either.
    expect(steps.find((s) => s.stepId === '1.Before')).toMatchObject({ attempt: 1 });
  });
});
