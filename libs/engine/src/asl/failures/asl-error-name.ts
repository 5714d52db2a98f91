import type { EngineError } from '../../errors/engine.error.js';
import { STATES } from '../definition/asl.error.js';

/** The ASL error name of an engine error: node timeouts are `States.Timeout`, anonymous failures `States.TaskFailed`. */
export function aslErrorNameOf(error: EngineError): string {
  if (error.code === 'NODE_TIMEOUT') return STATES.Timeout;
  if (error.code === 'NODE_ERROR') return STATES.TaskFailed;
  if (error.code === 'HEARTBEAT_TIMEOUT') return STATES.HeartbeatTimeout;
  return error.code;
}

/**
 * Whether a retrier's or catcher's `ErrorEquals` covers `name`. `States.ALL` matches every
 * name, `States.TaskFailed` every name but `States.Timeout`; nothing matches `States.Runtime`,
 * which always fails the execution.
 */
export function matchesErrorName(errorEquals: string[], name: string): boolean {
  if (name === STATES.Runtime) return false;
  return errorEquals.some(
    (candidate) =>
      candidate === name || candidate === STATES.ALL || (candidate === STATES.TaskFailed && name !== STATES.Timeout),
  );
}
