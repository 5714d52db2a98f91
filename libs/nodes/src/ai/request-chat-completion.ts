import {
  defaultOutboundFetch,
  InvalidInputError,
  type NodeContext,
  PermanentError,
  type ResolvedCredential,
  TimeoutError,
  TransientError,
} from '@baton/engine';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Token counts as the step records them (OpenAI's `usage`, camel-cased). */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ChatCompletion {
  content: string;
  model: string;
  finishReason: string | null;
  usage: TokenUsage;
}

export interface ChatCompletionOptions {
  model?: string;
  temperature?: number;
  maxTokens?: number;
  responseFormat?: Record<string, unknown>;
  timeoutMs: number;
}

// The body of an error answer is quoted in the step error up to this many characters.
const ERROR_BODY_CHARS = 500;

/**
 * One `POST {baseUrl}/chat/completions` against an OpenAI-compatible API (OpenAI, Ollama, vLLM)
 * through the outbound policy's fetch. 408/409/429/5xx and network trouble are retryable; other
 * refusals (bad key, bad request, unknown model) are permanent.
 */
export async function requestChatCompletion(
  ctx: NodeContext,
  credential: ResolvedCredential<'openai'>,
  messages: ChatMessage[],
  options: ChatCompletionOptions,
): Promise<ChatCompletion> {
  const { baseUrl, apiKey, defaultModel } = credential.values;
  const model = options.model || defaultModel;
  if (!model)
    throw new InvalidInputError('No model: set `model` or the credential’s default model', 'AI_MODEL_MISSING');
  const url = `${baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const body = {
    model,
    messages,
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    ...(options.maxTokens !== undefined ? { max_tokens: options.maxTokens } : {}),
    ...(options.responseFormat ? { response_format: options.responseFormat } : {}),
  };
  const doFetch = ctx.services.fetch ?? defaultOutboundFetch();
  const timeout = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.any([ctx.signal, timeout]),
    });
    text = await response.text();
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (timeout.aborted) throw new TimeoutError(`${url} did not answer within ${options.timeoutMs} ms`, 'AI_TIMEOUT');
    throw error;
  }
  if (!response.ok) throw statusError(response.status, text, url);
  return readCompletion(text, model);
}

function statusError(status: number, text: string, url: string): Error {
  let detail = text.slice(0, ERROR_BODY_CHARS);
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') detail = message.slice(0, ERROR_BODY_CHARS);
  } catch {
    // Not JSON: the raw text (cut short) says what went wrong.
  }
  const message = `Chat completion at ${url} answered HTTP ${status}: ${detail}`;
  const code = `AI_HTTP_${status}`;
  if (status === 408 || status === 409 || status === 429 || status >= 500) return new TransientError(message, code);
  return new PermanentError(message, code);
}

function readCompletion(text: string, requestedModel: string): ChatCompletion {
  let answer: {
    model?: unknown;
    choices?: Array<{ message?: { content?: unknown }; finish_reason?: unknown }>;
    usage?: { prompt_tokens?: unknown; completion_tokens?: unknown; total_tokens?: unknown };
  };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw new PermanentError('The chat completion answer is not JSON', 'AI_INVALID_RESPONSE');
  }
  const choice = answer?.choices?.[0];
  const content = choice?.message?.content;
  if (typeof content !== 'string')
    throw new PermanentError('The chat completion answer has no choices[0].message.content', 'AI_INVALID_RESPONSE');
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  const promptTokens = count(answer.usage?.prompt_tokens);
  const completionTokens = count(answer.usage?.completion_tokens);
  return {
    content,
    model: typeof answer.model === 'string' ? answer.model : requestedModel,
    finishReason: typeof choice?.finish_reason === 'string' ? choice.finish_reason : null,
    usage: {
      promptTokens,
      completionTokens,
      totalTokens: count(answer.usage?.total_tokens) || promptTokens + completionTokens,
    },
  };
}

/** Usage of several calls of one step, added up. */
export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}
