import type { StepRecord } from '../../execution/execution-record.js';
import type { AslStepTable } from '../runtime/asl-step-table.js';

type Variables = Record<string, unknown>;

const variablesOfRow = (value: unknown): Variables | undefined =>
  typeof value === 'object' && value !== null && 'vars' in value
    ? ((value as { vars: Variables }).vars ?? undefined)
    : undefined;

/**
 * The workflow variables a state entry sees: those after the state entered before it in its
 * scope; a branch or iteration starts with the ones its Parallel/Map saw (it reads outer
 * variables, and what it assigns stays inside it, as AWS scopes them).
 */
export function variablesBefore(table: AslStepTable, step: StepRecord): Variables {
  const { scope, seq } = table.address(step.stepId);
  if (seq > 1) {
    const previous = table.entry(scope, seq - 1);
    return previous ? variablesAfter(table, previous) : {};
  }
  if (scope === '') return {};
  const container = table.get(scope.replace(/(?:#\d+)?\[\d+\]\/$/, ''));
  return container ? variablesBefore(table, container) : {};
}

/** The variables after a settled entry: its Assign (kept in `state.vars`, or `error.vars` when a Catch handled it), else unchanged. */
export function variablesAfter(table: AslStepTable, step: StepRecord): Variables {
  return variablesOfRow(step.state) ?? variablesOfRow(step.error) ?? variablesBefore(table, step);
}

// Whether a machine assigns anywhere (states, catchers, Choice rules, nested machines): only
// then do its JSONPath states look their variables up in the journal. Keyed by the frozen
// definition object an execution keeps.
const assigning = new WeakMap<object, boolean>();

/** Whether any state, catcher or Choice rule of the machine has an `Assign`. */
export function usesVariables(machine: object): boolean {
  let answer = assigning.get(machine);
  if (answer === undefined) {
    answer = JSON.stringify(machine).includes('"Assign":');
    assigning.set(machine, answer);
  }
  return answer;
}
