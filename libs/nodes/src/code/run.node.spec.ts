import { describe, expect, it } from '@jest/globals';
import { classifyError, runNodeForTest } from '@baton/engine';
import { codeRunNode } from './run.node.js';

const run = (code: string, data: unknown = null, inputs: Record<string, unknown> = {}) =>
  runNodeForTest(codeRunNode, data, { code, ...inputs });

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the code to fail');
    },
    (error: unknown) => classifyError(error),
  );

// Every case runs real QuickJS in a real worker thread: what is asserted is what the sandbox does.
describe('code.run', () => {
  it('calls the function with the input and outputs its JSON result; console goes to the step log', async () => {
    const { result, logs } = await run(
      `function (input) {
        console.log('items', input.items.length, { first: input.items[0] });
        console.warn('careful');
        return { total: input.items.reduce((sum, item) => sum + item.price, 0), when: new Date(0) };
      }`,
      { items: [{ price: 2 }, { price: 3.5 }] },
    );
    expect(result.output).toEqual({ total: 5.5, when: '1970-01-01T00:00:00.000Z' });
    expect(logs).toEqual([
      { level: 'info', message: 'items 2 {"first":{"price":2}}', data: undefined },
      { level: 'warn', message: 'careful', data: undefined },
    ]);
  });

  it('accepts arrow and async functions; undefined becomes null', async () => {
    expect((await run('(input) => input * 2', 21)).result.output).toBe(42);
    expect((await run('async (input) => { await null; return [input]; }', 'x')).result.output).toEqual(['x']);
    expect((await run('function () {}')).result.output).toBeNull();
  });

  it('sees no Node, network or file system', async () => {
    const { result } = await run(
      `() => [typeof require, typeof process, typeof fetch, typeof globalThis.XMLHttpRequest, typeof setTimeout, typeof WebAssembly]`,
    );
    expect(result.output).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
  });

  it('stops an endless loop at its CPU limit while this event loop keeps running', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = Date.now();
    try {
      const error = await failureOf(run('function () { while (true) {} }', null, { timeoutMs: 300 }));
      expect(error).toMatchObject({ code: 'CODE_TIMEOUT', retryable: false });
      expect(Date.now() - started).toBeLessThan(3_000);
      // The loop ran on the worker: timers here kept firing all along (≥ 10 of ~30 possible).
      expect(ticks).toBeGreaterThanOrEqual(10);
    } finally {
      clearInterval(ticker);
    }
  });

  it('stops at its memory limit and at runaway recursion', async () => {
    const memory = await failureOf(
      run(
        '() => { const parts = []; while (true) parts.push({ n: parts.length, text: "item " + parts.length }); }',
        null,
        {
          memoryLimitMb: 8,
          timeoutMs: 10_000,
        },
      ),
    );
    expect(memory).toMatchObject({ code: 'CODE_MEMORY_LIMIT', retryable: false });
    const stack = await failureOf(run('function f(n) { return f(n + 1) + 1; }', 0));
    expect(stack).toMatchObject({ code: 'CODE_STACK_OVERFLOW' });
  });

  it('names thrown errors, syntax errors and results that are not JSON', async () => {
    const thrown = await failureOf(run('function (input) {\n  throw new TypeError("no " + input);\n}', 'cake'));
    expect(thrown).toMatchObject({ code: 'CODE_THREW', retryable: false });
    expect(thrown.message).toBe('The code threw TypeError: no cake (line 2)');
    const rejected = await failureOf(run('async () => { throw new RangeError("late") }'));
    expect(rejected).toMatchObject({ code: 'CODE_THREW', message: expect.stringContaining('RangeError: late') });
    expect(await failureOf(run('function (input {'))).toMatchObject({ code: 'CODE_SYNTAX_ERROR' });
    expect(await failureOf(run('42'))).toMatchObject({ code: 'CODE_NOT_A_FUNCTION' });
    expect(await failureOf(run('() => () => 1'))).toMatchObject({ code: 'CODE_RESULT_NOT_JSON' });
    expect(await failureOf(run('() => 10n'))).toMatchObject({ code: 'CODE_RESULT_NOT_JSON' });
    expect(await failureOf(run('() => { const a = {}; a.self = a; return a; }'))).toMatchObject({
      code: 'CODE_RESULT_NOT_JSON',
    });
    expect(await failureOf(run('() => new Promise(() => {})'))).toMatchObject({ code: 'CODE_PROMISE_NEVER_SETTLED' });
  });

  it('bounds its settings', async () => {
    expect(await failureOf(run(`() => "${'x'.repeat(70_000)}"`))).toMatchObject({ code: 'CODE_TOO_LARGE' });
    expect(await failureOf(run('() => 1', null, { timeoutMs: 60_000 }))).toMatchObject({ code: 'INVALID_SETTING' });
    expect(await failureOf(run('() => 1', null, { memoryLimitMb: 4096 }))).toMatchObject({
      code: 'INVALID_SETTING',
    });
  });

  it('bounds console output per run', async () => {
    const { logs } = await run('() => { for (let i = 0; i < 500; i++) console.log("line " + "y".repeat(5000)); }');
    expect(logs).toHaveLength(201);
    expect(logs[0].message.length).toBeLessThan(4_100);
    expect(logs.at(-1)).toMatchObject({ level: 'warn', message: '300 more console lines were dropped' });
  });

  it('stops the worker when the step is cancelled', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by test');
    setTimeout(() => controller.abort(reason), 200);
    const started = Date.now();
    await expect(
      runNodeForTest(
        codeRunNode,
        null,
        { code: '() => { while (true) {} }', timeoutMs: 20_000 },
        { ctx: { signal: controller.signal } },
      ),
    ).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
