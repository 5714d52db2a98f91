import { BoundedCache, InvalidInputError } from '@baton/engine';
import { Ajv, type CodeOptions, type ErrorObject, type ValidateFunction } from 'ajv';
import { RE2JS } from 're2js';

/** Largest JSON Schema (as JSON) a step may ask the model to follow. */
export const MAX_OUTPUT_SCHEMA_CHARS = 100_000;

// Schemas are written by workflow editors and run against model output: `pattern` goes through
// RE2 (linear time) so a pattern like `(a+)+$` cannot hold the worker on a long reply.
const re2: NonNullable<CodeOptions['regExp']> = Object.assign(
  (pattern: string) => {
    const compiled = RE2JS.compile(pattern);
    return { test: (text: string) => compiled.test(text) };
  },
  { code: 're2js' },
);

// strict: false accepts schemas written for other validators (unknown keywords and formats are
// ignored rather than refused); allErrors so the model is told everything wrong at once.
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, code: { regExp: re2 } });
const CACHE_SIZE = 100;
const compiled = new BoundedCache<string, ValidateFunction>(CACHE_SIZE);

/** The validator for a step's output schema (cached by its JSON); a broken schema is the step's input error. */
export function compileOutputSchema(schema: unknown): ValidateFunction {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema))
    throw new InvalidInputError('schema must be a JSON Schema object', 'AI_INVALID_SCHEMA');
  const key = JSON.stringify(schema);
  if (key.length > MAX_OUTPUT_SCHEMA_CHARS)
    throw new InvalidInputError(
      `schema is ${key.length} characters of JSON; at most ${MAX_OUTPUT_SCHEMA_CHARS}`,
      'AI_INVALID_SCHEMA',
    );
  let validate = compiled.get(key);
  if (!validate) {
    try {
      validate = ajv.compile(structuredClone(schema));
    } catch (error) {
      throw new InvalidInputError(
        `schema is not a usable JSON Schema: ${(error as Error).message}`,
        'AI_INVALID_SCHEMA',
      );
    }
    compiled.set(key, validate);
  }
  return validate;
}

/** Ajv's errors as short lines, e.g. `/price must be number`. */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const where = error.instancePath || '(root)';
    const extra =
      error.keyword === 'additionalProperties'
        ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})`
        : error.keyword === 'enum'
          ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
          : '';
    return `${where} ${error.message ?? 'is invalid'}${extra}`;
  });
}
