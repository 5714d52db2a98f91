import type { NodeResult } from '../../nodes/node-type.js';
import { isTimestamp } from '../choice/choice-operators.js';
import type { AslState } from '../definition/asl-definition.js';
import { AslError, runtimeError, STATES } from '../definition/asl.error.js';
import { ExternalWaitRequest } from '../../engine/external-wait.js';
import { runTask, type StateAttempt } from '../runtime/run-state-attempt.js';
import { applyAssign, type JsonataStates, resolveJsonataTemplate } from './resolve-jsonata-template.js';

/** A JSONata state's result plus the workflow variables after its Assign. */
export interface JsonataStateResult extends NodeResult {
  variables: Record<string, unknown>;
}

/**
 * One attempt of a Pass, Task, Choice, Wait, Succeed or Fail state in the JSONata query
 * language: Arguments → work → Assign and Output (both see `$states.input`, `$states.result` and
 * the variables as they were before the state). Output defaults to the result for Task and to the
 * input for the others.
 */
export async function runJsonataState(
  attempt: StateAttempt,
  variables: Record<string, unknown>,
): Promise<JsonataStateResult> {
  const { state, raw, context } = attempt;
  const next = state.Next !== undefined ? [state.Next] : [];
  const base: JsonataStates = { input: raw, context };
  const finish = async (
    states: JsonataStates,
    handle: string[],
    assign: unknown,
    output: unknown,
    fallback: unknown,
  ): Promise<JsonataStateResult> => {
    const after = await applyAssign(assign, states, variables);
    const value = output === undefined ? fallback : await resolveJsonataTemplate(output, states, variables, 'Output');
    return { output: value, handle, variables: after };
  };
  switch (state.Type) {
    case 'Pass':
      return finish(base, next, state.Assign, state.Output, raw);
    case 'Wait':
      // The delay was served before this attempt was due; evaluating it again surfaces bad expressions.
      await jsonataWaitDelayMs(state, raw, context, variables, new Date(0));
      return finish(base, next, state.Assign, state.Output, raw);
    case 'Succeed':
      return finish(base, [], undefined, state.Output, raw);
    case 'Task': {
      const result = await runTask(attempt, async (taskContext) => {
        const states = { input: raw, context: taskContext };
        const hasArguments = state.Arguments !== undefined;
        const effective = hasArguments
          ? await resolveJsonataTemplate(state.Arguments, states, variables, 'Arguments')
          : raw;
        const heartbeatMs =
          typeof state.HeartbeatSeconds === 'string'
            ? (await jsonataSeconds(state.HeartbeatSeconds, states, variables, 'HeartbeatSeconds', 1)) * 1000
            : undefined;
        return { selected: raw, effective, hasArguments, heartbeatMs };
      });
      if (result instanceof ExternalWaitRequest) return { output: result, variables };
      return finish({ ...base, result }, next, state.Assign, state.Output, result);
    }
    case 'Choice': {
      for (const [i, rule] of (state.Choices ?? []).entries()) {
        const matched = await resolveJsonataTemplate(rule.Condition, base, variables, `Choices[${i}].Condition`);
        if (typeof matched !== 'boolean')
          throw new AslError(
            STATES.QueryEvaluationError,
            `Choices[${i}].Condition must evaluate to a boolean, got ${JSON.stringify(matched)}`,
          );
        if (matched) return finish(base, [rule.Next!], rule.Assign ?? state.Assign, rule.Output ?? state.Output, raw);
      }
      if (state.Default === undefined)
        throw new AslError(
          STATES.NoChoiceMatched,
          `No Choice rule matched and there is no Default in state "${context.State.Name}"`,
        );
      return finish(base, [state.Default], state.Assign, state.Output, raw);
    }
    case 'Fail': {
      const text = async (value: unknown, field: string) => {
        const resolved = await resolveJsonataTemplate(value, base, variables, field);
        return resolved === undefined || resolved === null
          ? ''
          : typeof resolved === 'string'
            ? resolved
            : JSON.stringify(resolved);
      };
      throw new AslError(await text(state.Error, 'Error'), await text(state.Cause, 'Cause'));
    }
    default:
      throw runtimeError(`State type ${state.Type} does not run as a single attempt`);
  }
}

/** A whole-number JSONata field (`TimeoutSeconds`, `HeartbeatSeconds`, `Seconds`): a literal or `{% %}`. */
export async function jsonataSeconds(
  value: unknown,
  states: JsonataStates,
  variables: Record<string, unknown>,
  field: string,
  min: number,
): Promise<number> {
  const seconds = await resolveJsonataTemplate(value, states, variables, field);
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < min) {
    throw new AslError(
      STATES.QueryEvaluationError,
      `${field} must evaluate to an integer of at least ${min}, got ${JSON.stringify(seconds)}`,
    );
  }
  return seconds;
}

/** How long a JSONata Wait parks: `Seconds` or `Timestamp`, each a literal or `{% %}`. */
export async function jsonataWaitDelayMs(
  state: AslState,
  raw: unknown,
  context: unknown,
  variables: Record<string, unknown>,
  now: Date,
): Promise<number> {
  const states = { input: raw, context };
  if (state.Seconds !== undefined) return (await jsonataSeconds(state.Seconds, states, variables, 'Seconds', 0)) * 1000;
  const timestamp = await resolveJsonataTemplate(state.Timestamp, states, variables, 'Timestamp');
  if (!isTimestamp(timestamp))
    throw new AslError(
      STATES.QueryEvaluationError,
      `Timestamp must evaluate to an RFC 3339 timestamp, got ${JSON.stringify(timestamp)}`,
    );
  return Math.max(0, Date.parse(timestamp) - now.getTime());
}
