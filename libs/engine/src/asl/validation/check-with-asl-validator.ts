import aslValidator from 'asl-validator';
import { BoundedCache } from '../../runtime/bounded-cache.js';
import type { ValidationProblem } from '../../definition/validation-problem.js';
import { looksLikeIntrinsic } from '../intrinsics/parse-intrinsic.js';

const JSONATA_FIELD = /\/(Output|Arguments|Assign|Items|ItemSelector|Condition)(\/|$)/;

/**
 * The JSON-Schema half of validation, from asl-validator: field types, path syntax, unknown
 * fields. Its graph checks are skipped (Baton's own report them with exact paths), and so is
 * its ARN check, since `baton:` resources are not ARNs.
 */
export function checkWithAslValidator(definition: unknown): ValidationProblem[] {
  // asl-validator builds and compiles its whole JSON Schema (Ajv) on every call, ~100 ms, and
  // every start of a workflow validates the same definition again: remember answers by content.
  const key = JSON.stringify(definition);
  const known = answers.get(key);
  if (known) return known.map((problem) => ({ ...problem }));
  const problems = runAslValidator(definition);
  answers.set(key, problems);
  return problems.map((problem) => ({ ...problem }));
}

const MAX_REMEMBERED = 500;
const answers = new BoundedCache<string, ValidationProblem[]>(MAX_REMEMBERED);

function runAslValidator(definition: unknown): ValidationProblem[] {
  // The validator writes a default QueryLanguage into every state: give it a copy.
  const { errors } = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: false });
  return (
    errors
      .filter((error) => error.schemaError && !error.schemaError.instancePath.endsWith('/QueryLanguage'))
      // JSONata fields take any JSON value (AWS), where the schema wants objects and non-empty strings;
      // Baton checks their expressions itself. A state Type it then reports is the same oneOf's echo
      // (Baton's own check reports unknown types).
      .filter(
        (error) =>
          !JSONATA_FIELD.test(error.schemaError!.instancePath) && !error.schemaError!.instancePath.endsWith('/Type'),
      )
      // Intrinsic calls are parsed by Baton's own check, with the spec's escapes; the schema's
      // path grammar refuses an escaped backslash (`'C:\\\\{}'`), which AWS accepts.
      .filter((error) => !isIntrinsicCall(valueAt(definition, error.schemaError!.instancePath)))
      .map((error) => ({
        path: toDottedPath(error.schemaError!.instancePath),
        message: error.Message.replace(/^\S+ is invalid\. /, ''),
      }))
  );
}

/** `/States/A/Retry/0` into `States.A.Retry[0]`. */
export function toDottedPath(instancePath: string): string {
  return instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function isIntrinsicCall(value: unknown): boolean {
  return typeof value === 'string' && looksLikeIntrinsic(value);
}

/** The value a JSON Pointer (`/States/A/Parameters/x.$`) names in `document`. */
function valueAt(document: unknown, pointer: string): unknown {
  let value = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
