import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildGraph, createTestEngine, gatedNodeType, NodeRegistry } from '@baton/engine';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDefaultNodeRegistry } from '../create-default-node-registry.js';
import { defaultNodeTypes } from '../default-node-types.js';

const setup = () => createTestEngine({ registry: createDefaultNodeRegistry() });

describe('scenario: for-each loop', () => {
  it('runs the body per item with bounded concurrency and collects results in item order', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'trigger.manual'],
        ['each', 'flow.loop', { items: 'orders', concurrency: 2 }],
        ['price', 'data.transform', { expression: '{ "id": $item.id, "total": qty * 10, "position": $index }' }],
        ['sum', 'data.transform', { expression: '$sum(total)' }],
      ],
      ['start->each', 'each:item->price', 'price->each:next', 'each:done->sum'],
    );
    const orders = [
      { id: 'a', qty: 1 },
      { id: 'b', qty: 2 },
      { id: 'c', qty: 3 },
    ];
    const { executionId } = await t.engine.start({ definition, input: { orders }, mode: 'queued' });
    await t.settle();
    const snapshot = await t.snapshot(executionId);
    expect(snapshot.execution).toMatchObject({ status: 'completed', output: 60 });
    expect(snapshot.steps.map((s) => [s.stepId, s.status, s.output])).toEqual([
      ['start', 'completed', { orders }],
      [
        'each',
        'completed',
        [
          { id: 'a', total: 10, position: 0 },
          { id: 'b', total: 20, position: 1 },
          { id: 'c', total: 30, position: 2 },
        ],
      ],
      ['sum', 'completed', 60],
      ['each[0].price', 'completed', { id: 'a', total: 10, position: 0 }],
      ['each[1].price', 'completed', { id: 'b', total: 20, position: 1 }],
      ['each[2].price', 'completed', { id: 'c', total: 30, position: 2 }],
    ]);
  });

  it('never runs more iterations at once than its concurrency', async () => {
    const gate = gatedNodeType('test.gate');
    const t = createTestEngine({ registry: new NodeRegistry([...defaultNodeTypes, gate.nodeType]) });
    const definition = buildGraph(
      [
        ['start', 'trigger.manual'],
        ['each', 'flow.loop', { concurrency: 2 }],
        ['work', 'test.gate'],
      ],
      ['start->each', 'each:item->work', 'work->each:next'],
    );
    const { executionId } = await t.engine.start({ definition, input: ['a', 'b', 'c'], mode: 'queued' });
    await t.waitFor(() => gate.waiting().length === 2);
    expect(gate.waiting()).toEqual(['each[0].work', 'each[1].work']);
    gate.release('each[1].work', 'B');
    await t.waitFor(() => gate.waiting().includes('each[2].work'));
    gate.release('each[2].work', 'C');
    gate.release('each[0].work', 'A');
    await t.settle();
    expect(gate.maxRunning()).toBe(2);
    expect((await t.snapshot(executionId)).execution).toMatchObject({ status: 'completed', output: ['A', 'B', 'C'] });
  });

  it('skips inside an iteration without affecting the others, and handles an empty list', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'trigger.manual'],
        ['each', 'flow.loop'],
        ['even', 'flow.condition', { expression: '$ % 2 = 0' }],
        ['half', 'data.transform', { expression: '$ / 2' }],
        ['odd', 'data.transform', { expression: '"odd"' }],
        ['join', 'flow.merge', { mode: 'first' }],
      ],
      [
        'start->each',
        'each:item->even',
        'even:true->half',
        'even:false->odd',
        'half->join',
        'odd->join',
        'join->each:next',
      ],
    );
    const result = await t.engine.start({ definition, input: [4, 7], mode: 'immediate' });
    expect(result).toMatchObject({ status: 'completed', output: [2, 'odd'] });
    expect((await t.step(result.executionId, 'each[1].half')).status).toBe('skipped');
    const empty = await t.engine.start({ definition, input: [], mode: 'immediate' });
    expect(empty).toMatchObject({ status: 'completed', output: [] });
  });

  it('nests loops with step ids per level', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'trigger.manual'],
        ['rows', 'flow.loop'],
        ['cells', 'flow.loop'],
        ['double', 'data.transform', { expression: '$ * 2' }],
      ],
      ['start->rows', 'rows:item->cells', 'cells:item->double', 'double->cells:next', 'cells:done->rows:next'],
    );
    const result = await t.engine.start({ definition, input: [[1, 2], [3]], mode: 'immediate' });
    expect(result).toMatchObject({ status: 'completed', output: [[2, 4], [6]] });
    expect(await t.step(result.executionId, 'rows[0].cells[1].double')).toMatchObject({
      status: 'completed',
      output: 4,
    });
  });
});

describe('scenario: loop around HTTP calls with a retry', () => {
  let server: Server;
  let base: string;
  const hits = new Map<string, number>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const count = (hits.get(req.url!) ?? 0) + 1;
      hits.set(req.url!, count);
      // /users/2 fails once with 503, then succeeds: the engine retries just that iteration's step.
      if (req.url === '/users/2' && count === 1) return void res.writeHead(503).end();
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: Number(req.url!.split('/')[2]) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('recommends queued mode and completes after the back-off', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'trigger.manual'],
        ['each', 'flow.loop', { concurrency: 3 }],
        [
          'fetch',
          'http.request',
          { url: `${base}/users/{{ $ }}` },
          { retry: { maxAttempts: 2, initialIntervalMs: 500 } },
        ],
        ['pick', 'data.transform', { expression: 'body.id' }],
      ],
      ['start->each', 'each:item->fetch', 'fetch->pick', 'pick->each:next'],
    );
    const started = await t.engine.start({ definition, input: [1, 2, 3], mode: 'auto' });
    expect(started).toMatchObject({
      mode: 'queued',
      status: 'running',
      complexity: { hasLoopsAroundExternalCalls: true, recommendedMode: 'queued' },
    });
    const stepStatus = async (stepId: string) =>
      (await t.snapshot(started.executionId)).steps.find((s) => s.stepId === stepId)?.status;
    await t.waitFor(async () => (await stepStatus('each[1].fetch')) === 'retrying');
    await t.advance(500);
    await t.waitFor(async () => (await t.snapshot(started.executionId)).execution.status !== 'running');
    const snapshot = await t.snapshot(started.executionId);
    expect(snapshot.execution).toMatchObject({ status: 'completed', output: [1, 2, 3] });
    expect(snapshot.steps.find((s) => s.stepId === 'each[1].fetch')).toMatchObject({ attempt: 2, status: 'completed' });
    expect(hits.get('/users/2')).toBe(2);
  });
});
