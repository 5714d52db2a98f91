import { type WorkflowVariables, variablesOf } from './path-variables.js';
import { resolvePayloadTemplate } from './resolve-payload-template.js';

/**
 * A JSONPath state's `Assign`: a payload template whose `name.$` fields read `value` (what `$`
 * means for the state: its result, effective input or error output), `$$` and the variables as
 * they were when the state was entered. All assignments take effect together once the state
 * ends; undefined when the state assigns nothing.
 */
export function assignVariables(assign: unknown, value: unknown, context: unknown): WorkflowVariables | undefined {
  if (assign === undefined || assign === null) return undefined;
  const assigned = resolvePayloadTemplate(assign, value, context, 'Assign') as WorkflowVariables;
  return { ...variablesOf(context), ...assigned };
}
