import { classifyError } from '../errors/classify-error.js';
import { type EngineError, TimeoutError } from '../errors/engine.error.js';
import type { AnyNodeType, NodeContext, NodeResult, NodeRunInput } from '../nodes/node-type.js';
import type { Clock } from '../ports/clock.port.js';

export type AttemptOutcome = { ok: true; result: NodeResult } | { ok: false; error: EngineError };

export interface NodeAttempt {
  nodeType: AnyNodeType;
  input: NodeRunInput;
  ctx: Omit<NodeContext, 'signal'>;
  controller: AbortController;
  timeoutMs: number | null;
  clock: Clock;
}

/**
 * Runs one attempt of a node. Timeout and cancel abort `ctx.signal`; the attempt ends at the
 * abort even when the node ignores its signal, so a stuck node never holds the step.
 */
export async function runNodeAttempt(attempt: NodeAttempt): Promise<AttemptOutcome> {
  const { nodeType, input, ctx, controller, timeoutMs, clock } = attempt;
  const signal = controller.signal;
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  // The race below may settle first; keep the losing rejection from being reported as unhandled.
  aborted.catch(() => undefined);
  const cancelTimer = timeoutMs
    ? clock.setTimer(timeoutMs, () =>
        controller.abort(new TimeoutError(`Node "${ctx.nodeId}" timed out after ${timeoutMs} ms`)),
      )
    : () => undefined;
  try {
    const running = Promise.resolve().then(() => nodeType.run(input, { ...ctx, signal }));
    const result = await Promise.race([running, aborted]);
    return { ok: true, result: result ?? { output: null } };
  } catch (error) {
    // A node that rethrows its own AbortError after an abort still gets the abort's reason.
    return { ok: false, error: classifyError(signal.aborted ? signal.reason : error) };
  } finally {
    cancelTimer();
  }
}
