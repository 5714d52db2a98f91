import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually, TestApiClient } from '../support/api-client';
import { edge, node } from '../support/graphs';
import { setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';

interface Notice {
  approveUrl: string;
  rejectUrl: string;
  message: string;
  executionId: string;
}

/** start -> ask (flow.approval, notifying the stub) -> yes | no. */
const approvalGraph = (notifyUrl: string) => ({
  nodes: [
    node('start', 'trigger.manual'),
    node('ask', 'flow.approval', { message: 'Refund {{ amount }} EUR?', notifyUrl, timeoutSeconds: 600 }, 200),
    node('yes', 'data.transform', { expression: '{ "refunded": true }' }, 400),
    node('no', 'data.transform', { expression: '{ "refunded": false }' }, 400),
  ],
  edges: [edge('start', 'ask'), edge('ask', 'yes', 'approved'), edge('ask', 'no', 'rejected')],
});

/** flow.approval through the API: its links need no login, resume the right handle, work once. */
export function describeApprovals(tier: TierName): void {
  describe(`approvals on the ${tier} tier`, () => {
    let environment: TierEnvironment;
    let baton: RunningBaton;
    let owner: TestApiClient;
    let stub: Server;
    let notifyUrl: string;
    const notices: Notice[] = [];

    beforeAll(async () => {
      // Stands for the email bridge a workflow author would point notifyUrl at.
      stub = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          notices.push(JSON.parse(body) as Notice);
          response.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
      notifyUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/notify`;
      environment = await prepareTier(tier);
      baton = await startInProcessBaton({ ...environment.env, BATON_PUBLIC_URL: 'https://baton.example' });
      owner = await setUpOwner(new TestApiClient(baton.url));
    }, 120_000);

    afterAll(async () => {
      await baton?.close();
      await environment?.cleanup();
      await new Promise((resolve) => stub?.close(resolve));
    }, 120_000);

    /** Starts a run in `auto` mode and answers its notice (the run is queued: it waits for people). */
    async function requestApproval(amount: number): Promise<{ executionId: string; notice: Notice }> {
      const created = await owner.post('/api/workflows', {
        name: `refund ${amount}`,
        format: 'graph',
        definition: approvalGraph(notifyUrl),
      });
      if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
      const started = await owner.post(`/api/workflows/${created.body.id}/execute`, { input: { amount } });
      expect(started.body).toMatchObject({ mode: 'queued', durability: 'standard' });
      const executionId: string = started.body.executionId;
      const notice = await eventually(async () => notices.find((n) => n.executionId === executionId));
      return { executionId, notice };
    }

    // The public links, called without any credentials, at this server instead of BATON_PUBLIC_URL.
    const anonymous = () => new TestApiClient(baton.url);
    const pathOf = (url: string) => new URL(url).pathname;
    const ended = (executionId: string) =>
      eventually(async () => {
        const run = await owner.get(`/api/executions/${executionId}`);
        return ['completed', 'failed', 'cancelled'].includes(run.body.status) ? run.body : undefined;
      });
    const stepOf = (run: { steps: Array<{ stepId: string }> }, stepId: string) =>
      run.steps.find((s) => s.stepId === stepId) as Record<string, unknown>;

    it('approve resumes the run down approved; the token works once', async () => {
      const { executionId, notice } = await requestApproval(30);
      expect(notice.message).toBe('Refund 30 EUR?');
      expect(notice.approveUrl).toMatch(/^https:\/\/baton\.example\/api\/approvals\/[\w-]{43}\/approve$/);
      const shown = await anonymous().get(pathOf(notice.approveUrl).replace(/\/approve$/, ''));
      expect(shown).toMatchObject({ status: 200, body: { message: 'Refund 30 EUR?', waiting: true } });
      const approved = await anonymous().post(pathOf(notice.approveUrl), { comment: 'ok by me' });
      expect(approved).toMatchObject({ status: 200, body: { decision: 'approved' } });
      const run = await ended(executionId);
      expect(run.status).toBe('completed');
      expect(stepOf(run, 'ask')).toMatchObject({
        status: 'completed',
        handles: ['approved'],
        output: { decision: 'approved', approved: true, comment: 'ok by me' },
      });
      expect(stepOf(run, 'yes')).toMatchObject({ status: 'completed', output: { refunded: true } });
      expect(stepOf(run, 'no').status).toBe('skipped');
      // Single use: the same token again, either way, is refused and changes nothing.
      expect((await anonymous().post(pathOf(notice.approveUrl), {})).status).toBe(409);
      expect((await anonymous().post(pathOf(notice.rejectUrl), {})).status).toBe(409);
      expect((await anonymous().get(pathOf(notice.approveUrl).replace(/\/approve$/, ''))).body.waiting).toBe(false);
    });

    it('reject resumes the run down rejected; unknown and malformed tokens are refused', async () => {
      const { executionId, notice } = await requestApproval(900);
      const rejected = await anonymous().post(pathOf(notice.rejectUrl));
      expect(rejected).toMatchObject({ status: 200, body: { decision: 'rejected' } });
      const run = await ended(executionId);
      expect(stepOf(run, 'ask').handles).toEqual(['rejected']);
      expect(stepOf(run, 'no')).toMatchObject({ status: 'completed', output: { refunded: false } });
      expect(stepOf(run, 'yes').status).toBe('skipped');
      expect((await anonymous().post(`/api/approvals/${'A'.repeat(43)}/approve`)).status).toBe(404);
      const malformed = await anonymous().post('/api/approvals/short/approve');
      expect(malformed.status).toBe(400);
      expect(JSON.stringify(malformed.body)).toContain('token');
      expect((await anonymous().post(pathOf(notice.rejectUrl), { comment: 'x'.repeat(2001) })).status).toBe(400);
    });
  });
}
