import { describe, expect, it } from '@jest/globals';
import { createNodeTestContext, type NodeType } from '@baton/engine';
import type { StepLogRecord } from '@baton/persistence';
import { bindStepLogs } from './bind-step-logs';
import { boundLogLine, STEP_LOG_LIMITS } from './bound-log-line';

const chatty = (lines: number, fail = false): NodeType => ({
  type: 'test.chatty',
  version: 1,
  title: 'Chatty',
  group: 'util',
  description: 'logs',
  inputs: [],
  outputs: [{ name: 'out', dataType: 'any' }],
  settingsSchema: { type: 'object', properties: {} },
  canStart: true,
  replaySafe: true,
  async run(_input, ctx) {
    for (let i = 0; i < lines; i++) ctx.log.info(`line ${i}`, { i });
    if (fail) throw new Error('boom');
    return { output: lines };
  },
});

describe('bindStepLogs', () => {
  const input = { data: null, handles: {}, settings: {}, bindings: {} };

  it('keeps what the attempt logged, still logs it to the process, and writes once when run settles', async () => {
    const written: StepLogRecord[][] = [];
    const { ctx, logs } = createNodeTestContext({ executionId: 'e1', stepId: 's', attempt: 2 });
    const bound = bindStepLogs(
      chatty(2, true),
      async (lines) => void written.push(lines),
      () => undefined,
    );
    await expect(bound.run(input, ctx)).rejects.toThrow('boom');
    expect(logs.map((l) => l.message)).toEqual(['line 0', 'line 1']);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject([
      { executionId: 'e1', stepId: 's', attempt: 2, level: 'info', message: 'line 0', data: { i: 0 } },
      { message: 'line 1' },
    ]);
  });

  it('keeps at most the per-attempt bound and says how many more there were; a failed write never fails the step', async () => {
    const written: StepLogRecord[][] = [];
    const { ctx } = createNodeTestContext();
    const bound = bindStepLogs(
      chatty(STEP_LOG_LIMITS.linesPerAttempt + 5),
      async (lines) => void written.push(lines),
      () => undefined,
    );
    await bound.run(input, ctx);
    expect(written[0]).toHaveLength(STEP_LOG_LIMITS.linesPerAttempt + 1);
    expect(written[0].at(-1)).toMatchObject({ level: 'warn', message: expect.stringContaining('5 more lines') });
    const errors: unknown[] = [];
    const failing = bindStepLogs(
      chatty(1),
      () => Promise.reject(new Error('db down')),
      (e) => errors.push(e),
    );
    expect((await failing.run(input, ctx)).output).toBe(1);
    expect(errors).toHaveLength(1);
  });
});

describe('boundLogLine', () => {
  it('makes lines storable: no NUL or lone surrogate, plain JSON data, bounded sizes', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    const line = boundLogLine('warn', 'a\u0000b\ud800c', { n: 1n, f: () => 1, when: new Date(0), deep: cyclic });
    expect(line.message).toBe('ab\ufffdc');
    expect(line.data).toMatchObject({ n: '1', when: '1970-01-01T00:00:00.000Z', deep: { a: 1 } });
    expect(JSON.stringify(line.data)).toContain('[nested too deep]');
    expect(boundLogLine('info', 'x'.repeat(5000), undefined).message).toHaveLength(STEP_LOG_LIMITS.messageChars);
    expect(boundLogLine('info', 'x', { big: 'y'.repeat(9000) }).data).toMatchObject({ truncated: true });
  });
});
