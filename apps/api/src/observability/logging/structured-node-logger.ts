import { Logger } from '@nestjs/common';
import type { NodeLogger } from '@baton/engine';
import { pickLogFields } from './pick-log-fields';
import { StructuredLogEntry } from './structured-log-entry';

/**
 * The engine's logger port on Nest's Logger. The engine scopes every step's logger with
 * executionId, stepId and attempt; those (and other scalar fields) become fields of the line,
 * payloads are left out (pick-log-fields.ts).
 */
export function createStructuredNodeLogger(context: string): NodeLogger {
  const logger = new Logger(context);
  const entry = (message: string, data: unknown) => new StructuredLogEntry(message, pickLogFields(data));
  return {
    debug: (message, data) => logger.debug(entry(message, data)),
    info: (message, data) => logger.log(entry(message, data)),
    warn: (message, data) => logger.warn(entry(message, data)),
    error: (message, data) => logger.error(entry(message, data)),
  };
}
