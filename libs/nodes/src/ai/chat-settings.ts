import { InvalidInputError, type JsonSchemaProperty } from '@baton/engine';
import { credentialIdSetting } from '../credentials/read-credential.js';
import type { ChatCompletionOptions } from './request-chat-completion.js';

/** Settings both AI nodes share, as they are declared. */
export interface ChatSettings {
  credentialId: string;
  model?: string;
  system?: string;
  temperature?: number;
  maxTokens?: number;
  timeoutMs: number;
}

/** Bounds that keep one step's request and its wait within reason. */
export const CHAT_LIMITS = { maxPromptChars: 200_000, maxTokens: 100_000, maxTimeoutMs: 600_000 } as const;

export const chatSettingsProperties: Record<string, JsonSchemaProperty> = {
  credentialId: credentialIdSetting(['openai']),
  model: { type: 'string', description: 'Model name; defaults to the credential’s default model.' },
  system: { type: 'string', description: 'System message: instructions for the model.' },
  temperature: { type: 'number', minimum: 0, description: 'Sampling temperature, 0 to 2.' },
  maxTokens: { type: 'integer', minimum: 1, description: `Most tokens to generate (≤ ${CHAT_LIMITS.maxTokens}).` },
  timeoutMs: {
    type: 'integer',
    minimum: 1,
    default: 60_000,
    description: `How long one completion may take (≤ ${CHAT_LIMITS.maxTimeoutMs} ms).`,
  },
};

/** The `usage` field of both nodes' output. */
export const usageSchema = {
  type: 'object' as const,
  properties: {
    promptTokens: { type: 'integer' as const },
    completionTokens: { type: 'integer' as const },
    totalTokens: { type: 'integer' as const },
  },
  required: ['promptTokens', 'completionTokens', 'totalTokens'],
};

/** The request options the settings ask for, refused when out of bounds. */
export function readChatOptions(settings: ChatSettings): ChatCompletionOptions {
  const { temperature, maxTokens, timeoutMs = 60_000 } = settings;
  if (temperature !== undefined && (typeof temperature !== 'number' || temperature < 0 || temperature > 2))
    throw new InvalidInputError('temperature must be a number between 0 and 2', 'INVALID_SETTING');
  if (maxTokens !== undefined && !isIntegerIn(maxTokens, 1, CHAT_LIMITS.maxTokens))
    throw new InvalidInputError(
      `maxTokens must be an integer between 1 and ${CHAT_LIMITS.maxTokens}`,
      'INVALID_SETTING',
    );
  if (!isIntegerIn(timeoutMs, 1, CHAT_LIMITS.maxTimeoutMs))
    throw new InvalidInputError(
      `timeoutMs must be an integer between 1 and ${CHAT_LIMITS.maxTimeoutMs}`,
      'INVALID_SETTING',
    );
  if (settings.model !== undefined && typeof settings.model !== 'string')
    throw new InvalidInputError('model must be a string', 'INVALID_SETTING');
  return { model: settings.model, temperature, maxTokens, timeoutMs };
}

/** A prompt part as text: strings as they are, anything else as JSON; refused past the size bound. */
export function promptText(name: string, value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null, null, 2);
  if (text.length > CHAT_LIMITS.maxPromptChars)
    throw new InvalidInputError(
      `${name} is ${text.length} characters; at most ${CHAT_LIMITS.maxPromptChars}`,
      'AI_PROMPT_TOO_LARGE',
    );
  return text;
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}
