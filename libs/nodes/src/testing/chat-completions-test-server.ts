import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One chat message as the protocol carries it. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'developer' | 'tool';
  content: string;
}

/** The request body the server accepted (already checked against the protocol). */
export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  max_tokens?: number;
  response_format?: { type: 'text' | 'json_object' | 'json_schema'; json_schema?: { name: string; schema: object } };
  [field: string]: unknown;
}

/** What the next completion answers: the assistant's text, or an HTTP error to send instead. */
export type ScriptedReply = string | { status: number; body?: unknown; headers?: Record<string, string> };

export interface ChatCompletionsTestServer {
  /** `http://127.0.0.1:<port>/v1`: what an `openai` credential's base URL holds. */
  baseUrl: string;
  apiKey: string;
  /** Every accepted request body, in order (refused ones are not recorded). */
  requests: ChatCompletionRequest[];
  /** Replies for the next completions, first in first out; without one the server echoes the last user message. */
  reply(...replies: Array<ScriptedReply | ((request: ChatCompletionRequest) => ScriptedReply)>): void;
  close(): Promise<void>;
}

const ROLES = new Set(['system', 'user', 'assistant', 'developer', 'tool']);
const RESPONSE_FORMATS = new Set(['text', 'json_object', 'json_schema']);
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The local chat-completions server: speaks `POST /v1/chat/completions` as OpenAI documents it
 * (bearer key, JSON body, `choices[0].message`, `usage`, OpenAI-shaped errors) and refuses what
 * the real API would refuse (no model, malformed messages, bad `response_format`, wrong key), so a
 * node that builds a wrong request fails here as it would in production. Token counts are
 * deterministic: one per four characters, rounded up.
 */
export async function startChatCompletionsTestServer(
  options: { apiKey?: string } = {},
): Promise<ChatCompletionsTestServer> {
  const apiKey = options.apiKey ?? 'sk-test-chat-key';
  const requests: ChatCompletionRequest[] = [];
  const script: Array<ScriptedReply | ((request: ChatCompletionRequest) => ScriptedReply)> = [];
  let counter = 0;

  const server: Server = createServer((req, res) => {
    readBody(req)
      .then((raw) => {
        if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== '/v1/chat/completions')
          return sendError(res, 404, `Unknown request URL: ${req.method} ${req.url}`, 'unknown_url');
        if (req.headers.authorization !== `Bearer ${apiKey}`)
          return sendError(res, 401, 'Incorrect API key provided', 'invalid_api_key');
        if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
          return sendError(res, 400, 'Content-Type must be application/json', 'invalid_content_type');
        let body: unknown;
        try {
          body = JSON.parse(raw);
        } catch {
          return sendError(res, 400, 'We could not parse the JSON body of your request', 'invalid_json');
        }
        const problem = findRequestProblem(body);
        if (problem) return sendError(res, 400, problem.message, 'invalid_request', problem.param);
        const request = body as ChatCompletionRequest;
        requests.push(request);
        const next = script.shift();
        const reply = typeof next === 'function' ? next(request) : (next ?? echo(request));
        if (typeof reply !== 'string') {
          res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          return res.end(
            JSON.stringify(reply.body ?? { error: { message: `status ${reply.status}`, type: 'server_error' } }),
          );
        }
        const promptTokens = tokens(request.messages.map((m) => m.content).join('\n'));
        const completionTokens = tokens(reply);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: `chatcmpl-test-${++counter}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: request.model,
            choices: [
              { index: 0, message: { role: 'assistant', content: reply }, logprobs: null, finish_reason: 'stop' },
            ],
            usage: {
              prompt_tokens: promptTokens,
              completion_tokens: completionTokens,
              total_tokens: promptTokens + completionTokens,
            },
          }),
        );
      })
      .catch(() => sendError(res, 413, 'Request body too large', 'request_too_large'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    reply: (...replies) => void script.push(...replies),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function findRequestProblem(body: unknown): { message: string; param: string } | null {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return { message: 'The body must be a JSON object', param: '' };
  const request = body as Record<string, unknown>;
  if (typeof request.model !== 'string' || request.model === '')
    return { message: 'you must provide a model parameter', param: 'model' };
  if (!Array.isArray(request.messages) || request.messages.length === 0)
    return { message: "'messages' must be a non-empty array", param: 'messages' };
  for (const [index, message] of request.messages.entries()) {
    const m = message as Record<string, unknown> | null;
    if (!m || typeof m !== 'object' || !ROLES.has(m.role as string))
      return { message: `Invalid value for 'role' at messages[${index}]`, param: `messages[${index}].role` };
    if (typeof m.content !== 'string')
      return { message: `Invalid type for 'content' at messages[${index}]`, param: `messages[${index}].content` };
  }
  const temperature = request.temperature;
  if (temperature !== undefined && (typeof temperature !== 'number' || temperature < 0 || temperature > 2))
    return { message: 'temperature must be a number between 0 and 2', param: 'temperature' };
  const maxTokens = request.max_tokens;
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || (maxTokens as number) < 1))
    return { message: 'max_tokens must be a positive integer', param: 'max_tokens' };
  const format = request.response_format as Record<string, unknown> | undefined;
  if (format !== undefined) {
    if (!format || !RESPONSE_FORMATS.has(format.type as string))
      return {
        message: "response_format.type must be 'text', 'json_object' or 'json_schema'",
        param: 'response_format',
      };
    const jsonSchema = format.json_schema as Record<string, unknown> | undefined;
    if (
      format.type === 'json_schema' &&
      (!jsonSchema ||
        typeof jsonSchema.name !== 'string' ||
        !/^[A-Za-z0-9_-]{1,64}$/.test(jsonSchema.name) ||
        !jsonSchema.schema ||
        typeof jsonSchema.schema !== 'object')
    )
      return { message: 'response_format.json_schema needs a name and a schema object', param: 'response_format' };
  }
  return null;
}

function echo(request: ChatCompletionRequest): string {
  return request.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
}

function tokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function sendError(res: ServerResponse, status: number, message: string, code: string, param = ''): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { message, type: 'invalid_request_error', param: param || null, code } }));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
