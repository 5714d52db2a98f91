import type { NodeType } from '@baton/engine';
import { readCredential } from '../credentials/read-credential.js';
import {
  type ChatSettings,
  chatSettingsProperties,
  promptText,
  readChatOptions,
  usageSchema,
} from './chat-settings.js';
import { type ChatMessage, requestChatCompletion } from './request-chat-completion.js';

interface AiGenerateSettings extends ChatSettings {
  prompt?: unknown;
}

/** Generates text with an OpenAI-compatible chat-completions API. */
export const aiGenerateNode: NodeType<AiGenerateSettings> = {
  type: 'ai.generate',
  version: 1,
  title: 'Generate text (AI)',
  group: 'action',
  description:
    'Sends a prompt to an OpenAI-compatible chat-completions API; outputs { text, model, finishReason, usage }.',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [{ name: 'out', dataType: 'object' }],
  settingsSchema: {
    type: 'object',
    properties: {
      ...chatSettingsProperties,
      prompt: { description: 'The user message; templates allowed. Defaults to the input (as JSON unless text).' },
    },
    required: ['credentialId'],
  },
  credentialKinds: ['openai'],
  outputSchema: {
    type: 'object',
    properties: {
      text: { type: 'string' },
      model: { type: 'string' },
      finishReason: { type: 'string' },
      usage: usageSchema,
    },
    required: ['text', 'model', 'usage'],
  },
  canStart: false,
  // A second completion costs tokens and may differ, but changes nothing outside.
  replaySafe: true,
  retryDefaults: { maxAttempts: 3, initialIntervalMs: 2000, backoffRate: 2 },
  traits: { callsExternal: true, estimatedDurationMs: 5000 },
  async run({ data, settings }, ctx) {
    const options = readChatOptions(settings);
    const messages: ChatMessage[] = [];
    if (settings.system) messages.push({ role: 'system', content: promptText('system', settings.system) });
    messages.push({ role: 'user', content: promptText('prompt', settings.prompt ?? data) });
    const credential = await readCredential(ctx, settings.credentialId, 'openai');
    const completion = await requestChatCompletion(ctx, credential, messages, options);
    return {
      output: {
        text: completion.content,
        model: completion.model,
        finishReason: completion.finishReason,
        usage: completion.usage,
      },
      // The engine meters tokens in credits (README "Usage and credits").
      usage: { tokens: completion.usage.totalTokens },
    };
  },
};
