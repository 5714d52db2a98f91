/**
 * One conformance case, written from the States Language specification: a state machine, its
 * input and the outcome the spec prescribes. Runs unchanged in the engine's in-memory test
 * engine and through the REST API on every tier.
 */
export interface AslConformanceCase {
  name: string;
  definition: Record<string, unknown>;
  input?: unknown;
  expect:
    | { status: 'completed'; output: unknown }
    | { status: 'failed'; error: string; cause?: string; causeContains?: string };
  /**
   * `http` cases call the conformance stub server (`{{STUB}}` in the definition becomes its base
   * URL), `lambda` cases its Lambda Invoke API; `callback` cases hand their task token to the stub's
   * `remember` function keyed by the execution id, `activity` cases to a worker polling the
   * activity named `{{ACTIVITY}}`: the runner answers each token with `answers` (the last repeats).
   */
  needs?: 'http' | 'lambda' | 'callback' | 'activity';
  answers?: TokenAnswer[];
  /**
   * State machines saved as workflows of the workspace before the case runs (nested executions):
   * `{{CHILD:key}}` in the definition becomes the child's workflow ARN, `{{CHILD_NAME:key}}` its name.
   */
  children?: Record<string, Record<string, unknown>>;
}

/** The definition with `{{CHILD:key}}` / `{{CHILD_NAME:key}}` replaced by each saved child's ARN or name. */
export function withChildWorkflows(
  definition: Record<string, unknown>,
  saved: Record<string, { id: string; name: string }>,
): Record<string, unknown> {
  let text = JSON.stringify(definition);
  for (const [key, child] of Object.entries(saved)) {
    text = text
      .replaceAll(`{{CHILD:${key}}}`, `arn:baton:states:::workflow:${child.id}`)
      .replaceAll(`{{CHILD_NAME:${key}}}`, child.name);
  }
  return JSON.parse(text) as Record<string, unknown>;
}

/** What the outside party does with a task token: answer, keep it alive for a while, or stay silent. */
export type TokenAnswer =
  | { success: unknown }
  /** Activities: answer with the task input the worker received. */
  | { echoInput: true }
  | { failure: { error: string; cause: string } }
  | { heartbeats: number; everyMs: number; then: { success: unknown } }
  | { silence: true };

/** A definition that must be refused, with the problems validation must report. */
export interface AslValidationCase {
  name: string;
  definition: unknown;
  problems: Array<{ path: string; messageContains?: string }>;
}

/** A one-state machine around `state` (End is added unless the state type forbids it). */
export function single(state: Record<string, unknown>): Record<string, unknown> {
  const terminal = ['Succeed', 'Fail', 'Choice'].includes(String(state.Type));
  return { StartAt: 'S', States: { S: terminal || 'Next' in state ? state : { ...state, End: true } } };
}

/** A machine whose states run in the order given; every state but the last gets Next. */
export function chain(...states: Array<[string, Record<string, unknown>]>): Record<string, unknown> {
  const entries = states.map(([name, state], i) => {
    const last = i === states.length - 1;
    const terminal = ['Succeed', 'Fail', 'Choice'].includes(String(state.Type)) || 'Next' in state || 'End' in state;
    return [name, terminal ? state : last ? { ...state, End: true } : { ...state, Next: states[i + 1][0] }];
  });
  return { StartAt: states[0][0], States: Object.fromEntries(entries) };
}
