// Keys engine and node code use for run data: inputs, outputs, definitions, HTTP bodies. A log
// line is read by more people, and kept longer, than the execution it came from.
const PAYLOAD_KEYS = new Set([
  'data',
  'input',
  'output',
  'definition',
  'payload',
  'body',
  'headers',
  'result',
  'variables',
  'items',
  'state',
  'settings',
]);
// Fields of the log line itself; data under these names would shadow them.
const RESERVED_KEYS = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'context', 'role', 'err']);
const MAX_TEXT = 1000;

export type LogFields = Record<string, string | number | boolean | null>;

/**
 * The fields of an engine log call that may go to the log: scalars only (execution id, step id,
 * attempt, error names and messages), never objects or arrays and never payload-named keys.
 */
export function pickLogFields(data: unknown): LogFields {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
  const fields: LogFields = {};
  for (const [key, value] of Object.entries(data)) {
    if (PAYLOAD_KEYS.has(key) || RESERVED_KEYS.has(key)) continue;
    if (typeof value === 'string') fields[key] = value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) fields[key] = value;
  }
  return fields;
}
