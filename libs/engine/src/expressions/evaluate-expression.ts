import jsonata from 'jsonata';
import { InvalidInputError } from '../errors/engine.error.js';
import { DEFAULT_EXPRESSION_LIMITS, type ExpressionLimits } from './expression-limits.js';

// Compiling is the costly part and the same expressions run for every step of every execution.
const compiled = new Map<string, jsonata.Expression>();
const MAX_CACHED = 2000;

// JSONata reads these options (its own guardrails) at every evaluation step of every compiled
// expression; one shared object, changed in place, so reconfiguring needs no recompilation.
const guardrails = {
  timeout: DEFAULT_EXPRESSION_LIMITS.timeoutMs,
  stack: DEFAULT_EXPRESSION_LIMITS.maxDepth,
  sequence: DEFAULT_EXPRESSION_LIMITS.maxSequence,
};

// jsonata error codes raised by the guardrails above (and its own fixed 1e7 range limit).
const LIMIT_CODES: Record<string, string> = {
  D1011: 'nested too deeply (recursion?)',
  D1012: 'ran out of time',
  D2014: 'built too large a sequence',
  D2015: 'built too large a sequence',
};

/** Sets the bounds of every JSONata evaluation in this process (wired once at start-up). */
export function configureExpressionLimits(limits: Partial<ExpressionLimits>): void {
  if (limits.timeoutMs !== undefined) guardrails.timeout = limits.timeoutMs;
  if (limits.maxDepth !== undefined) guardrails.stack = limits.maxDepth;
  if (limits.maxSequence !== undefined) guardrails.sequence = limits.maxSequence;
}

// The guardrails stop a runaway expression, but only when its budget is spent; until then it
// would hold the event loop. JSONata awaits this hook before every evaluation step, so every
// few milliseconds of continuous evaluation hands the loop back to I/O (health checks, other
// requests). Cheap expressions never reach the threshold and never pay more than a counter.
const YIELD_EVERY_MS = 10;
let stepsSinceCheck = 0;
let lastYieldAt = performance.now();

function yieldToEventLoopNowAndThen(): Promise<void> | undefined {
  if (++stepsSinceCheck < 64) return undefined;
  stepsSinceCheck = 0;
  const now = performance.now();
  if (now - lastYieldAt < YIELD_EVERY_MS) return undefined;
  return new Promise<void>((resolve) =>
    setImmediate(() => {
      lastYieldAt = performance.now();
      resolve();
    }),
  );
}

// Once the loop has turned on its own, the evaluation that follows starts a fresh slice.
function noteLoopTurn(): void {
  lastYieldAt = performance.now();
  setTimeout(noteLoopTurn, YIELD_EVERY_MS).unref();
}
noteLoopTurn();

function compile(expression: string): jsonata.Expression {
  let result = compiled.get(expression);
  if (!result) {
    try {
      result = jsonata(expression, guardrails as jsonata.JsonataOptions);
    } catch (error) {
      throw new InvalidInputError(
        `Invalid expression "${expression}": ${(error as Error).message}`,
        'INVALID_EXPRESSION',
      );
    }
    result.assign(Symbol.for('jsonata.__evaluate_entry') as unknown as string, yieldToEventLoopNowAndThen);
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
 * One that exceeds the process's expression limits fails with code `EXPRESSION_LIMIT`.
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
    const limit = LIMIT_CODES[(error as { code?: string }).code ?? ''];
    if (limit) {
      throw new InvalidInputError(
        `Expression "${expression}" ${limit}: limits are ${guardrails.timeout} ms, depth ${guardrails.stack}, ` +
          `${guardrails.sequence} items`,
        'EXPRESSION_LIMIT',
      );
    }
    throw new InvalidInputError(`Expression "${expression}" failed: ${(error as Error).message}`, 'INVALID_EXPRESSION');
  }
}

// JSONata returns arrays tagged with a `sequence` flag and `undefined` for "no match";
// steps persist JSON, so hand back plain values.
function normalize(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as unknown;
}
