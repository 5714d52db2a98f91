import type { AnyNodeType, NodeLogger } from '@baton/engine';
import type { StepLogLevel, StepLogRecord } from '@baton/persistence';
import { boundLogLine, STEP_LOG_LIMITS } from './bound-log-line';

/** Where an attempt's lines go once it ends (the step logs table). */
export type StepLogWriter = (lines: StepLogRecord[]) => Promise<void>;

/**
 * The node type with what it logs through `ctx.log` kept for its attempt: lines still go to the
 * process log as before, and are written in one statement when the attempt's `run` settles, before
 * its outcome is committed (so whoever reads the attempt's end event finds its lines). Wrap it
 * around bindNodeCredentials: lines arrive here already redacted. A failed write costs the lines,
 * never the step.
 */
export function bindStepLogs(
  nodeType: AnyNodeType,
  write: StepLogWriter,
  onWriteError: (error: unknown) => void,
): AnyNodeType {
  return {
    ...nodeType,
    async run(input, ctx) {
      const lines: StepLogRecord[] = [];
      let dropped = 0;
      const keep = (level: StepLogLevel) => (message: string, data?: unknown) => {
        if (lines.length < STEP_LOG_LIMITS.linesPerAttempt) {
          const line = boundLogLine(level, message, data);
          lines.push({
            executionId: ctx.executionId,
            stepId: ctx.stepId,
            attempt: ctx.attempt,
            ...line,
            loggedAt: new Date(),
          });
        } else dropped++;
      };
      const log: NodeLogger = {
        debug: tee(ctx.log.debug, keep('debug')),
        info: tee(ctx.log.info, keep('info')),
        warn: tee(ctx.log.warn, keep('warn')),
        error: tee(ctx.log.error, keep('error')),
      };
      try {
        return await nodeType.run(input, { ...ctx, log });
      } finally {
        if (dropped)
          lines.push({
            executionId: ctx.executionId,
            stepId: ctx.stepId,
            attempt: ctx.attempt,
            level: 'warn',
            message: `${dropped} more lines were logged; an attempt keeps ${STEP_LOG_LIMITS.linesPerAttempt}`,
            loggedAt: new Date(),
          });
        if (lines.length) await write(lines).catch(onWriteError);
      }
    },
  };
}

function tee(
  first: (message: string, data?: unknown) => void,
  second: (message: string, data?: unknown) => void,
): (message: string, data?: unknown) => void {
  return (message, data) => {
    first(message, data);
    second(message, data);
  };
}
