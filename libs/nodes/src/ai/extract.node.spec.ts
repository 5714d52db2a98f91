import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { classifyError, type NodeCredentials, PermanentError, runNodeForTest } from '@baton/engine';
import {
  type ChatCompletionsTestServer,
  startChatCompletionsTestServer,
} from '../testing/chat-completions-test-server.js';
import { aiExtractNode } from './extract.node.js';

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    price: { type: 'number' },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['name', 'price'],
  additionalProperties: false,
};

describe('ai.extract', () => {
  let server: ChatCompletionsTestServer;
  let credentials: NodeCredentials;

  beforeAll(async () => {
    server = await startChatCompletionsTestServer();
    credentials = {
      get: async (id) => {
        if (id !== 'ai-1') throw new PermanentError(`Credential ${id} was not found`, 'CREDENTIAL_NOT_FOUND');
        return {
          id,
          kind: 'openai',
          name: 'Local',
          values: { baseUrl: server.baseUrl, apiKey: server.apiKey, defaultModel: 'local-extractor' },
        } as never;
      },
    };
  });
  beforeEach(() => void server.requests.splice(0));
  afterAll(() => server.close());

  const extract = (data: unknown, inputs: Record<string, unknown> = {}) =>
    runNodeForTest(aiExtractNode, data, { credentialId: 'ai-1', schema, ...inputs }, { ctx: { credentials } });

  it('returns schema-valid output with token usage, asking for structured output', async () => {
    server.reply('{"name":"Teapot","price":24.5,"tags":["kitchen"]}');
    const { result } = await extract('<p>Teapot, now 24.50 EUR</p>', { system: 'Prices in EUR.' });
    expect(result.output).toEqual({
      data: { name: 'Teapot', price: 24.5, tags: ['kitchen'] },
      model: 'local-extractor',
      tries: 1,
      usage: { promptTokens: expect.any(Number), completionTokens: 13, totalTokens: expect.any(Number) },
    });
    const usage = (result.output as { usage: { promptTokens: number; totalTokens: number } }).usage;
    expect(usage.totalTokens).toBe(usage.promptTokens + 13);
    const [request] = server.requests;
    expect(request).toMatchObject({
      model: 'local-extractor',
      response_format: { type: 'json_schema', json_schema: { name: 'extraction', schema } },
    });
    // No temperature unless asked: reasoning models refuse any but their own.
    expect(request).not.toHaveProperty('temperature');
    expect(request.messages[0].role).toBe('system');
    expect(request.messages[0].content).toContain(JSON.stringify(schema));
    expect(request.messages[0].content).toContain('Prices in EUR.');
    expect(request.messages[1]).toEqual({ role: 'user', content: '<p>Teapot, now 24.50 EUR</p>' });
  });

  it('retries once when the answer is not JSON, telling the model why, and adds up the usage', async () => {
    server.reply('Sure! The product is a teapot.', '```json\n{"name":"Teapot","price":24.5}\n```');
    const { result, logs } = await extract({ html: '<p>Teapot</p>' }, { model: 'other-model' });
    expect(result.output).toMatchObject({ data: { name: 'Teapot', price: 24.5 }, tries: 2, model: 'other-model' });
    expect(server.requests).toHaveLength(2);
    const retry = server.requests[1].messages;
    expect(retry.at(-2)).toEqual({ role: 'assistant', content: 'Sure! The product is a teapot.' });
    expect(retry.at(-1)!.content).toMatch(/^That answer is invalid: the answer is not JSON/);
    // The input was data, sent as JSON text.
    expect(server.requests[0].messages[1].content).toBe(JSON.stringify({ html: '<p>Teapot</p>' }, null, 2));
    const usage = (result.output as { usage: { completionTokens: number } }).usage;
    expect(usage.completionTokens).toBe(8 + 11);
    expect(result.usage).toEqual({ tokens: (result.output as { usage: { totalTokens: number } }).usage.totalTokens });
    expect(logs.map((l) => l.level)).toEqual(['warn']);
  });

  it('fails clearly with the validation errors when the second answer misses the schema too', async () => {
    server.reply('{"name":"Teapot","price":"cheap"}', '{"name":"Teapot","colour":"red"}');
    const error = await extract('Teapot').catch(classifyError);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'AI_OUTPUT_INVALID', retryable: false });
    expect((error as Error).message).toContain('did not match the schema after 2 tries');
    expect((error as Error).message).toContain("(root) must have required property 'price'");
    expect((error as Error).message).toContain('(root) must NOT have additional properties (colour)');
    expect(server.requests[1].messages.at(-1)!.content).toContain('/price must be number');
  });

  it('asks for JSON mode or nothing when told, and refuses a broken schema before calling', async () => {
    server.reply('{"name":"A","price":1}', '{"name":"B","price":2}');
    await extract('A', { responseFormat: 'json_object' });
    await extract('B', { responseFormat: 'none' });
    expect(server.requests[0].response_format).toEqual({ type: 'json_object' });
    expect(server.requests[1]).not.toHaveProperty('response_format');
    const broken = await extract('x', { schema: { type: 'object', properties: { a: { type: 'nope' } } } }).catch(
      classifyError,
    );
    expect(broken).toMatchObject({ code: 'AI_INVALID_SCHEMA' });
    expect(server.requests).toHaveLength(2);
  });

  it('checks patterns with RE2, so a catastrophic pattern answers at once', async () => {
    const evil = { type: 'object', properties: { id: { type: 'string', pattern: '^(a+)+$' } }, required: ['id'] };
    server.reply(`{"id":"${'a'.repeat(40)}!"}`, `{"id":"${'a'.repeat(40)}"}`);
    const started = Date.now();
    const { result } = await extract('x', { schema: evil });
    expect(result.output).toMatchObject({ tries: 2, data: { id: 'a'.repeat(40) } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
