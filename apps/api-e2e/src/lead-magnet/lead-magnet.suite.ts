import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { leadMagnet } from '../../../admin/src/app/workflows/lead-magnet-example';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import {
  type ChatCompletionsTestServer,
  startChatCompletionsTestServer,
} from '../../../../libs/nodes/src/testing/chat-completions-test-server';
import { eventually, TestApiClient } from '../support/api-client';
import { setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';
import { type SmtpInbox, startSmtpInbox } from './smtp-inbox';

/** The example's definition with the credentials a user would pick filled in. */
function withCredentials(openaiId: string, smtpId: string) {
  const definition = structuredClone(leadMagnet.definition) as {
    nodes: { type: string; data: { inputs: Record<string, unknown> } }[];
  };
  for (const node of definition.nodes) {
    if (node.type === 'ai.generate') node.data.inputs['credentialId'] = openaiId;
    if (node.type === 'email.send') node.data.inputs['credentialId'] = smtpId;
  }
  return definition;
}

const STATUS_URL = /data-status-url="(\/api\/forms\/[^"]+\/jobs\/[A-Za-z0-9_-]+)"/;

/**
 * Issue 13, items 4 and 5 on one tier: the lead-magnet example, started from its form with a status
 * page, against the local chat-completions server and a real SMTP server, in immediate and queued
 * mode. The email's link downloads the report the run stored, and the submitter's status page moves
 * to completed and links the same report.
 */
export function describeLeadMagnet(tier: TierName): void {
  describe(`lead-magnet example (${tier} tier)`, () => {
    let environment: TierEnvironment;
    let baton: RunningBaton;
    let owner: TestApiClient;
    let anonymous: TestApiClient;
    let chat: ChatCompletionsTestServer;
    let smtp: SmtpInbox;
    let workflowId: string;

    beforeAll(async () => {
      chat = await startChatCompletionsTestServer();
      smtp = await startSmtpInbox();
      environment = await prepareTier(tier);
      baton = await startInProcessBaton({ ...environment.env, BATON_ROLE: 'all' });
      anonymous = new TestApiClient(baton.url);
      owner = await setUpOwner(anonymous);
      const credential = async (kind: string, values: Record<string, unknown>) => {
        const created = await owner.post('/api/credentials', { name: kind, kind, values });
        expect(created.status).toBe(201);
        return created.body.id as string;
      };
      const openaiId = await credential('openai', { baseUrl: chat.baseUrl, apiKey: chat.apiKey, defaultModel: 'm' });
      const smtpId = await credential('smtp', { host: '127.0.0.1', port: smtp.port, secure: false });
      const { name, format, tags } = leadMagnet;
      const created = await owner.post('/api/workflows', {
        name,
        format,
        tags,
        definition: withCredentials(openaiId, smtpId),
      });
      expect(created.status).toBe(201);
      workflowId = created.body.id;
      expect((await owner.post(`/api/workflows/${workflowId}/activate`)).status).toBe(200);
    });

    afterAll(async () => {
      await baton?.close();
      await environment?.cleanup();
      await chat?.close();
      await smtp?.close();
    });

    it('is offered with placeholder credentials: it validates and saves, and a run fails on the first AI step naming it', async () => {
      const { name, format, tags, definition } = leadMagnet;
      const validation = await owner.post('/api/workflows/validate', { format, definition });
      expect(validation.body.problems).toEqual([]);
      expect((await owner.post('/api/workflows', { name, format, tags, definition })).status).toBe(201);
      const run = await owner.post('/api/workflows/run', {
        format,
        definition,
        input: { fields: { name: 'A', email: 'a@example.com', topic: 'T' } },
        mode: 'immediate',
      });
      const execution = (await owner.get(`/api/executions/${run.body.executionId}`)).body;
      expect(execution.status).toBe('failed');
      expect(execution.cause).toContain('choose an OpenAI-compatible credential');
      const bad = await owner.post(`/api/workflows/${workflowId}/triggers`, {
        ...leadMagnet.trigger,
        response: 'page',
      });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain(
        'response must be one of the following values: thank-you, status-page',
      );
    });

    it.each(['immediate', 'queued'] as const)(
      '%s mode: form -> outline -> 3 sections -> report -> email; the link and the status page give the report',
      async (mode) => {
        const form = await owner.post(`/api/workflows/${workflowId}/triggers`, { ...leadMagnet.trigger, mode });
        expect(form.status).toBe(201);
        expect(form.body).toMatchObject({ response: 'status-page', mode });
        const formPath = new URL(form.body.url).pathname;
        const email = `lead-${mode}@example.com`;
        const topic = `Queues & <b>${mode}</b> runs`;
        const mailsBefore = smtp.mails.length;

        const posted = await anonymous.request(
          'POST',
          formPath,
          new URLSearchParams({ name: 'Ada', email, topic }).toString(),
          { 'content-type': 'application/x-www-form-urlencoded' },
        );
        expect(posted.status).toBe(200);
        expect(posted.headers.get('x-baton-execution-id')).toBeNull();
        expect(posted.headers.get('cache-control')).toBe('no-store');
        expect(posted.headers.get('content-security-policy')).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
        const statusPath = STATUS_URL.exec(posted.body as string)?.[1];
        expect(statusPath).toBeDefined();

        // Without script the page reloads itself (GET) until the job is done; then it links the report.
        const page = await eventually(
          async () => {
            const shown = await anonymous.get(`${statusPath}/page`);
            expect(shown.status).toBe(200);
            if (!/data-status="completed"/.test(shown.body)) {
              expect(shown.body).toMatch(/data-status="(queued|running)"/);
              expect(shown.body).toContain(`<meta http-equiv="refresh" content="3; url=${statusPath}/page">`);
              return undefined;
            }
            return shown.body as string;
          },
          15_000,
          50,
        );
        expect(page).toContain('<p id="job-status" role="status" aria-live="polite">Completed');
        expect(page).not.toContain('http-equiv="refresh"');
        const pageLink =
          /<li><a href="(\/api\/artifact-links\/[^"]+)">report\.html<\/a> \(text\/html, \d+ bytes\)<\/li>/.exec(
            page,
          )?.[1];
        expect(pageLink).toBeDefined();

        const status = await anonymous.get(statusPath!);
        expect(status.status).toBe(200);
        expect(Object.keys(status.body).sort()).toEqual(['endedAt', 'links', 'startedAt', 'status', 'submittedAt']);
        expect(status.body.status).toBe('completed');
        expect(status.headers.get('cache-control')).toBe('no-store');
        expect(status.headers.get('referrer-policy')).toBe('no-referrer');
        expect(status.body.links).toHaveLength(1);
        expect(status.body.links[0]).toMatchObject({ name: 'report.html', contentType: 'text/html; charset=utf-8' });

        // The run, as its owner sees it: one execution of this form, its report artifact.
        const [run] = (await owner.get(`/api/triggers/${form.body.id}/runs`)).body;
        expect(JSON.stringify(status.body)).not.toContain(run.executionId);
        expect(page).not.toContain(run.executionId);
        const execution = (await owner.get(`/api/executions/${run.executionId}`)).body;
        expect(execution).toMatchObject({ status: 'completed', mode });
        const [artifact] = (await owner.get(`/api/executions/${run.executionId}/artifacts`)).body;
        expect(artifact).toMatchObject({ name: 'report.html', publish: true });
        const stored = await owner.get(`/api/artifacts/${artifact.artifactId}`);
        const html = stored.body as string;
        expect(createHash('sha256').update(html).digest('hex')).toBe(artifact.sha256);
        expect(html).toContain('<h1>Queues &amp; &lt;b&gt;' + mode + '&lt;/b&gt; runs</h1>');
        expect(html.match(/<h2>Part \d<\/h2>/g)).toEqual(['<h2>Part 1</h2>', '<h2>Part 2</h2>', '<h2>Part 3</h2>']);
        // Four completions: the outline, then the three sections (in parallel), each given the outline.
        const prompts = chat.requests.slice(-4).map((r) => r.messages.at(-1)!.content);
        expect(prompts.filter((p) => p.includes('Outline:')).length).toBe(3);

        // The email went to the submitter with the report's public link, which downloads the same bytes.
        const mail = await eventually(async () => smtp.mails.slice(mailsBefore).find((m) => m.subject?.includes(mode)));
        expect(mail.to).toMatchObject({ text: email });
        const emailLink = /(https?:\/\/\S+\/api\/artifact-links\/\S+)/.exec(mail.text ?? '')?.[1];
        expect(emailLink).toBeDefined();
        // Links are made for BATON_PUBLIC_URL (unset: localhost:<PORT>, here 0); the path is what matters.
        for (const path of [new URL(emailLink!).pathname, pageLink!, new URL(status.body.links[0].url).pathname]) {
          const opened = await anonymous.get(path);
          expect(opened.status).toBe(200);
          expect(opened.headers.get('content-security-policy')).toMatch(/^sandbox/);
          expect(opened.body).toBe(html);
        }
      },
    );

    it('answers 404 for a changed job token, another form and an unknown form; nothing but the status', async () => {
      const first = await owner.post(`/api/workflows/${workflowId}/triggers`, leadMagnet.trigger);
      const second = await owner.post(`/api/workflows/${workflowId}/triggers`, leadMagnet.trigger);
      const posted = await anonymous.request(
        'POST',
        new URL(first.body.url).pathname,
        new URLSearchParams({ name: 'Bo', email: 'bo@example.com', topic: 'x' }).toString(),
        { 'content-type': 'application/x-www-form-urlencoded' },
      );
      const statusPath = STATUS_URL.exec(posted.body as string)![1]!;
      const jobToken = statusPath.split('/').pop()!;
      expect((await anonymous.get(statusPath)).status).toBe(200);
      const changed = `${jobToken.slice(0, 10)}${jobToken[10] === 'A' ? 'B' : 'A'}${jobToken.slice(11)}`;
      const otherForm = new URL(second.body.url).pathname;
      for (const path of [
        statusPath.replace(jobToken, changed),
        `${otherForm}/jobs/${jobToken}`,
        `/api/forms/unknown/jobs/${jobToken}`,
        statusPath.replace(jobToken, 'short'),
      ]) {
        const answer = await anonymous.get(path);
        expect({ path, status: answer.status }).toEqual({ path, status: 404 });
        expect((await anonymous.get(`${path}/page`)).status).toBe(404);
      }
      // Let the run end before the next test's server closes (its email is sent like the others).
      await eventually(async () => (await anonymous.get(statusPath)).body.status === 'completed');
    });
  });
}
