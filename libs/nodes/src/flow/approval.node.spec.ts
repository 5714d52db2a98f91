import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  APPROVALS_SERVICE,
  ApprovalRequests,
  buildGraph,
  createTestEngine,
  hashTaskToken,
  InMemoryTaskTokenStore,
  loopbackTestFetch,
} from '@baton/engine';
import { approvalNode } from './approval.node.js';
import { setNode } from '../data/set.node.js';
import { manualTriggerNode } from '../trigger/manual.node.js';

interface Notice {
  approveUrl: string;
  rejectUrl: string;
  message: string;
  expiresAt: string;
}

// The notify endpoint a workflow author would point at (an email bridge): records each notice.
let server: Server;
let notifyUrl: string;
const notices: Notice[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      notices.push(JSON.parse(body) as Notice);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  notifyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function setup() {
  const tokens = new InMemoryTaskTokenStore();
  const approvals = new ApprovalRequests(tokens, {
    baseUrl: 'https://baton.example/',
    findToken: async (hash) => tokens.findByHash(hash) ?? null,
  });
  const t = createTestEngine({
    nodeTypes: [manualTriggerNode, approvalNode, setNode],
    services: { fetch: loopbackTestFetch(), [APPROVALS_SERVICE]: approvals },
  });
  approvals.attach(t.engine);
  return { ...t, approvals };
}

const definition = (timeoutSeconds = 3600) =>
  buildGraph(
    [
      ['start', 'trigger.manual'],
      ['ask', 'flow.approval', { message: 'Ship order {{ order }}?', notifyUrl, timeoutSeconds }],
      ['yes', 'data.set', { values: { shipped: true } }],
      ['no', 'data.set', { values: { shipped: false } }],
    ],
    ['start->ask', 'ask:approved->yes', 'ask:rejected->no'],
  );

const tokenOf = (url: string) => url.split('/').at(-2)!;

async function requested(t: ReturnType<typeof setup>, executionId: string): Promise<Notice> {
  const before = notices.length;
  await t.waitFor(async () => notices.length > before && (await t.step(executionId, 'ask')).state !== null);
  return notices.at(-1)!;
}

describe('flow.approval', () => {
  it('parks, sends single-use URLs, and resumes down approved; the token cannot be used twice', async () => {
    const t = setup();
    const { executionId, complexity, mode } = await t.engine.start({ definition: definition(), input: { order: 7 } });
    // waitsForPeople: `auto` queues it.
    expect(complexity.waitsForPeople).toBe(true);
    expect(mode).toBe('queued');
    const notice = await requested(t, executionId);
    expect(notice).toMatchObject({ message: 'Ship order 7?' });
    expect(notice.approveUrl).toMatch(/^https:\/\/baton\.example\/api\/approvals\/[\w-]{43}\/approve$/);
    expect(tokenOf(notice.rejectUrl)).toBe(tokenOf(notice.approveUrl));
    expect((await t.step(executionId, 'ask')).status).toBe('running');
    // Only the hash is stored.
    expect(JSON.stringify(t.store)).not.toContain(tokenOf(notice.approveUrl));
    expect(await t.approvals.decide(tokenOf(notice.approveUrl), 'approved', 'looks fine')).toBe('completed');
    await t.settle();
    const run = await t.snapshot(executionId);
    expect(run.execution.status).toBe('completed');
    expect(run.steps.find((s) => s.stepId === 'ask')).toMatchObject({
      status: 'completed',
      handles: ['approved'],
      output: { decision: 'approved', approved: true, comment: 'looks fine' },
    });
    expect(run.steps.find((s) => s.stepId === 'yes')?.status).toBe('completed');
    expect(run.steps.find((s) => s.stepId === 'no')?.status).toBe('skipped');
    expect(await t.approvals.decide(tokenOf(notice.rejectUrl), 'rejected', null)).toBe('stale');
    expect(await t.approvals.decide('not-a-token', 'approved', null)).toBe('unknown');
  });

  it('resumes down rejected', async () => {
    const t = setup();
    const { executionId } = await t.engine.start({ definition: definition(), input: { order: 8 } });
    const notice = await requested(t, executionId);
    expect(await t.approvals.decide(tokenOf(notice.rejectUrl), 'rejected', null)).toBe('completed');
    await t.settle();
    const run = await t.snapshot(executionId);
    expect(run.steps.find((s) => s.stepId === 'ask')?.handles).toEqual(['rejected']);
    expect(run.steps.find((s) => s.stepId === 'no')?.output).toMatchObject({ shipped: false });
    expect(run.steps.find((s) => s.stepId === 'yes')?.status).toBe('skipped');
  });

  it('fails with NODE_TIMEOUT when nobody decides in time, after which the token is stale', async () => {
    const t = setup();
    const { executionId } = await t.engine.start({ definition: definition(60), input: { order: 9 } });
    const notice = await requested(t, executionId);
    await t.advance(61_000);
    const run = await t.snapshot(executionId);
    expect(run.execution).toMatchObject({ status: 'failed', error: 'NODE_TIMEOUT' });
    expect(await t.approvals.decide(tokenOf(notice.approveUrl), 'approved', null)).toBe('stale');
    expect(hashTaskToken(tokenOf(notice.approveUrl))).toHaveLength(64);
  });
});
