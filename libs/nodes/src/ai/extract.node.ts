import { InvalidInputError, type NodeType, PermanentError } from '@baton/engine';
import { readCredential } from '../credentials/read-credential.js';
import {
  type ChatSettings,
  chatSettingsProperties,
  promptText,
  readChatOptions,
  usageSchema,
} from './chat-settings.js';
import { compileOutputSchema, describeSchemaErrors } from './compile-output-schema.js';
import { addUsage, type ChatMessage, requestChatCompletion } from './request-chat-completion.js';

interface AiExtractSettings extends ChatSettings {
  schema: Record<string, unknown>;
  input?: unknown;
  responseFormat: 'json_schema' | 'json_object' | 'none';
}

// One retry: a model that misses the schema twice in a row rarely gets it on the third try, and
// every try costs tokens.
const MAX_TRIES = 2;

/** Structured output: the model answers JSON, validated against the step's JSON Schema. */
export const aiExtractNode: NodeType<AiExtractSettings> = {
  type: 'ai.extract',
  version: 1,
  title: 'Extract data (AI)',
  group: 'data',
  description:
    'Asks an OpenAI-compatible model for JSON matching a JSON Schema; retries once on invalid output; outputs { data, model, tries, usage }.',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [{ name: 'out', dataType: 'object' }],
  settingsSchema: {
    type: 'object',
    properties: {
      ...chatSettingsProperties,
      schema: { type: 'object', description: 'JSON Schema the extracted data must match.' },
      input: { description: 'Text (or data) to extract from; templates allowed. Defaults to the input.' },
      responseFormat: {
        type: 'string',
        enum: ['json_schema', 'json_object', 'none'],
        default: 'json_schema',
        description: 'How the API is asked for JSON: structured outputs, JSON mode, or the prompt alone.',
      },
    },
    required: ['credentialId', 'schema'],
  },
  credentialKinds: ['openai'],
  outputSchema: {
    type: 'object',
    properties: {
      data: { description: 'The extracted value; valid against `schema`.' },
      model: { type: 'string' },
      tries: { type: 'integer', description: '1, or 2 when the first answer was invalid' },
      usage: usageSchema,
    },
    required: ['data', 'model', 'tries', 'usage'],
  },
  canStart: false,
  replaySafe: true,
  retryDefaults: { maxAttempts: 3, initialIntervalMs: 2000, backoffRate: 2 },
  traits: { callsExternal: true, estimatedDurationMs: 5000 },
  async run({ data, settings }, ctx) {
    const options = readChatOptions(settings);
    const validate = compileOutputSchema(settings.schema);
    const schemaText = JSON.stringify(settings.schema);
    const messages: ChatMessage[] = [
      {
        role: 'system',
        content: [
          'Extract data from the user message. Answer with one JSON value and nothing else (no prose, no code fences).',
          `It must be valid against this JSON Schema: ${schemaText}`,
          settings.system ? promptText('system', settings.system) : '',
        ]
          .filter(Boolean)
          .join('\n'),
      },
      { role: 'user', content: promptText('input', settings.input ?? data) },
    ];
    const credential = await readCredential(ctx, settings.credentialId, 'openai');
    let usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    let problems: string[] = [];
    for (let tries = 1; tries <= MAX_TRIES; tries++) {
      const completion = await requestChatCompletion(ctx, credential, messages, {
        ...options,
        responseFormat: responseFormatFor(settings.responseFormat ?? 'json_schema', settings.schema),
      });
      usage = addUsage(usage, completion.usage);
      const parsed = parseJsonReply(completion.content);
      problems = parsed.ok ? describeSchemaErrors(validate(parsed.value) ? [] : validate.errors) : [parsed.problem];
      if (parsed.ok && !problems.length)
        return {
          output: { data: parsed.value, model: completion.model, tries, usage },
          // Every try's tokens: the engine meters them in credits (README "Usage and credits").
          usage: { tokens: usage.totalTokens },
        };
      ctx.log.warn(`ai.extract: answer ${tries} is invalid`, { problems });
      messages.push(
        { role: 'assistant', content: completion.content },
        {
          role: 'user',
          content: `That answer is invalid: ${problems.join('; ')}. Answer again with only the corrected JSON value.`,
        },
      );
    }
    throw new PermanentError(
      `The model's answer did not match the schema after ${MAX_TRIES} tries (${usage.totalTokens} tokens): ${problems.join('; ')}`,
      'AI_OUTPUT_INVALID',
    );
  },
};

function responseFormatFor(format: AiExtractSettings['responseFormat'], schema: Record<string, unknown>) {
  if (format === 'none') return undefined;
  if (format === 'json_object') return { type: 'json_object' };
  if (format !== 'json_schema')
    throw new InvalidInputError('responseFormat must be json_schema, json_object or none', 'INVALID_SETTING');
  return { type: 'json_schema', json_schema: { name: 'extraction', schema, strict: false } };
}

/** The reply as JSON; models without a JSON mode often wrap it in a ```json fence, which is unwrapped. */
function parseJsonReply(content: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(content);
  const text = (fenced ? fenced[1] : content).trim();
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, problem: `the answer is not JSON (${(error as Error).message})` };
  }
}
