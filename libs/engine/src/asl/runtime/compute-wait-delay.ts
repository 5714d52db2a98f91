import type { AslState } from '../definition/asl-definition.js';
import { runtimeError } from '../definition/asl.error.js';
import { isTimestamp } from '../choice/choice-operators.js';
import { readPath } from '../data-flow/read-path.js';

/** How long a Wait state parks, from its effective input; a timestamp in the past waits 0. */
export function computeWaitDelayMs(state: AslState, effective: unknown, context: unknown, now: Date): number {
  if (state.Seconds !== undefined) return Math.max(0, Number(state.Seconds) * 1000);
  if (state.SecondsPath !== undefined) {
    const seconds = readPath(state.SecondsPath, effective, context, 'SecondsPath');
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      throw runtimeError(
        `SecondsPath '${state.SecondsPath}' must select a non-negative integer, got ${JSON.stringify(seconds)}`,
      );
    }
    return seconds * 1000;
  }
  const timestamp = state.Timestamp ?? readPath(state.TimestampPath!, effective, context, 'TimestampPath');
  if (!isTimestamp(timestamp))
    throw runtimeError(`Wait timestamp must be an RFC 3339 timestamp, got ${JSON.stringify(timestamp)}`);
  return Math.max(0, Date.parse(timestamp) - now.getTime());
}
