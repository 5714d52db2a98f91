import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type ChatCompletionsTestServer,
  startChatCompletionsTestServer,
} from '../../../../libs/nodes/src/testing/chat-completions-test-server';
import { startTwilioTestServer, type TwilioTestServer } from '../../../../libs/nodes/src/testing/twilio-test-server';
import { createTrigger, createWorkflow, echoGraph } from '../triggers/trigger-fixtures';
import { eventually, type TestApiClient } from '../support/api-client';
import type { EmbeddedOwnerBaton } from '../support/embedded-owner-baton';
import { edge, node } from '../support/graphs';

/**
 * Issue 12 (items 1, 3, 4, 5): the node library through the whole app, with credentials from the
 * real vault and outside services played by local protocol-faithful servers. Runs inside the
 * catalogue suite's describe, on its Baton (one boot per file).
 */
export function describeNodeLibrary(appOf: () => EmbeddedOwnerBaton): void {
  describe('node library through the API', () => {
    let owner: TestApiClient;
    let chat: ChatCompletionsTestServer;
    let twilio: TwilioTestServer;
    let openaiId: string;

    const single = (id: string, type: string, inputs: Record<string, unknown>) => ({
      nodes: [node('start', 'trigger.manual'), node(id, type, inputs, 200)],
      edges: [edge('start', id)],
    });
    const run = (definition: unknown, input: unknown = null) =>
      owner.post('/api/workflows/run', { format: 'graph', definition, input, mode: 'immediate' });
    const credential = async (name: string, kind: string, values: Record<string, unknown>) => {
      const created = await owner.post('/api/credentials', { name, kind, values });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };

    beforeAll(async () => {
      chat = await startChatCompletionsTestServer({ apiKey: `sk-planted-${Date.now()}` });
      twilio = await startTwilioTestServer({ from: '+15005550006' });
      owner = appOf().owner;
      openaiId = await credential('Local model', 'openai', {
        baseUrl: chat.baseUrl,
        apiKey: chat.apiKey,
        defaultModel: 'local-extractor',
      });
    });

    afterAll(async () => {
      await chat?.close();
      await twilio?.close();
    });

    it('lists the new node types with settings, output schemas and accepted credential kinds', async () => {
      const catalogue = (await owner.get('/api/nodes')).body as Array<Record<string, any>>;
      const byType = (type: string) => catalogue.find((entry) => entry.type === type)!;
      for (const [type, kinds] of [
        ['code.run', undefined],
        ['ai.extract', ['openai']],
        ['ai.generate', ['openai']],
        ['sms.send', ['sms.twilio']],
        ['webhook.send', ['secret']],
        ['flow.subworkflow', undefined],
        ['flow.approval', undefined],
        ['template.html', undefined],
        ['template.text', undefined],
      ] as const) {
        expect(byType(type).settingsSchema.type).toBe('object');
        expect(byType(type).outputSchema).toBeDefined();
        if (kinds) expect(byType(type).credentialKinds).toEqual(kinds);
      }
      expect(byType('ai.extract').settingsSchema.required).toEqual(['credentialId', 'schema']);
      expect(byType('sms.send').replaySafe).toBe(false);
    });

    it('reports a missing, wrong-kind or other-workspace credential at its node on validate and save', async () => {
      const smtpId = await credential('Relay', 'smtp', { host: 'smtp.example.test', port: 587, secure: false });
      const definition = {
        nodes: [
          node('start', 'trigger.manual'),
          node('gone', 'ai.generate', { credentialId: '00000000-0000-4000-8000-000000000000' }, 200),
          node('wrong', 'ai.generate', { credentialId: smtpId }, 200),
          node('fine', 'ai.generate', { credentialId: openaiId }, 200),
        ],
        edges: [edge('start', 'gone'), edge('start', 'wrong'), edge('start', 'fine')],
      };
      const checked = await owner.post('/api/workflows/validate', { format: 'graph', definition });
      expect(checked.status).toBe(200);
      expect(checked.body).toEqual({
        valid: false,
        problems: [
          {
            path: 'definition.nodes[1].data.inputs.credentialId',
            nodeId: 'gone',
            message: 'credential "00000000-0000-4000-8000-000000000000" was not found in this workspace',
          },
          {
            path: 'definition.nodes[2].data.inputs.credentialId',
            nodeId: 'wrong',
            message: `credential "${smtpId}" is a smtp credential; this node accepts openai`,
          },
        ],
      });
      const saved = await owner.post('/api/workflows', { name: 'Bad credentials', format: 'graph', definition });
      expect(saved.status).toBe(400);
      expect(saved.body.problems.map((p: { nodeId: string }) => p.nodeId)).toEqual(['gone', 'wrong']);

      // A credential that disappears after the save is the vault's refusal at run time.
      const spare = await credential('Spare model', 'openai', { baseUrl: chat.baseUrl, apiKey: chat.apiKey });
      const workflowId = await createWorkflow(owner, 'Spare', single('ai', 'ai.generate', { credentialId: spare }));
      expect((await owner.delete(`/api/credentials/${spare}`)).status).toBe(204);
      const late = await owner.post(`/api/workflows/${workflowId}/execute`, { mode: 'immediate' });
      expect(late.body).toMatchObject({ status: 'failed', error: 'CREDENTIAL_NOT_FOUND' });
    });

    it('ai.extract returns schema-valid output from the local chat-completions server, and fails clearly', async () => {
      const schema = {
        type: 'object',
        properties: { product: { type: 'string' }, price: { type: 'number' } },
        required: ['product', 'price'],
        additionalProperties: false,
      };
      const definition = single('extract', 'ai.extract', { credentialId: openaiId, schema, input: '{{ page }}' });
      chat.reply('{"product":"Teapot","price":24.5}');
      const ok = await run(definition, { page: '<h1>Teapot</h1><p>24.50</p>' });
      expect(ok.body).toMatchObject({
        status: 'completed',
        output: { data: { product: 'Teapot', price: 24.5 }, tries: 1, usage: { completionTokens: 9 } },
      });
      expect(chat.requests.at(-1)!.messages.at(-1)!.content).toBe('<h1>Teapot</h1><p>24.50</p>');

      chat.reply('not json at all', '{"product":"Teapot"}');
      const bad = await run(definition, { page: 'Teapot' });
      expect(bad.body).toMatchObject({ status: 'failed', error: 'AI_OUTPUT_INVALID' });
      const steps = (await owner.get(`/api/executions/${bad.body.executionId}`)).body;
      expect(JSON.stringify(steps)).toMatch(
        /after 2 tries \(\d+ tokens\): \(root\) must have required property 'price'/,
      );
      expect(chat.requests.at(-1)!.messages.at(-1)!.content).toContain('the answer is not JSON');
      // The API key stays out of what the API answers.
      expect(JSON.stringify([ok.body, bad.body, steps])).not.toContain(chat.apiKey);
    });

    it('code.run stops while (true) {} at its limit while /api/health keeps answering', async () => {
      const started = Date.now();
      const pending = run(
        single('spin', 'code.run', { code: 'function (input) { while (true) {} }', timeoutMs: 1500 }),
      );
      const latencies: number[] = [];
      for (let i = 0; i < 5; i++) {
        const asked = Date.now();
        expect((await owner.get('/api/health')).status).toBe(200);
        latencies.push(Date.now() - asked);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const spun = await pending;
      expect(spun.body).toMatchObject({ status: 'failed', error: 'CODE_TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(8_000);
      expect(Math.max(...latencies)).toBeLessThan(1_000);

      const logged = await run(
        single('sum', 'code.run', {
          code: '(input) => { console.log("summing", input.length); return input.reduce((a, b) => a + b, 0); }',
        }),
        [1, 2, 3],
      );
      expect(logged.body).toMatchObject({ status: 'completed', output: 6 });
    });

    it('sms.send posts through an sms.twilio credential to the Twilio-compatible stub', async () => {
      const smsId = await credential('Twilio', 'sms.twilio', {
        accountSid: twilio.accountSid,
        authToken: twilio.authToken,
        from: '+15005550006',
        baseUrl: twilio.baseUrl,
      });
      const sent = await run(
        single('sms', 'sms.send', { credentialId: smsId, to: '{{ phone }}', body: 'Order {{ id }} shipped' }),
        {
          phone: '+14155550100',
          id: 42,
        },
      );
      expect(sent.body).toMatchObject({ status: 'completed', output: { status: 'queued', to: '+14155550100' } });
      expect(twilio.messages).toEqual([
        expect.objectContaining({ body: 'Order 42 shipped', sid: sent.body.output.sid }),
      ]);
      expect(JSON.stringify(sent.body)).not.toContain(twilio.authToken);
    });

    it('webhook.send chains into a signed Baton webhook trigger', async () => {
      const receiver = await createWorkflow(owner, 'Receiver', echoGraph('received'));
      const hook = await createTrigger(owner, receiver, { type: 'webhook', signed: true, responseMode: 'async' });
      const secretId = await credential('Receiver signing secret', 'secret', { value: hook.secret });
      const sender = single('notify', 'webhook.send', {
        url: hook.url,
        credentialId: secretId,
        body: { order: '{{ id }}' },
      });
      const sent = await run(sender, { id: 7 });
      expect(sent.body).toMatchObject({ status: 'completed', output: { status: 202 } });
      const childId = sent.body.output.body.executionId as string;
      const child = await eventually(async () => {
        const found = (await owner.get(`/api/executions/${childId}`)).body;
        return found.status === 'completed' ? found : undefined;
      });
      expect(JSON.stringify(child)).toContain('"order":7');

      // Without the signing credential the receiver refuses the call.
      const unsigned = await run(single('notify', 'webhook.send', { url: hook.url, body: { order: 8 } }));
      expect(unsigned.body).toMatchObject({ status: 'failed', error: 'HTTP_401' });
    });
  });
}
