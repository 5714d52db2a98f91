import jsonata from 'jsonata';
import { InvalidInputError } from '../errors/engine.error.js';

// Compiling is the costly part and the same expressions run for every step of every execution.
const compiled = new Map<string, jsonata.Expression>();
const MAX_CACHED = 2000;

function compile(expression: string): jsonata.Expression {
  let result = compiled.get(expression);
  if (!result) {
    try {
      result = jsonata(expression);
    } catch (error) {
      throw new InvalidInputError(
        `Invalid expression "${expression}": ${(error as Error).message}`,
        'INVALID_EXPRESSION',
      );
    }
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(expression, result);
  }
  return result;
}

/** The syntax error of a JSONata expression, or null when it compiles. */
export function findExpressionSyntaxError(expression: string): string | null {
  try {
    compile(expression);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Evaluates a JSONata expression (the one expression language of Baton) against `document` with
 * `$name` bindings. Evaluation errors become `InvalidInputError`: the same input fails again.
 */
export async function evaluateExpression(
  expression: string,
  document: unknown,
  bindings: Record<string, unknown> = {},
): Promise<unknown> {
  const compiledExpression = compile(expression);
  try {
    return normalize(await compiledExpression.evaluate(document, bindings));
  } catch (error) {
    throw new InvalidInputError(`Expression "${expression}" failed: ${(error as Error).message}`, 'INVALID_EXPRESSION');
  }
}

// JSONata returns arrays tagged with a `sequence` flag and `undefined` for "no match";
// steps persist JSON, so hand back plain values.
function normalize(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as unknown;
}
