import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  classifyError,
  createGuardedFetch,
  type NodeCredentials,
  PermanentError,
  runNodeForTest,
  TransientError,
} from '@baton/engine';
import {
  type ChatCompletionsTestServer,
  startChatCompletionsTestServer,
} from '../testing/chat-completions-test-server.js';
import { aiGenerateNode } from './generate.node.js';

describe('ai.generate', () => {
  let server: ChatCompletionsTestServer;
  const values: Record<string, unknown> = {};
  const credentials: NodeCredentials = {
    get: async (id) => ({ id, kind: 'openai', name: 'Local', values }) as never,
  };

  beforeAll(async () => {
    server = await startChatCompletionsTestServer();
  });
  beforeEach(() => {
    server.requests.splice(0);
    Object.assign(values, { baseUrl: `${server.baseUrl}/`, apiKey: server.apiKey, defaultModel: 'local-writer' });
  });
  afterAll(() => server.close());

  const generate = (data: unknown, inputs: Record<string, unknown> = {}) =>
    runNodeForTest(aiGenerateNode, data, { credentialId: 'ai-1', ...inputs }, { ctx: { credentials } });

  it('sends system and prompt (templates resolved) and outputs the text with token usage', async () => {
    server.reply('Dear Ann, your order shipped.');
    const { result } = await generate(
      { name: 'Ann' },
      {
        system: 'You write short emails.',
        prompt: 'Tell {{ name }} the order shipped.',
        maxTokens: 50,
        temperature: 0.7,
      },
    );
    expect(result.output).toEqual({
      text: 'Dear Ann, your order shipped.',
      model: 'local-writer',
      finishReason: 'stop',
      usage: { promptTokens: 13, completionTokens: 8, totalTokens: 21 },
    });
    // What the engine meters in credits.
    expect(result.usage).toEqual({ tokens: 21 });
    expect(server.requests).toEqual([
      {
        model: 'local-writer',
        max_tokens: 50,
        temperature: 0.7,
        messages: [
          { role: 'system', content: 'You write short emails.' },
          { role: 'user', content: 'Tell Ann the order shipped.' },
        ],
      },
    ]);
  });

  it('fails permanently on a refused key and on a missing model, retryably on 429 and 5xx', async () => {
    values.apiKey = 'sk-wrong-key';
    const refused = await generate('hi').catch(classifyError);
    expect(refused).toBeInstanceOf(PermanentError);
    expect(refused).toMatchObject({ code: 'AI_HTTP_401', message: expect.stringContaining('Incorrect API key') });
    values.apiKey = server.apiKey;
    values.defaultModel = undefined;
    expect(await generate('hi').catch(classifyError)).toMatchObject({ code: 'AI_MODEL_MISSING' });
    values.defaultModel = 'local-writer';
    server.reply({ status: 429, body: { error: { message: 'Rate limit reached', type: 'requests' } } });
    const limited = await generate('hi').catch(classifyError);
    expect(limited).toBeInstanceOf(TransientError);
    expect(limited).toMatchObject({ code: 'AI_HTTP_429', message: expect.stringContaining('Rate limit reached') });
    server.reply({ status: 503 });
    expect(await generate('hi').catch(classifyError)).toMatchObject({ code: 'AI_HTTP_503', retryable: true });
  });

  it('bounds its settings and prompt before calling', async () => {
    expect(await generate('hi', { temperature: 3 }).catch(classifyError)).toMatchObject({ code: 'INVALID_SETTING' });
    expect(await generate('x'.repeat(200_001)).catch(classifyError)).toMatchObject({ code: 'AI_PROMPT_TOO_LARGE' });
    expect(server.requests).toHaveLength(0);
  });

  it('goes through the outbound policy: loopback is refused unless allowed', async () => {
    const error = await runNodeForTest(
      aiGenerateNode,
      'hi',
      { credentialId: 'ai-1' },
      { ctx: { credentials, services: { fetch: createGuardedFetch() } } },
    ).catch(classifyError);
    expect(error).toMatchObject({ code: 'HTTP_DESTINATION_BLOCKED' });
    expect(server.requests).toHaveLength(0);
  });
});
