import { describe, expect, it } from '@jest/globals';
import { indexGraph } from '../definition/index-graph.js';
import type { ExecutionRecord, ExecutionSnapshot, StepRecord } from '../execution/execution-record.js';
import { newStepRecord } from '../execution/execution-record.js';
import { NodeRegistry } from '../nodes/node-registry.js';
import type { AnyNodeType } from '../nodes/node-type.js';
import { buildGraph } from '../testing/build-graph.js';
import { createTestEngine } from '../testing/create-test-engine.js';
import { testNodeType } from '../testing/test-node-types.js';
import { advanceGraph } from './advance-graph.js';
import { loopStateOf } from './loop-state.js';

// A for-each like libs/nodes' flow.loop (the engine may not import libs/nodes).
const loopType: AnyNodeType = {
  ...testNodeType('test.loop', async () => null),
  kind: 'loop',
  inputs: [
    { name: 'in', dataType: 'any' },
    { name: 'next', dataType: 'any', multiple: true },
  ],
  outputs: [
    { name: 'item', dataType: 'any' },
    { name: 'done', dataType: 'array' },
  ],
  run: async ({ data }) => ({ output: null, iterate: { items: data as unknown[], concurrency: 2 } }),
};

const nodeTypes: AnyNodeType[] = [
  loopType,
  testNodeType('test.start', async ({ data }) => data, { canStart: true, inputs: [] }),
  testNodeType('test.label', async ({ settings }) => settings.label, {
    settingsSchema: { type: 'object', properties: { label: { type: 'string' } } },
  }),
  testNodeType('test.double', async ({ data }) => Number(data) * 2),
];

describe('graph loops', () => {
  it('collects one result per item in item order and keeps no results in the loop state', async () => {
    const t = createTestEngine({ nodeTypes });
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['each', 'test.loop'],
        ['double', 'test.double'],
        // Sees the outer `start` and its own iteration's `double`, never another iteration's.
        ['label', 'test.label', { label: '{{ $nodes.start[$index] }}:{{ $nodes.double }}' }],
      ],
      ['start->each', 'each:item->double', 'double->label', 'double->each:next', 'label->each:next'],
    );
    const { executionId } = await t.engine.start({ definition, input: [1, 2, 3, 4, 5], mode: 'queued' });
    await t.settle();
    const snapshot = await t.snapshot(executionId);
    const results = [
      [2, '1:2'],
      [4, '2:4'],
      [6, '3:6'],
      [8, '4:8'],
      [10, '5:10'],
    ];
    expect(snapshot.execution).toMatchObject({ status: 'completed', output: results });
    const loop = snapshot.steps.find((step) => step.stepId === 'each')!;
    expect(loop.output).toEqual(results);
    expect(loopStateOf(loop)).toEqual({ items: [1, 2, 3, 4, 5], concurrency: 2, nextIndex: 5, active: [] });
    const completed = t.events.events.find((e) => e.type === 'step_completed' && e.stepId === 'each');
    expect(completed?.data).toEqual({ output: results });
    expect(t.scheduleErrors).toEqual([]);
  });

  it('reads results from the iterations when it completes, ignoring results an old row kept', async () => {
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['each', 'test.loop'],
        ['double', 'test.double'],
      ],
      ['start->each', 'each:item->double', 'double->each:next'],
    );
    const index = indexGraph(definition, new NodeRegistry(nodeTypes));
    const execution = { id: 'e1', input: null, definition } as unknown as ExecutionRecord;
    const settled = (stepId: string, patch: Partial<StepRecord>): StepRecord => ({
      ...newStepRecord('e1', stepId, stepId.slice(stepId.lastIndexOf('.') + 1)),
      status: 'completed',
      handles: ['out'],
      ...patch,
    });
    const legacy = { items: ['a', 'b'], concurrency: 2, nextIndex: 2, active: [1], results: ['stale', 'stale'] };
    const steps = [
      settled('start', { output: ['a', 'b'] }),
      settled('each', { status: 'running', handles: null, state: { loop: legacy } }),
      settled('each[0].double', { output: 'A' }),
      settled('each[1].double', { output: 'B' }),
    ];
    const snapshot: ExecutionSnapshot = { execution, steps };
    const plan = await advanceGraph(snapshot, index, new Date(0), 10, async () => 0);
    const loop = plan.changed.find((step) => step.stepId === 'each')!;
    expect(loop).toMatchObject({ status: 'completed', output: ['A', 'B'], handles: ['done'] });
    expect(loopStateOf(loop)).not.toHaveProperty('results');
    expect(plan.finished).toEqual({ output: ['A', 'B'] });
  });
});
