import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { BatonLogger } from './baton-logger';
import { pickLogFields } from './pick-log-fields';
import { StructuredLogEntry } from './structured-log-entry';

function jsonLogger(level: 'log' | 'debug' = 'log') {
  const written: string[] = [];
  const logger = new BatonLogger({
    format: 'json',
    level,
    role: 'worker',
    destination: { write: (s) => written.push(s) },
  });
  const entries = () => written.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, entries };
}

describe('BatonLogger', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('writes JSON lines with level name, ISO time, role and Nest context', () => {
    const { logger, entries } = jsonLogger();
    logger.log('ready', 'Baton');
    logger.warn('careful');
    expect(entries()).toEqual([
      expect.objectContaining({ level: 'info', role: 'worker', context: 'Baton', msg: 'ready' }),
      expect.objectContaining({ level: 'warn', msg: 'careful' }),
    ]);
    expect(new Date(entries()[0]['time'] as string).toISOString()).toBe(entries()[0]['time']);
  });

  it('keeps the level: debug lines only from level debug on', () => {
    const quiet = jsonLogger('log');
    quiet.logger.debug('hidden', 'Engine');
    quiet.logger.verbose('hidden too');
    expect(quiet.entries()).toEqual([]);
    const chatty = jsonLogger('debug');
    chatty.logger.debug('shown', 'Engine');
    expect(chatty.entries()).toEqual([expect.objectContaining({ level: 'debug', msg: 'shown' })]);
  });

  it('writes the fields of a structured entry as fields, and errors with their stack', () => {
    const { logger, entries } = jsonLogger();
    logger.log(new StructuredLogEntry('doubled', { executionId: 'e1', stepId: 'log', attempt: 2 }), 'Engine');
    const stack = new Error('boom').stack!;
    logger.error('query failed', stack, 'Database');
    logger.error(new Error('exploded'));
    expect(entries()).toEqual([
      expect.objectContaining({ context: 'Engine', msg: 'doubled', executionId: 'e1', stepId: 'log', attempt: 2 }),
      expect.objectContaining({ level: 'error', context: 'Database', msg: 'query failed', stack }),
      expect.objectContaining({
        msg: 'exploded',
        err: expect.objectContaining({ type: 'Error', message: 'exploded' }),
      }),
    ]);
  });

  it('pretty: Nest console lines with the fields appended as JSON', () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    new BatonLogger({ format: 'pretty', level: 'log', role: 'all' }).log(
      new StructuredLogEntry('doubled', { executionId: 'e1', stepId: 'log', attempt: 1 }),
      'Engine',
    );
    const text = write.mock.calls.map(([chunk]) => String(chunk)).join('');
    expect(text).toContain('[Engine]');
    expect(text).toContain('doubled {"executionId":"e1","stepId":"log","attempt":1}');
  });
});

describe('pickLogFields', () => {
  it('keeps scalars and drops payload keys, objects, arrays and the line’s own field names', () => {
    expect(
      pickLogFields({
        executionId: 'e1',
        stepId: 's',
        attempt: 1,
        error: 'HTTP_500',
        ok: false,
        data: 'secret',
        input: { a: 1 },
        output: 2,
        definition: {},
        nested: { a: 1 },
        list: [1],
        level: 'fake',
        msg: 'fake',
      }),
    ).toEqual({ executionId: 'e1', stepId: 's', attempt: 1, error: 'HTTP_500', ok: false });
    expect(pickLogFields('just a value')).toEqual({});
    expect(pickLogFields({ cause: 'x'.repeat(2000) })['cause']).toHaveLength(1001);
  });
});
