import { Logger } from '@nestjs/common';
import type { NodeLogger } from '@baton/engine';

/** The engine's logger port on Nest's Logger; structured data is appended as JSON. */
export function createNestNodeLogger(context: string): NodeLogger {
  const logger = new Logger(context);
  const line = (message: string, data?: unknown) =>
    data === undefined ? message : `${message} ${JSON.stringify(data)}`;
  return {
    debug: (message, data) => logger.debug(line(message, data)),
    info: (message, data) => logger.log(line(message, data)),
    warn: (message, data) => logger.warn(line(message, data)),
    error: (message, data) => logger.error(line(message, data)),
  };
}
