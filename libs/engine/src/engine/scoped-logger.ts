import type { NodeLogger } from '../nodes/node-type.js';

/** A logger that adds the step's scope (execution, step, attempt) to every line. */
export function scopedLogger(logger: NodeLogger, scope: Record<string, unknown>): NodeLogger {
  const withScope = (data: unknown) => ({
    ...scope,
    ...(data && typeof data === 'object' ? data : data === undefined ? {} : { data }),
  });
  return {
    debug: (message, data) => logger.debug(message, withScope(data)),
    info: (message, data) => logger.info(message, withScope(data)),
    warn: (message, data) => logger.warn(message, withScope(data)),
    error: (message, data) => logger.error(message, withScope(data)),
  };
}
