import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { signWebhookPayload } from '../../../api/src/triggers/webhooks/verify-webhook-signature';
import { eventually, TestApiClient } from '../support/api-client';
import { addMember, setUpOwner, signIn } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';
import { createTrigger, createWorkflow, databaseOf, echoGraph, schedulerOf, setNextRunAt } from './trigger-fixtures';

/** Triggers REST, cron scheduling (catch-up, DST), webhooks, forms and lifecycle against the real HTTP server on one tier. */
export function describeTriggers(tier: TierName): void {
  describe(`triggers on the ${tier} tier`, () => {
    let environment: TierEnvironment;
    let baton: RunningBaton;
    let owner: TestApiClient;
    let anonymous: TestApiClient;

    const execution = (id: string) => owner.get(`/api/executions/${id}`).then((r) => r.body);
    const finished = (id: string) =>
      eventually(async () => {
        const e = await execution(id);
        return ['completed', 'failed', 'cancelled'].includes(e.status) ? e : undefined;
      });
    const runsOf = async (triggerId: string) =>
      (await owner.get(`/api/triggers/${triggerId}/runs`)).body as {
        executionId: string;
        scheduledFor: string | null;
        error: string | null;
      }[];

    beforeAll(async () => {
      environment = await prepareTier(tier);
      baton = await startInProcessBaton({
        ...environment.env,
        BATON_CRON_MIN_INTERVAL_SECONDS: '60',
        BATON_WEBHOOK_SYNC_TIMEOUT_MS: '5000',
        BATON_WEBHOOK_MAX_BODY_BYTES: '4096',
      });
      anonymous = new TestApiClient(baton.url);
      owner = await setUpOwner(anonymous);
    });

    afterAll(async () => {
      await baton?.close();
      await environment?.cleanup();
    });

    it('documents every trigger and lifecycle endpoint in the OpenAPI document', async () => {
      const paths = Object.keys((await anonymous.get('/api/docs-json')).body.paths);
      for (const path of [
        '/api/workflows/{id}/triggers',
        '/api/triggers/{id}',
        '/api/triggers/{id}/next-runs',
        '/api/triggers/{id}/runs',
        '/api/hooks/{token}',
        '/api/forms/{token}',
        '/api/workflows/{id}/activate',
        '/api/workflows/{id}/pause',
        '/api/workflows/{id}/versions/{version}/restore',
      ]) {
        expect(paths).toContain(path);
      }
      // Public endpoints say so: no credentials required.
      const docs = (await anonymous.get('/api/docs-json')).body;
      expect(docs.paths['/api/hooks/{token}'].post.security).toEqual([]);
      expect(docs.paths['/api/forms/{token}'].get.security).toEqual([]);
    });

    it('keeps triggers inside their workspace and needs the editor role to change them', async () => {
      const workflowId = await createWorkflow(owner, 'Scoped', echoGraph('s'));
      const trigger = await createTrigger(owner, workflowId, { type: 'webhook' });
      const workspaceB = await owner.post('/api/workspaces', { name: 'Workspace B' });
      const ownerInB = await signIn(anonymous, 'owner@example.test', 'correct horse', workspaceB.body.id);
      expect((await ownerInB.get(`/api/triggers/${trigger.id}`)).status).toBe(404);
      expect((await ownerInB.delete(`/api/triggers/${trigger.id}`)).status).toBe(404);
      expect((await ownerInB.get(`/api/workflows/${workflowId}/triggers`)).status).toBe(404);
      expect((await ownerInB.post(`/api/workflows/${workflowId}/triggers`, { type: 'webhook' })).status).toBe(404);
      const viewer = await addMember(owner, 'viewer', 'trigger-viewer@example.test');
      expect((await viewer.get(`/api/triggers/${trigger.id}`)).status).toBe(200);
      expect((await viewer.post(`/api/workflows/${workflowId}/triggers`, { type: 'webhook' })).status).toBe(403);
      expect((await viewer.post(`/api/workflows/${workflowId}/pause`)).status).toBe(403);
    });

    describe('cron triggers', () => {
      it('refuses invalid expressions, zones and too-frequent schedules with 400s naming the problem', async () => {
        const workflowId = await createWorkflow(owner, 'Cron checks', echoGraph('c'));
        const bad = async (body: Record<string, unknown>) => {
          const response = await owner.post(`/api/workflows/${workflowId}/triggers`, body);
          expect(response.status).toBe(400);
          return String(response.body.message);
        };
        expect(await bad({ type: 'cron', expression: '61 * * * *' })).toContain(
          'expression: "61 * * * *" is not a valid cron expression',
        );
        expect(await bad({ type: 'cron', expression: '0 * * * *', timezone: 'Mars/Olympus' })).toContain(
          'timezone: "Mars/Olympus" is not an IANA time zone',
        );
        expect(await bad({ type: 'cron', expression: '*/30 * * * * *' })).toContain('the minimum interval is 60 s');
        expect(await bad({ type: 'cron', expression: '0 * * * *', catchUp: 'sometimes' })).toContain(
          'catchUp must be one of',
        );
        expect(await bad({ type: 'cron', expression: '0 * * * *', signed: true })).toContain(
          'property signed should not exist',
        );
        expect(await bad({ type: 'hourly' })).toContain('type must be one of cron, webhook, form, once');
      });

      it('previews the next runs across a DST change in the trigger zone, and lists nextRunAt and lastRunAt', async () => {
        const workflowId = await createWorkflow(owner, 'Preview', echoGraph('p'));
        const trigger = await createTrigger(owner, workflowId, {
          type: 'cron',
          expression: '30 2 * * *',
          timezone: 'America/New_York',
        });
        expect(trigger).toMatchObject({
          type: 'cron',
          expression: '30 2 * * *',
          timezone: 'America/New_York',
          catchUp: 'none',
          enabled: true,
          lastRunAt: null,
        });
        expect(typeof trigger.nextRunAt).toBe('string');

        const preview = await owner.get(`/api/triggers/${trigger.id}/next-runs?count=3&from=2030-03-09T00:00:00Z`);
        expect(preview.status).toBe(200);
        expect(preview.body).toEqual({
          timezone: 'America/New_York',
          runs: [
            { at: '2030-03-09T07:30:00.000Z', local: '2030-03-09T02:30:00-05:00' },
            // 02:30 does not exist on 2030-03-10 (clocks jump 02:00 -> 03:00): it runs once, at 03:00 EDT.
            { at: '2030-03-10T07:00:00.000Z', local: '2030-03-10T03:00:00-04:00' },
            { at: '2030-03-11T06:30:00.000Z', local: '2030-03-11T02:30:00-04:00' },
          ],
        });
        expect((await owner.get(`/api/triggers/${trigger.id}/next-runs?count=0`)).status).toBe(400);

        const listed = await owner.get(`/api/workflows/${workflowId}/triggers`);
        expect(listed.status).toBe(200);
        expect(listed.body).toHaveLength(1);
        expect(listed.body[0]).toMatchObject({ id: trigger.id, nextRunAt: trigger.nextRunAt, lastRunAt: null });
      });

      it('fires a daily New York job exactly once per day across spring-forward and fall-back (fixed clock)', async () => {
        const workflowId = await createWorkflow(owner, 'DST', echoGraph('dst'));
        const spring = await createTrigger(owner, workflowId, {
          type: 'cron',
          expression: '30 2 * * *',
          timezone: 'America/New_York',
        });
        const autumn = await createTrigger(owner, workflowId, {
          type: 'cron',
          expression: '30 1 * * *',
          timezone: 'America/New_York',
        });
        await setNextRunAt(baton, spring.id, '2030-03-09T07:30:00Z');
        await setNextRunAt(baton, autumn.id, '2030-11-02T05:30:00Z');
        const scheduler = schedulerOf(baton);
        // A fake clock stepping 15 minutes at a time over three days around each change.
        const step = 15 * 60_000;
        const slots = async (id: string) => (await runsOf(id)).map((r) => r.scheduledFor).sort();
        for (let t = Date.parse('2030-03-09T00:00:00Z'); t <= Date.parse('2030-03-12T00:00:00Z'); t += step)
          await scheduler.tick(new Date(t));
        expect(await slots(spring.id)).toEqual([
          '2030-03-09T07:30:00.000Z',
          '2030-03-10T07:00:00.000Z',
          '2030-03-11T06:30:00.000Z',
        ]);
        // Disabled triggers are never claimed: the spring one stays out of the autumn sweep.
        const disabled = await owner.put(`/api/triggers/${spring.id}`, {
          type: 'cron',
          expression: '30 2 * * *',
          timezone: 'America/New_York',
          enabled: false,
        });
        expect(disabled.body.enabled).toBe(false);
        for (let t = Date.parse('2030-11-02T00:00:00Z'); t <= Date.parse('2030-11-05T00:00:00Z'); t += step)
          await scheduler.tick(new Date(t));
        expect(await slots(spring.id)).toHaveLength(3);
        expect(await slots(autumn.id)).toEqual([
          '2030-11-02T05:30:00.000Z',
          '2030-11-03T05:30:00.000Z',
          '2030-11-04T06:30:00.000Z',
        ]);
        const after = (await owner.get(`/api/triggers/${autumn.id}`)).body;
        expect(after.lastRunAt).toBe('2030-11-04T06:30:00.000Z');
        expect(after.nextRunAt).toBe('2030-11-05T06:30:00.000Z');
        // Each run started its own execution, with the slot in its input.
        const [first] = await runsOf(spring.id);
        const done = await finished(first.executionId);
        expect(done).toMatchObject({
          status: 'completed',
          output: { tag: 'dst', got: { trigger: { id: spring.id, type: 'cron' } } },
        });
      });

      it('applies the catch-up policy to runs missed while no scheduler ran', async () => {
        const workflowId = await createWorkflow(owner, 'Catch-up', echoGraph('cu'));
        const policies = ['none', 'latest', 'all'] as const;
        const triggers = await Promise.all(
          policies.map((catchUp) =>
            createTrigger(owner, workflowId, { type: 'cron', expression: '0 * * * *', catchUp }),
          ),
        );
        // Down from 10:00 to 14:30 (five hourly slots missed); BATON_CRON_CATCH_UP_MAX is 10.
        for (const t of triggers) await setNextRunAt(baton, t.id, '2030-01-01T10:00:00Z');
        await schedulerOf(baton).tick(new Date('2030-01-01T14:30:00Z'));
        const slots = async (id: string) => (await runsOf(id)).map((r) => r.scheduledFor).sort();
        expect(await slots(triggers[0].id)).toEqual([]);
        expect(await slots(triggers[1].id)).toEqual(['2030-01-01T14:00:00.000Z']);
        expect(await slots(triggers[2].id)).toEqual([
          '2030-01-01T10:00:00.000Z',
          '2030-01-01T11:00:00.000Z',
          '2030-01-01T12:00:00.000Z',
          '2030-01-01T13:00:00.000Z',
          '2030-01-01T14:00:00.000Z',
        ]);
        for (const t of triggers)
          expect((await owner.get(`/api/triggers/${t.id}`)).body.nextRunAt).toBe('2030-01-01T15:00:00.000Z');
        // A second tick at the same instant finds nothing due: no slot runs twice.
        expect(await schedulerOf(baton).tick(new Date('2030-01-01T14:30:00Z'))).toEqual([]);
      });

      it("does not fire a paused workflow's triggers; activation restarts the schedule from now", async () => {
        const workflowId = await createWorkflow(owner, 'Paused', echoGraph('p'));
        const trigger = await createTrigger(owner, workflowId, {
          type: 'cron',
          expression: '0 * * * *',
          catchUp: 'all',
        });
        expect((await owner.post(`/api/workflows/${workflowId}/pause`)).body.status).toBe('paused');
        await setNextRunAt(baton, trigger.id, '2020-01-01T10:00:00Z');
        await schedulerOf(baton).tick();
        expect(await runsOf(trigger.id)).toEqual([]);
        // Manual runs work in any status.
        expect((await owner.post(`/api/workflows/${workflowId}/execute`, { input: { n: 1 } })).status).toBe(201);
        expect((await owner.post(`/api/workflows/${workflowId}/activate`)).body.status).toBe('active');
        const next = new Date((await owner.get(`/api/triggers/${trigger.id}`)).body.nextRunAt).getTime();
        expect(next).toBeGreaterThan(Date.now());
        await schedulerOf(baton).tick();
        expect(await runsOf(trigger.id)).toEqual([]);
      });

      it('repairs a run whose process died between claiming and starting, with the same execution id, once', async () => {
        const workflowId = await createWorkflow(owner, 'Repair', echoGraph('repair'));
        const trigger = await createTrigger(owner, workflowId, { type: 'cron', expression: '0 * * * *' });
        const db = databaseOf(baton);
        // As a crashed claim leaves it: the run row committed, no execution, not marked started.
        const lost = '0b9d0f7e-8a3c-4c41-9d8e-3f1b7a1c2d01';
        const [workspace] = await db.query(`SELECT workspace_id FROM triggers WHERE id = $1`, [trigger.id]);
        await db.query(
          `INSERT INTO trigger_runs (id, trigger_id, workspace_id, execution_id, scheduled_for, created_at) VALUES (gen_random_uuid(), $1, $2, $3, '2030-01-01T10:00:00Z', now() - interval '5 minutes')`,
          [trigger.id, workspace.workspace_id, lost],
        );
        await schedulerOf(baton).maintain();
        expect((await finished(lost)).status).toBe('completed');
        // A second pass (or a second process) finds it started and does nothing.
        await schedulerOf(baton).maintain();
        const [runs] = await db.query(
          `SELECT count(*)::int AS n, bool_and(started) AS started FROM trigger_runs WHERE trigger_id = $1`,
          [trigger.id],
        );
        expect(runs).toEqual({ n: 1, started: true });
        const [executions] = await db.query(`SELECT count(*)::int AS n FROM executions WHERE workflow_id = $1`, [
          workflowId,
        ]);
        expect(executions.n).toBe(1);
      });

      it('runs a one-time trigger exactly once at its instant', async () => {
        const workflowId = await createWorkflow(owner, 'Once', echoGraph('once'));
        const at = new Date(Date.now() + 1500).toISOString();
        const trigger = await createTrigger(owner, workflowId, { type: 'once', at });
        expect(trigger).toMatchObject({ type: 'once', at, nextRunAt: at });
        expect(
          (await owner.post(`/api/workflows/${workflowId}/triggers`, { type: 'once', at: '2030-01-01T09:00:00' })).body
            .message,
        ).toContain('at: must include a time zone');
        const [run] = await eventually(async () => {
          const runs = await runsOf(trigger.id);
          return runs.length ? runs : undefined;
        });
        expect(run.scheduledFor).toBe(at);
        expect((await finished(run.executionId)).status).toBe('completed');
        await schedulerOf(baton).tick(new Date(Date.now() + 3600_000));
        expect(await runsOf(trigger.id)).toHaveLength(1);
        expect((await owner.get(`/api/triggers/${trigger.id}`)).body).toMatchObject({ nextRunAt: null, lastRunAt: at });
      });
    });

    describe('webhooks', () => {
      let workflowId: string;
      let signed: { id: string; url: string; secret: string };
      const path = (url: string) => new URL(url).pathname;
      const sign = (body: string, t = Math.floor(Date.now() / 1000)) =>
        `t=${t},v1=${signWebhookPayload(signed.secret, String(t), Buffer.from(body))}`;
      const call = (url: string, body: string, headers: Record<string, string> = {}, method = 'POST') =>
        anonymous.request(method, path(url), body || undefined, { 'content-type': 'application/json', ...headers });

      beforeAll(async () => {
        workflowId = await createWorkflow(owner, 'Hooked', echoGraph('hook'));
        signed = await createTrigger(owner, workflowId, {
          type: 'webhook',
          signed: true,
          responseMode: 'async',
          methods: ['POST', 'PUT'],
        });
      });

      it('returns the URL and the secret once; the secret is never shown again', async () => {
        expect(signed.url).toMatch(/\/api\/hooks\/[A-Za-z0-9_-]{43}$/);
        expect(signed.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
        const fetched = (await owner.get(`/api/triggers/${signed.id}`)).body;
        expect(fetched).toMatchObject({
          url: signed.url,
          signed: true,
          responseMode: 'async',
          methods: ['POST', 'PUT'],
        });
        expect(JSON.stringify(fetched)).not.toContain(signed.secret);
        const stored = await databaseOf(baton).query(`SELECT secret_sealed FROM triggers WHERE id = $1`, [signed.id]);
        expect(stored[0].secret_sealed).not.toContain(signed.secret.slice(6));
      });

      it('accepts a correctly signed call (202) and passes body, headers minus secrets, query and method as input', async () => {
        const body = JSON.stringify({ order: 42 });
        const response = await anonymous.request('POST', `${path(signed.url)}?source=shop`, body, {
          'content-type': 'application/json',
          'x-baton-signature': sign(body),
          authorization: 'Bearer should-not-leak',
          'x-shop': 'demo',
        });
        expect(response.status).toBe(202);
        const done = await finished(response.body.executionId);
        expect(done.status).toBe('completed');
        const input = done.output.got;
        expect(input).toMatchObject({ body: { order: 42 }, query: { source: 'shop' }, method: 'POST' });
        expect(input.headers['x-shop']).toBe('demo');
        expect(input.headers).not.toHaveProperty('authorization');
        expect(input.headers).not.toHaveProperty('x-baton-signature');
        expect((await runsOf(signed.id)).map((r) => r.executionId)).toContain(response.body.executionId);
      });

      it('refuses a bad signature, a stale timestamp (replay) and a missing header with 401, starting nothing', async () => {
        const before = (await runsOf(signed.id)).length;
        const body = JSON.stringify({ order: 7 });
        const forged = await call(signed.url, body, { 'x-baton-signature': sign(JSON.stringify({ order: 8 })) });
        expect(forged.status).toBe(401);
        expect(forged.body.message).toContain('does not match');
        const replayed = await call(signed.url, body, {
          'x-baton-signature': sign(body, Math.floor(Date.now() / 1000) - 600),
        });
        expect(replayed.status).toBe(401);
        expect(replayed.body.message).toContain('outside the 300 s tolerance');
        expect((await call(signed.url, body)).status).toBe(401);
        expect(await runsOf(signed.id)).toHaveLength(before);
      });

      it("accepts an identical signed request once, and forged calls never spend the sender's rate", async () => {
        const limited = await createTrigger(owner, workflowId, {
          type: 'webhook',
          signed: true,
          rateLimitPerMinute: 2,
        });
        const sendAs = (secret: string, body: string, t = Math.floor(Date.now() / 1000)) =>
          call(limited.url, body, {
            'x-baton-signature': `t=${t},v1=${signWebhookPayload(secret, String(t), Buffer.from(body))}`,
          });
        for (let i = 0; i < 3; i++) expect((await sendAs('whsec_wrong', `{"forged":${i}}`)).status).toBe(401);
        const body = JSON.stringify({ order: 'once' });
        const t = Math.floor(Date.now() / 1000);
        const first = await sendAs(limited.secret, body, t);
        expect(first.status).toBe(202);
        const replay = await sendAs(limited.secret, body, t);
        expect(replay.status).toBe(401);
        expect(replay.body.message).toContain('already received');
        expect((await runsOf(limited.id)).map((r) => r.executionId)).toEqual([first.body.executionId]);
      });

      it('answers a repeated Idempotency-Key with the first execution id', async () => {
        const body = JSON.stringify({ order: 'idem' });
        // Timestamps fixed up front: on a slow machine "now - 1" after the first call could be
        // the first call's own second, and an identical signed request is refused as a replay.
        const t0 = Math.floor(Date.now() / 1000);
        const first = await call(signed.url, body, {
          'x-baton-signature': sign(body, t0),
          'idempotency-key': 'order-idem',
        });
        // A retry is signed anew (an identical signed request is refused as a replay).
        const second = await call(signed.url, body, {
          'x-baton-signature': sign(body, t0 - 1),
          'idempotency-key': 'order-idem',
        });
        expect(first.status).toBe(202);
        expect(second.status).toBe(202);
        expect(second.body.executionId).toBe(first.body.executionId);
        expect(second.headers.get('idempotent-replayed')).toBe('true');
        const other = await call(signed.url, body, {
          'x-baton-signature': sign(body, t0 - 2),
          'idempotency-key': 'order-other',
        });
        expect(other.body.executionId).not.toBe(first.body.executionId);
        expect((await runsOf(signed.id)).filter((r) => r.executionId === first.body.executionId)).toHaveLength(1);
      });

      it('refuses a method not allowed (405), a body over the limit (413) and calls to an inactive workflow (409)', async () => {
        const wrong = await call(signed.url, '', {}, 'DELETE');
        expect(wrong.status).toBe(405);
        expect(wrong.headers.get('allow')).toBe('POST, PUT');
        const big = JSON.stringify({ pad: 'x'.repeat(5000) });
        const tooBig = await call(signed.url, big, { 'x-baton-signature': sign(big) });
        expect(tooBig.status).toBe(413);
        expect((await anonymous.post('/api/hooks/not-a-real-token', {})).status).toBe(404);
        const idle = await createWorkflow(owner, 'Idle', echoGraph('idle'), 'draft');
        const hook = await createTrigger(owner, idle, { type: 'webhook' });
        expect((await call(hook.url, '{}')).status).toBe(409);
      });

      it('sync mode answers with the output, and falls back to 202 when the run outlasts the wait', async () => {
        const quick = await createTrigger(owner, workflowId, { type: 'webhook', responseMode: 'sync' });
        const answered = await call(quick.url, JSON.stringify({ n: 5 }));
        expect(answered.status).toBe(200);
        expect(answered.body).toMatchObject({ status: 'completed', output: { tag: 'hook', got: { body: { n: 5 } } } });
        expect(typeof answered.body.executionId).toBe('string');

        const slowWorkflow = await createWorkflow(owner, 'Slow', echoGraph('slow', 8000));
        const slow = await createTrigger(owner, slowWorkflow, { type: 'webhook', responseMode: 'sync' });
        const started = Date.now();
        const fallback = await call(slow.url, '{}');
        expect(fallback.status).toBe(202);
        expect(Date.now() - started).toBeGreaterThanOrEqual(4500);
        expect(typeof fallback.body.executionId).toBe('string');
      });

      it('a sync webhook with mode "immediate" runs the flow in the request and answers its output', async () => {
        const hook = await createTrigger(owner, workflowId, {
          type: 'webhook',
          responseMode: 'sync',
          mode: 'immediate',
        });
        const answered = await call(hook.url, JSON.stringify({ n: 7 }));
        expect(answered.status).toBe(200);
        expect(answered.body).toMatchObject({ status: 'completed', output: { tag: 'hook', got: { body: { n: 7 } } } });
        const execution = await owner.get(`/api/executions/${answered.body.executionId}`);
        expect(execution.body).toMatchObject({ mode: 'immediate', trigger: 'webhook', status: 'completed' });

        const queued = await createTrigger(owner, workflowId, {
          type: 'webhook',
          responseMode: 'sync',
          mode: 'queued',
        });
        const woken = await call(queued.url, JSON.stringify({ n: 8 }));
        expect(woken.status).toBe(200);
        expect((await owner.get(`/api/executions/${woken.body.executionId}`)).body.mode).toBe('queued');
        const refused = await owner.post(`/api/workflows/${workflowId}/triggers`, {
          type: 'webhook',
          mode: 'sometimes',
        });
        expect(refused.status).toBe(400);
        expect(JSON.stringify(refused.body.message)).toContain('mode');
      });

      it('rate-limits per trigger with 429 and Retry-After', async () => {
        const limited = await createTrigger(owner, workflowId, { type: 'webhook', rateLimitPerMinute: 2 });
        expect((await call(limited.url, '{}')).status).toBe(202);
        expect((await call(limited.url, '{}')).status).toBe(202);
        const refused = await call(limited.url, '{}');
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
        expect(await runsOf(limited.id)).toHaveLength(2);
      });
    });

    describe('forms', () => {
      it('renders an accessible form; an invalid submission re-renders with errors and starts nothing; a valid one starts the workflow', async () => {
        const workflowId = await createWorkflow(owner, 'Contact', echoGraph('form'));
        const form = await createTrigger(owner, workflowId, {
          type: 'form',
          title: 'Contact <us>',
          fields: [
            { name: 'email', label: 'Email', type: 'email', required: true, help: 'We answer here' },
            { name: 'count', label: 'How many', type: 'number', min: 1, max: 10 },
          ],
          thankYou: 'Thanks! <We will be in touch>',
        });
        expect(form.url).toMatch(/\/api\/forms\/[A-Za-z0-9_-]{43}$/);
        const page = await anonymous.get(new URL(form.url).pathname);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toContain('text/html');
        expect(page.body).toContain('<h1>Contact &lt;us&gt;</h1>');
        expect(page.body).toContain('<label for="field-email">Email <span>(required)</span></label>');
        expect(page.body).toContain('aria-describedby="field-email-help"');

        const post = (fields: Record<string, string>) =>
          anonymous.request('POST', new URL(form.url).pathname, new URLSearchParams(fields).toString(), {
            'content-type': 'application/x-www-form-urlencoded',
          });
        const invalid = await post({ email: 'not-an-email', count: '99' });
        expect(invalid.status).toBe(422);
        expect(invalid.body).toContain(
          '<p class="error" id="field-email-error">Email must be an email address, like name@example.com</p>',
        );
        expect(invalid.body).toContain('aria-describedby="field-email-help field-email-error"');
        expect(invalid.body).toContain('How many must be at most 10');
        expect(invalid.body).toContain('value="not-an-email"');
        expect(await runsOf(form.id)).toEqual([]);

        const valid = await post({ email: 'ada@example.com', count: '3' });
        expect(valid.status).toBe(200);
        expect(valid.body).toContain('Thanks! &lt;We will be in touch&gt;');
        const [run] = await runsOf(form.id);
        expect(run.executionId).toBe(valid.headers.get('x-baton-execution-id'));
        const done = await finished(run.executionId);
        expect(done.output.got.fields).toEqual({ email: 'ada@example.com', count: 3 });
        expect((await anonymous.get('/api/forms/unknown-token')).status).toBe(404);
      });
    });

    describe('lifecycle and versions', () => {
      it('pins a run to the version it started on: started on v3, edited to v4 mid-run, completes on v3', async () => {
        const workflowId = await createWorkflow(owner, 'Pinned', echoGraph('v1', 2500), 'draft');
        for (const tag of ['v2', 'v3'])
          expect((await owner.put(`/api/workflows/${workflowId}`, { definition: echoGraph(tag, 2500) })).status).toBe(
            200,
          );
        const started = await owner.post(`/api/workflows/${workflowId}/execute`, { input: { n: 1 }, mode: 'queued' });
        expect(started.status).toBe(201);
        const edited = await owner.put(`/api/workflows/${workflowId}`, { definition: echoGraph('v4', 2500) });
        expect(edited.body.currentVersion).toBe(4);
        const done = await finished(started.body.executionId);
        expect(done.status).toBe('completed');
        expect(done.output.tag).toBe('v3');
        const [version] = await databaseOf(baton).query(`SELECT version FROM workflow_versions WHERE id = $1`, [
          done.workflowVersionId,
        ]);
        expect(version.version).toBe(3);
      });

      it('restores an old version as a new version', async () => {
        const workflowId = await createWorkflow(owner, 'Restorable', echoGraph('one'), 'draft');
        await owner.put(`/api/workflows/${workflowId}`, { definition: echoGraph('two') });
        const restored = await owner.post(`/api/workflows/${workflowId}/versions/1/restore`);
        expect(restored.status).toBe(200);
        expect(restored.body.currentVersion).toBe(3);
        expect(restored.body.definition).toEqual(echoGraph('one'));
        expect(
          (await owner.get(`/api/workflows/${workflowId}/versions`)).body.map((v: { version: number }) => v.version),
        ).toEqual([3, 2, 1]);
        expect((await owner.post(`/api/workflows/${workflowId}/versions/9/restore`)).status).toBe(404);
      });

      it('refuses to delete a workflow with running executions (409) unless forced, which cancels them', async () => {
        const workflowId = await createWorkflow(owner, 'Busy', echoGraph('busy', 20_000), 'draft');
        const started = await owner.post(`/api/workflows/${workflowId}/execute`, { mode: 'queued' });
        await eventually(async () => (await execution(started.body.executionId)).status === 'running');
        const refused = await owner.delete(`/api/workflows/${workflowId}`);
        expect(refused.status).toBe(409);
        expect(refused.body.executionIds).toEqual([started.body.executionId]);
        expect((await owner.delete(`/api/workflows/${workflowId}?force=maybe`)).status).toBe(400);
        expect((await owner.delete(`/api/workflows/${workflowId}?force=true`)).status).toBe(204);
        expect((await owner.get(`/api/workflows/${workflowId}`)).status).toBe(404);
        expect((await execution(started.body.executionId)).status).toBe('cancelled');
      });
    });
  });
}
