import type { ValidationProblem } from '../../definition/validation-problem.js';
import type { NodeRegistry } from '../../nodes/node-registry.js';
import type { AslState } from '../definition/asl-definition.js';
import { STATES } from '../definition/asl.error.js';
import { isTimestamp } from '../choice/choice-operators.js';
import { parksForToken, parseTaskResource } from '../resources/parse-task-resource.js';
import { checkChoiceRule } from './check-choice-rules.js';
import { jsonataExpressionOf } from '../jsonata/resolve-jsonata-template.js';
import { checkDynamicValue, checkPayloadTemplate } from './check-payload-template.js';

const STATE_TYPES = new Set(['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);
const WITH_TRANSITION = new Set(['Task', 'Pass', 'Wait', 'Parallel', 'Map']);
const WITH_ERROR_HANDLING = new Set(['Task', 'Parallel', 'Map']);

/** Problems of one state in its (sub-)machine; `names` are the states it may transition to. */
export function checkState(
  state: AslState,
  path: string,
  names: Set<string>,
  registry: NodeRegistry,
  jsonata = false,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const add = (field: string, message: string) => problems.push({ path: field ? `${path}.${field}` : path, message });
  const target = (field: string, name: unknown) => {
    if (typeof name !== 'string' || !names.has(name))
      add(field, `names state "${String(name)}", which does not exist in this state machine`);
  };
  if (typeof state !== 'object' || state === null) return [{ path, message: 'a state must be an object' }];
  if (!STATE_TYPES.has(state.Type))
    return [{ path: `${path}.Type`, message: `must be one of ${[...STATE_TYPES].join(', ')}` }];
  if (WITH_TRANSITION.has(state.Type)) {
    if (state.Next !== undefined && state.End !== undefined) add('', 'a state may not have both Next and End');
    else if (state.Next !== undefined) target('Next', state.Next);
    else if (state.End !== true) add('', `a ${state.Type} state needs Next or "End": true`);
  } else {
    if (state.End !== undefined) add('End', `a ${state.Type} state may not have End`);
    if (state.Next !== undefined) add('Next', `a ${state.Type} state may not have Next`);
  }
  if (!WITH_ERROR_HANDLING.has(state.Type)) {
    if (state.Retry !== undefined) add('Retry', `a ${state.Type} state may not have Retry`);
    if (state.Catch !== undefined) add('Catch', `a ${state.Type} state may not have Catch`);
  } else {
    problems.push(...checkErrorHandlers(state, path, target));
  }
  // JSONata states: check-query-language.ts checks their expressions instead.
  for (const field of jsonata ? [] : (['Parameters', 'ResultSelector', 'ItemSelector'] as const)) {
    if (state[field] !== undefined) problems.push(...checkPayloadTemplate(state[field], `${path}.${field}`));
  }
  switch (state.Type) {
    case 'Task':
      problems.push(...checkTask(state, path, registry));
      break;
    case 'Choice':
      if (!Array.isArray(state.Choices) || state.Choices.length === 0)
        add('Choices', 'a Choice state needs a non-empty Choices array');
      else
        state.Choices.forEach((rule, i) => {
          if (!jsonata) problems.push(...checkChoiceRule(rule, `${path}.Choices[${i}]`, true));
          else if (typeof rule?.Next !== 'string') add(`Choices[${i}].Next`, 'a top-level Choice rule must have Next');
          if (typeof rule?.Next === 'string') target(`Choices[${i}].Next`, rule.Next);
        });
      if (state.Default !== undefined) target('Default', state.Default);
      break;
    case 'Wait': {
      const given = (['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'] as const).filter(
        (f) => state[f] !== undefined,
      );
      if (given.length !== 1)
        add('', 'a Wait state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath');
      if (
        state.Timestamp !== undefined &&
        !isTimestamp(state.Timestamp) &&
        !(jsonata && jsonataExpressionOf(state.Timestamp) !== null)
      )
        add('Timestamp', 'must be an RFC 3339 timestamp such as 2025-01-01T00:00:00Z');
      break;
    }
    case 'Fail':
      if (state.Error !== undefined && state.ErrorPath !== undefined)
        add('', 'a Fail state may have Error or ErrorPath, not both');
      if (state.Cause !== undefined && state.CausePath !== undefined)
        add('', 'a Fail state may have Cause or CausePath, not both');
      for (const field of ['ErrorPath', 'CausePath'] as const)
        if (typeof state[field] === 'string') problems.push(...checkDynamicValue(state[field]!, `${path}.${field}`));
      break;
    case 'Parallel':
      if (!Array.isArray(state.Branches) || state.Branches.length === 0)
        add('Branches', 'a Parallel state needs a non-empty Branches array');
      break;
    case 'Map':
      if ((state.ItemProcessor === undefined) === (state.Iterator === undefined))
        add('', 'a Map state needs exactly one of ItemProcessor and Iterator');
      if (state.ItemSelector !== undefined && state.Parameters !== undefined)
        add('', 'a Map state may have ItemSelector or Parameters, not both');
      if (state.MaxConcurrency !== undefined && state.MaxConcurrencyPath !== undefined)
        add('', 'a Map state may have MaxConcurrency or MaxConcurrencyPath, not both');
      break;
  }
  return problems;
}

function checkErrorHandlers(
  state: AslState,
  path: string,
  target: (field: string, name: unknown) => void,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const field of ['Retry', 'Catch'] as const) {
    const list = state[field];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push({ path: `${path}.${field}`, message: 'must be an array' });
      continue;
    }
    list.forEach((entry, i) => {
      const at = `${path}.${field}[${i}]`;
      const errors = entry?.ErrorEquals;
      if (!Array.isArray(errors) || errors.length === 0) {
        problems.push({ path: `${at}.ErrorEquals`, message: 'must be a non-empty array of error names' });
        return;
      }
      if (errors.includes(STATES.ALL) && errors.length > 1)
        problems.push({ path: `${at}.ErrorEquals`, message: 'States.ALL must appear alone in ErrorEquals' });
      if (errors.includes(STATES.ALL) && i !== list.length - 1)
        problems.push({
          path: `${at}.ErrorEquals`,
          message: `a ${field === 'Retry' ? 'retrier' : 'catcher'} with States.ALL must be the last one`,
        });
      if (field === 'Catch') target(`Catch[${i}].Next`, (entry as { Next?: unknown }).Next);
      if (field === 'Retry' && (entry as { MaxAttempts?: unknown }).MaxAttempts !== undefined) {
        const max = (entry as { MaxAttempts?: unknown }).MaxAttempts;
        if (typeof max !== 'number' || !Number.isInteger(max) || max < 0)
          problems.push({ path: `${at}.MaxAttempts`, message: 'must be a non-negative integer' });
      }
    });
  }
  return problems;
}

function checkTask(state: AslState, path: string, registry: NodeRegistry): ValidationProblem[] {
  const resource = state.Resource;
  const at = `${path}.Resource`;
  const problems: ValidationProblem[] = [];
  if (state.TimeoutSeconds !== undefined && state.TimeoutSecondsPath !== undefined)
    problems.push({ path, message: 'a Task state may have TimeoutSeconds or TimeoutSecondsPath, not both' });
  if (typeof resource !== 'string' || resource.length === 0)
    return [...problems, { path: at, message: 'a Task state needs a Resource URI' }];
  const parsed = parseTaskResource(resource);
  if (!parsed) {
    problems.push({
      path: at,
      message: `resource "${resource}" is not supported: use baton:<node type>, arn:aws:states:::http:invoke, a Lambda function ARN, arn:aws:states:::lambda:invoke, an activity ARN (optionally .waitForTaskToken) or arn:aws:states:::states:startExecution (.sync, .sync:2)`,
    });
  } else if (parsed.kind === 'baton') {
    const typeRef = parsed.resource.slice('baton:'.length);
    if (!registry.find(typeRef)) problems.push({ path: at, message: `unknown Baton node type "${typeRef}"` });
  }
  if (state.HeartbeatSeconds !== undefined && state.HeartbeatSecondsPath !== undefined)
    problems.push({ path, message: 'a Task state may have HeartbeatSeconds or HeartbeatSecondsPath, not both' });
  if (
    typeof state.HeartbeatSeconds === 'number' &&
    typeof state.TimeoutSeconds === 'number' &&
    state.HeartbeatSeconds >= state.TimeoutSeconds
  ) {
    problems.push({ path: `${path}.HeartbeatSeconds`, message: 'must be smaller than TimeoutSeconds' });
  }
  const bounded = [
    state.TimeoutSeconds,
    state.TimeoutSecondsPath,
    state.HeartbeatSeconds,
    state.HeartbeatSecondsPath,
  ].some((v) => v !== undefined);
  if (parsed && parksForToken(parsed) && !bounded) {
    // A lost callback must not hang a run for a year (the Step Functions default timeout).
    problems.push({
      path,
      severity: 'warning',
      message: 'a callback or activity task without TimeoutSeconds or HeartbeatSeconds waits for its answer forever',
    });
  }
  return problems;
}
