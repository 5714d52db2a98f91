import { ConsoleLogger, type LoggerService, type LogLevel } from '@nestjs/common';
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { BatonConfig } from '../../config/baton-config';
import { StructuredLogEntry } from './structured-log-entry';

const NEST_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const PINO_LEVEL = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
} as const;
// Nest passes a stack as a string argument; this is how its ConsoleLogger tells one from a context.
const STACK = /^(.)+\n\s+at .+:\d+:\d+/;

export interface BatonLoggerOptions {
  format: BatonConfig['logFormat'];
  level: BatonConfig['logLevel'];
  role: BatonConfig['role'];
  /** Where JSON lines go; process.stdout by default. */
  destination?: DestinationStream;
}

/**
 * The process logger every Nest `Logger` writes through. `json`: one pino object per line
 * (`level`, `time`, `context`, `msg`, plus the fields of structured entries such as the engine's
 * executionId, stepId and attempt); `pretty`: Nest's own console lines, fields appended as JSON.
 */
export class BatonLogger implements LoggerService {
  private readonly json: PinoLogger | null;
  private readonly console: ConsoleLogger | null;

  constructor(options: BatonLoggerOptions) {
    const levels = NEST_LEVELS.slice(0, NEST_LEVELS.indexOf(options.level) + 1);
    if (options.format === 'json') {
      this.console = null;
      this.json = pino(
        {
          level: PINO_LEVEL[options.level],
          base: { pid: process.pid, role: options.role },
          timestamp: pino.stdTimeFunctions.isoTime,
          formatters: { level: (label) => ({ level: label }) },
        },
        // process.stdout rather than pino's own fd writer: it is synchronous on Linux for files,
        // pipes and terminals (nothing lost on process.exit), and whoever wraps its write() (a
        // test, an APM agent) sees JSON lines exactly as it sees Nest's pretty ones.
        options.destination ?? process.stdout,
      );
    } else {
      this.json = null;
      this.console = new ConsoleLogger({ logLevels: levels });
    }
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    if (this.console) {
      const text = message instanceof StructuredLogEntry ? message.toLine() : message;
      this.console[level](text, ...params);
      return;
    }
    const { context, stack } = splitParams(params, level === 'error' || level === 'fatal');
    const line: Record<string, unknown> = context ? { context } : {};
    let msg: string;
    if (message instanceof StructuredLogEntry) {
      Object.assign(line, message.fields);
      msg = message.msg;
    } else if (message instanceof Error) {
      // pino's err serializer writes type, message, stack and the error's own fields.
      line['err'] = message;
      msg = message.message;
    } else {
      msg = typeof message === 'string' ? message : JSON.stringify(message);
    }
    if (stack) line['stack'] = stack;
    this.json![PINO_LEVEL[level]](line, msg);
  }
}

/** Nest's Logger appends its context last; error() may carry a stack before it. */
function splitParams(params: unknown[], mayHaveStack: boolean): { context?: string; stack?: string } {
  const rest = [...params];
  const result: { context?: string; stack?: string } = {};
  const last = rest[rest.length - 1];
  if (typeof last === 'string' && !STACK.test(last)) {
    result.context = last;
    rest.pop();
  }
  const previous = rest[rest.length - 1];
  if (mayHaveStack && typeof previous === 'string') result.stack = previous;
  return result;
}
