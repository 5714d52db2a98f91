import { InvalidInputError, type ValidationProblem } from '@baton/engine';
import { DomainError, validationFailed } from '../common/domain.error';

/** Engine error codes that mean "the definition itself is wrong" rather than "bad request". */
const DEFINITION_CODES = new Set(['INVALID_DEFINITION', 'UNSUPPORTED_FORMAT']);

/**
 * The one 400 body for an invalid definition, on validate-free paths (save, execute, run, retry):
 * `{ statusCode: 400, error: 'VALIDATION_FAILED', message: 'path: message; ...', problems }`,
 * every problem's path rooted at the request body (`definition.nodes[2].type`, `format`).
 */
export function invalidDefinition(problems: ValidationProblem[]): DomainError {
  return validationFailed(problems.map((p) => `${p.path}: ${p.message}`).join('; '), { problems });
}

/** Engine paths are relative to the definition (`nodes[2]`, or '' for the whole document). */
export function rootAtDefinition(problems: ValidationProblem[]): ValidationProblem[] {
  return problems.map((problem) => ({ ...problem, path: problem.path ? `definition.${problem.path}` : 'definition' }));
}

/**
 * Turns the engine's own refusal of a definition (it validates again on start) into the same
 * body as a failed save, so a client parses one shape whichever endpoint refused it.
 */
export function asInvalidDefinition(error: unknown): unknown {
  if (!(error instanceof InvalidInputError) || !DEFINITION_CODES.has(error.code)) return error;
  if (error.code === 'UNSUPPORTED_FORMAT') return invalidDefinition([{ path: 'format', message: error.message }]);
  const problems = Array.isArray(error.details) ? (error.details as ValidationProblem[]) : [];
  return invalidDefinition(rootAtDefinition(problems));
}
