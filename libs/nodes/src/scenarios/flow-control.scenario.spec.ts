import { describe, expect, it } from '@jest/globals';
import { buildGraph, createTestEngine } from '@baton/engine';
import { createDefaultNodeRegistry } from '../create-default-node-registry.js';

const setup = () => createTestEngine({ registry: createDefaultNodeRegistry() });

const steps = async (t: ReturnType<typeof setup>, executionId: string) =>
  (await t.snapshot(executionId)).steps.map((s) => [s.stepId, s.status, s.output]);

describe('scenario: condition, skip propagation, merge', () => {
  const definition = buildGraph(
    [
      ['start', 'trigger.manual'],
      ['big', 'flow.condition', { expression: 'amount > 100' }],
      ['approve', 'data.set', { values: { route: 'manual review' } }],
      ['notify', 'util.log', { message: 'review {{ amount }}' }],
      ['auto', 'data.set', { values: { route: 'auto' } }],
      ['join', 'flow.merge'],
      ['result', 'data.transform', { expression: '$[0].route' }],
    ],
    [
      'start->big',
      'big:true->approve',
      'approve->notify',
      'big:false->auto',
      'notify->join',
      'auto->join',
      'join->result',
    ],
  );

  it('skips the untaken branch down to the merge, which runs with the taken one', async () => {
    const t = setup();
    const { executionId } = await t.engine.start({ definition, input: { amount: 20 }, mode: 'queued' });
    await t.settle();
    expect(await steps(t, executionId)).toEqual([
      ['start', 'completed', { amount: 20 }],
      ['big', 'completed', { amount: 20 }],
      ['approve', 'skipped', null],
      ['notify', 'skipped', null],
      ['auto', 'completed', { amount: 20, route: 'auto' }],
      ['join', 'completed', [{ amount: 20, route: 'auto' }]],
      ['result', 'completed', 'auto'],
    ]);
    expect((await t.snapshot(executionId)).execution).toMatchObject({ status: 'completed', output: 'auto' });
    expect((await t.step(executionId, 'big')).handles).toEqual(['false']);
  });

  it('takes the other branch for other input', async () => {
    const t = setup();
    const result = await t.engine.start({ definition, input: { amount: 500 }, mode: 'immediate' });
    expect(result).toMatchObject({ status: 'completed', output: 'manual review' });
    expect((await t.step(result.executionId, 'auto')).status).toBe('skipped');
  });
});

describe('scenario: switch and merge "first"', () => {
  it('runs the matching case only and continues with the first arrival', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'trigger.manual'],
        [
          'route',
          'flow.switch',
          {
            cases: [
              { handle: 'eu', expression: "region = 'eu'" },
              { handle: 'us', expression: "region = 'us'" },
            ],
          },
        ],
        ['eu', 'data.set', { values: { vat: 0.2 } }],
        ['us', 'data.set', { values: { vat: 0 } }],
        ['other', 'data.set', { values: { vat: null } }],
        ['first', 'flow.merge', { mode: 'first' }],
      ],
      [
        'start->route',
        'route:eu->eu',
        'route:us->us',
        'route:default->other',
        'eu->first',
        'us->first',
        'other->first',
      ],
    );
    const result = await t.engine.start({ definition, input: { region: 'us' }, mode: 'immediate' });
    expect(result).toMatchObject({ status: 'completed', output: { region: 'us', vat: 0 } });
    expect((await steps(t, result.executionId)).filter(([, status]) => status === 'skipped').map(([id]) => id)).toEqual(
      ['eu', 'other'],
    );
  });
});

describe('scenario: delay parks instead of sleeping', () => {
  it('queues the step with a delayed job and resumes on time', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'trigger.manual'],
        ['wait', 'flow.delay', { ms: '{{ seconds * 1000 }}' }],
        ['done', 'data.set', { values: { waited: true } }],
      ],
      ['start->wait', 'wait->done'],
    );
    const { executionId } = await t.engine.start({ definition, input: { seconds: 90 }, mode: 'queued' });
    await t.settle();
    expect(await t.step(executionId, 'wait')).toMatchObject({
      status: 'pending',
      queued: true,
      attempt: 1,
      wakeAt: new Date(t.clock.now() + 90_000),
    });
    expect(t.clock.pendingTimers()).toEqual([90_000]);
    expect(t.scheduler.size).toBe(1);
    await t.advance(89_999);
    expect((await t.step(executionId, 'wait')).status).toBe('pending');
    await t.advance(1);
    expect((await t.snapshot(executionId)).execution).toMatchObject({
      status: 'completed',
      output: { seconds: 90, waited: true },
    });
    expect(await t.step(executionId, 'wait')).toMatchObject({ status: 'completed', attempt: 1 });
  });
});

describe('scenario: expressions, fail node, output of several terminals', () => {
  it('reads earlier outputs and the execution input; several terminals give an object', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'trigger.manual'],
        ['price', 'data.transform', { expression: 'qty * unit' }],
        [
          'summary',
          'data.transform',
          { expression: '{ "total": $, "customer": $execution.input.name, "qty": $nodes.start.qty }' },
        ],
        ['tagged', 'data.set', { values: { label: '{{ name }} x{{ $nodes.start.qty }}' } }],
      ],
      ['start->price', 'price->summary', 'start->tagged'],
    );
    const input = { name: 'Ada', qty: 3, unit: 4 };
    const result = await t.engine.start({ definition, input, mode: 'immediate' });
    expect(result).toMatchObject({
      status: 'completed',
      output: { summary: { total: 12, customer: 'Ada', qty: 3 }, tagged: { ...input, label: 'Ada x3' } },
    });
  });

  it('fails the execution with the fail node error name and cause', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'trigger.manual'],
        ['stop', 'flow.fail', { error: 'ORDER_REJECTED', cause: 'order {{ id }} rejected' }],
      ],
      ['start->stop'],
    );
    const result = await t.engine.start({ definition, input: { id: 5 }, mode: 'immediate' });
    expect(result).toMatchObject({
      status: 'failed',
      error: 'ORDER_REJECTED',
      cause: 'order 5 rejected',
      output: null,
    });
  });
});
