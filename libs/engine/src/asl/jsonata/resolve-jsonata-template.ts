import { evaluateExpression } from '../../expressions/evaluate-expression.js';
import type { AslState, AslStateMachine } from '../definition/asl-definition.js';
import { AslError, runtimeError, STATES } from '../definition/asl.error.js';

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

/** What `$states` holds while a JSONata field is evaluated. */
export interface JsonataStates {
  input: unknown;
  context: unknown;
  result?: unknown;
  errorOutput?: unknown;
}

/** The query language a state uses: its own `QueryLanguage`, else the machine's, else JSONPath. */
export function usesJsonata(state: AslState, machine: Pick<AslStateMachine, 'QueryLanguage'>): boolean {
  return (state.QueryLanguage ?? machine.QueryLanguage) === 'JSONata';
}

/** The expression inside a `{% ... %}` string, or null for any other value. */
export function jsonataExpressionOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = EXPRESSION.exec(value);
  return match ? match[1].trim() : null;
}

/**
 * Evaluates a JSONata-mode field: `{% expr %}` strings anywhere inside objects and arrays are
 * replaced by their value, everything else is taken literally. Workflow variables are `$name`
 * bindings beside `$states`; a failing expression is `States.QueryEvaluationError`, one over the
 * expression limits `States.Runtime`.
 */
export async function resolveJsonataTemplate(
  value: unknown,
  states: JsonataStates,
  variables: Record<string, unknown>,
  field: string,
): Promise<unknown> {
  const expression = jsonataExpressionOf(value);
  if (expression !== null) {
    try {
      return await evaluateExpression(expression, states.input, { ...variables, states });
    } catch (error) {
      // A runaway expression is not the data's fault and must not be retried into another
      // freeze: States.Runtime, which no Retry or Catch matches.
      if ((error as { code?: string }).code === 'EXPRESSION_LIMIT')
        throw runtimeError(`EXPRESSION_LIMIT: ${field}: ${(error as Error).message}`);
      throw new AslError(STATES.QueryEvaluationError, `${field}: ${(error as Error).message}`);
    }
  }
  if (Array.isArray(value))
    return Promise.all(value.map((item, i) => resolveJsonataTemplate(item, states, variables, `${field}[${i}]`)));
  if (typeof value === 'object' && value !== null) {
    const entries = await Promise.all(
      Object.entries(value).map(
        async ([key, item]) => [key, await resolveJsonataTemplate(item, states, variables, `${field}.${key}`)] as const,
      ),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * `Assign`: every value sees the variables as they were before the state (assignments in one
 * Assign do not see each other), then all are set together on top of the visible ones.
 */
export async function applyAssign(
  assign: unknown,
  states: JsonataStates,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (assign === undefined || assign === null) return variables;
  const assigned = (await resolveJsonataTemplate(assign, states, variables, 'Assign')) as Record<string, unknown>;
  return { ...variables, ...assigned };
}
