import aslValidator from 'asl-validator';
import type { ValidationProblem } from '../../definition/validation-problem.js';

/**
 * The JSON-Schema half of validation, from asl-validator: field types, path syntax, unknown
 * fields. Its graph checks are skipped (Baton's own report them with exact paths), and so is
 * its ARN check, since `baton:` resources are not ARNs.
 */
export function checkWithAslValidator(definition: unknown): ValidationProblem[] {
  // The validator writes a default QueryLanguage into every state: give it a copy.
  const { errors } = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: false });
  return errors
    .filter((error) => error.schemaError && !error.schemaError.instancePath.endsWith('/QueryLanguage'))
    .map((error) => ({ path: toDottedPath(error.schemaError!.instancePath), message: error.Message.replace(/^\S+ is invalid\. /, '') }));
}

/** `/States/A/Retry/0` into `States.A.Retry[0]`. */
export function toDottedPath(instancePath: string): string {
  return instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}
