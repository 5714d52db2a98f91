import { describe, expect, it } from '@jest/globals';
import {
  buildGraph,
  ChildExecutions,
  createTestEngine,
  gatedNodeType,
  InMemoryChildWorkflows,
  InProcessStepScheduler,
  FakeClock,
} from '@baton/engine';
import { failNode } from './fail.node.js';
import { subworkflowNode } from './subworkflow.node.js';
import { setNode } from '../data/set.node.js';
import { manualTriggerNode } from '../trigger/manual.node.js';

function setup(express = false) {
  const gate = gatedNodeType();
  const source = new InMemoryChildWorkflows();
  const children = new ChildExecutions(source);
  const clock = new FakeClock();
  const immediateScheduler = express ? new InProcessStepScheduler(clock, () => undefined) : undefined;
  const t = createTestEngine({
    clock,
    immediateScheduler,
    nodeTypes: [manualTriggerNode, subworkflowNode, failNode, setNode, gate.nodeType],
    services: { childExecutions: children },
    onExecutionEnd: (_id, _status, execution) => children.onExecutionEnd(execution),
  });
  children.attach(t.engine);
  const add = (workflowId: string, definition: unknown) => source.save('graph', definition, workflowId);
  return { ...t, gate, add };
}

const parentOf = (settings: Record<string, unknown>) =>
  buildGraph(
    [
      ['start', 'trigger.manual'],
      ['sub', 'flow.subworkflow', settings],
      ['after', 'data.set', { values: { total: '{{ total }}' } }],
    ],
    ['start->sub', 'sub->after'],
  );

const adder = buildGraph(
  [
    ['in', 'trigger.manual'],
    ['sum', 'data.set', { values: { total: '{{ $execution.input.a + $execution.input.b }}' } }],
  ],
  ['in->sum'],
);

describe('flow.subworkflow', () => {
  it('runs the child as its own execution and its output flows into the parent', async () => {
    const t = setup();
    t.add('adder', adder);
    const { executionId } = await t.engine.start({
      definition: parentOf({ workflowId: 'adder', input: { a: 2, b: 3 } }),
      mode: 'queued',
    });
    await t.settle();
    await t.waitFor(async () => (await t.snapshot(executionId)).execution.status === 'completed');
    const parent = await t.snapshot(executionId);
    expect(parent.steps.find((s) => s.stepId === 'after')?.output).toMatchObject({ total: 5 });
    const childId = (
      parent.steps.find((s) => s.stepId === 'sub')?.state as { external: { child: { executionId: string } } }
    ).external.child.executionId;
    const child = await t.snapshot(childId);
    expect(child.execution).toMatchObject({
      status: 'completed',
      parentExecutionId: executionId,
      parentStepId: 'sub',
      input: { a: 2, b: 3 },
    });
  });

  it("fails the parent step with the child's own error code and cause", async () => {
    const t = setup();
    t.add(
      'failing',
      buildGraph(
        [
          ['in', 'trigger.manual'],
          ['stop', 'flow.fail', { error: 'OUT_OF_STOCK', cause: 'no widgets left' }],
        ],
        ['in->stop'],
      ),
    );
    const { executionId } = await t.engine.start({ definition: parentOf({ workflowId: 'failing' }), mode: 'queued' });
    await t.settle();
    await t.waitFor(async () => (await t.snapshot(executionId)).execution.status === 'failed');
    const parent = await t.snapshot(executionId);
    expect(parent.steps.find((s) => s.stepId === 'sub')).toMatchObject({
      status: 'failed',
      error: { error: 'OUT_OF_STOCK', cause: 'no widgets left', retryable: false },
    });
    expect(parent.execution).toMatchObject({ error: 'OUT_OF_STOCK', cause: 'no widgets left' });
  });

  it('parks the parent step while the child runs, and cancelling the parent cancels the child', async () => {
    const t = setup();
    t.add(
      'slow',
      buildGraph(
        [
          ['in', 'trigger.manual'],
          ['wait', 'test.gate'],
        ],
        ['in->wait'],
      ),
    );
    const { executionId } = await t.engine.start({ definition: parentOf({ workflowId: 'slow' }), mode: 'queued' });
    await t.waitFor(() => t.gate.waiting().length === 1);
    const sub = await t.step(executionId, 'sub');
    const childId = (sub.state as { external: { child: { executionId: string } } }).external.child.executionId;
    // Parked: running, with the child as its answer, and no attempt holding a worker.
    expect(sub.status).toBe('running');
    expect((await t.snapshot(childId)).execution.status).toBe('running');
    await t.engine.cancel(executionId, 'stop it');
    await t.waitFor(async () => (await t.snapshot(childId)).execution.status === 'cancelled');
    expect((await t.snapshot(childId)).execution.cause).toContain(`Parent execution ${executionId} was cancelled`);
    expect(t.gate.waiting()).toEqual([]);
  });

  it('runs a pinned version, and fails clearly on a workflow that does not exist', async () => {
    const t = setup();
    t.add('adder', adder);
    t.add(
      'adder',
      buildGraph(
        [
          ['in', 'trigger.manual'],
          ['sum', 'data.set', { values: { total: 0 } }],
        ],
        ['in->sum'],
      ),
    );
    const pinned = await t.engine.start({
      definition: parentOf({ workflowId: 'adder', version: 1, input: { a: 1, b: 1 } }),
      mode: 'queued',
    });
    const missing = await t.engine.start({ definition: parentOf({ workflowId: 'nope' }), mode: 'queued' });
    await t.settle();
    await t.waitFor(async () => (await t.snapshot(pinned.executionId)).execution.status === 'completed');
    expect((await t.step(pinned.executionId, 'after')).output).toMatchObject({ total: 2 });
    await t.waitFor(async () => (await t.snapshot(missing.executionId)).execution.status === 'failed');
    expect((await t.snapshot(missing.executionId)).execution.error).toBe('SUBWORKFLOW_NOT_FOUND');
  });

  it('runs the child inline in an express parent', async () => {
    const t = setup(true);
    t.add('adder', adder);
    const result = await t.engine.start({
      definition: parentOf({ workflowId: 'adder', input: { a: 20, b: 22 } }),
      mode: 'immediate',
    });
    expect(result).toMatchObject({ status: 'completed', durability: 'express', output: { total: 42 } });
  });
});
