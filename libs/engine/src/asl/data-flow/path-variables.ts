/** Workflow variables by name (`Assign`), as one state entry sees them. */
export type WorkflowVariables = Record<string, unknown>;

// Kept off the Context object's own keys so `$$` (the whole Context object) never shows them.
const VARIABLES = Symbol('workflow variables');

// `$name`, `$name.field`, `$name[0]`: a path into a variable (JSONPath states, as AWS reads them).
// `$`, `$.x`, `$[0]` and `$$...` are paths into the input or the Context object.
const VARIABLE_PATH = /^\$([\p{L}_][\p{L}\p{N}_]*)(.*)$/su;

/** Makes `variables` readable as `$name` by every path evaluated with this Context object. */
export function bindVariables<T extends object>(context: T, variables: WorkflowVariables): T {
  Object.defineProperty(context, VARIABLES, { value: variables, enumerable: false, configurable: true });
  return context;
}

/** The variables bound to a Context object (none: `{}`). */
export function variablesOf(context: unknown): WorkflowVariables {
  return (
    (typeof context === 'object' && context !== null
      ? (context as { [VARIABLES]?: WorkflowVariables })[VARIABLES]
      : undefined) ?? {}
  );
}

/** A copy of the Context object with more fields (`Task`, `Map`), bound to the same variables. */
export function extendContext<T extends object>(context: T, extra: Partial<T>): T {
  return bindVariables({ ...context, ...extra }, variablesOf(context));
}

/** `$name.rest` as the variable's name and the JSONPath into its value (`$.rest`); null for other paths. */
export function variablePathOf(path: string): { name: string; rest: string } | null {
  const match = VARIABLE_PATH.exec(path);
  return match ? { name: match[1], rest: `$${match[2]}` } : null;
}
