import type { StepLogLevel } from '@baton/persistence';

/** Bounds of what one attempt keeps: its lines, and each line's message and data. */
export const STEP_LOG_LIMITS = { linesPerAttempt: 200, messageChars: 2000, dataBytes: 8192, dataDepth: 8 } as const;

export interface BoundedLogLine {
  level: StepLogLevel;
  message: string;
  data?: unknown;
}

/**
 * A `ctx.log` call as the database can store it: the message cut to its bound, the data made
 * plain JSON (no functions, cycles, NUL characters or unpaired surrogates, which PostgreSQL
 * refuses) and replaced by a note when it is too large.
 */
export function boundLogLine(level: StepLogLevel, message: unknown, data: unknown): BoundedLogLine {
  const text = typeof message === 'string' ? message : String(message);
  const line: BoundedLogLine = { level, message: cleanText(text.slice(0, STEP_LOG_LIMITS.messageChars)) };
  if (data === undefined) return line;
  const plain = toPlainJson(data, 0);
  const size = Buffer.byteLength(JSON.stringify(plain) ?? 'null');
  line.data = size > STEP_LOG_LIMITS.dataBytes ? { truncated: true, bytes: size } : plain;
  return line;
}

function toPlainJson(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return cleanText(value.slice(0, STEP_LOG_LIMITS.dataBytes));
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return { name: value.name, message: cleanText(value.message) };
  if (typeof value !== 'object') return undefined;
  if (depth >= STEP_LOG_LIMITS.dataDepth) return '[nested too deep]';
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => toPlainJson(item, depth + 1) ?? null);
  const plain: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value).slice(0, 100)) {
    const converted = toPlainJson(item, depth + 1);
    if (converted !== undefined) plain[cleanText(key)] = converted;
  }
  return plain;
}

// A high surrogate without its low half, or a low one without its high half.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function cleanText(text: string): string {
  return text.replace(/\u0000/g, '').replace(LONE_SURROGATE, '\uFFFD');
}
