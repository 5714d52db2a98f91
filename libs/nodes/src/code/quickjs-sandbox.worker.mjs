// @ts-check
// Runs one `code.run` program inside QuickJS compiled to WebAssembly, in a worker thread of its
// own: the guest sees only what is defined below (its input, `console`, the ECMAScript built-ins),
// never Node's `require`, `process`, the network or the file system. Plain JavaScript so the same
// file runs under Jest (native ESM) and in the webpack bundle (emitted as a worker chunk).
import { parentPort, workerData } from 'node:worker_threads';
import { getQuickJS } from 'quickjs-emscripten';

/** @typedef {{ code: string, inputJson: string, timeoutMs: number, memoryLimitBytes: number, stackLimitBytes: number, maxLogEntries: number, maxLogChars: number, maxResultChars: number }} SandboxRequest */

/** @type {SandboxRequest} */
const request = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

// Formats console arguments inside the guest, so host code never walks guest objects.
const CONSOLE_PRELUDE = `(() => {
  const send = globalThis.__batonConsole;
  delete globalThis.__batonConsole;
  const show = (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return String(value.stack ? value + '\\n' + value.stack : value);
    try {
      const json = JSON.stringify(value);
      return json === undefined ? String(value) : json;
    } catch {
      return String(value);
    }
  };
  const writer = (level) => (...args) => send(level, args.map(show).join(' '));
  globalThis.console = Object.freeze({
    log: writer('info'), info: writer('info'), warn: writer('warn'), error: writer('error'), debug: writer('debug'),
  });
})();`;

let logged = 0;
let dropped = 0;

/** Says how much console output was cut, before the run's last message. */
function reportDroppedLines() {
  if (dropped) port.postMessage({ type: 'log', level: 'warn', message: `${dropped} more console lines were dropped` });
  dropped = 0;
}

/** @param {string} kind @param {string} message @param {Record<string, unknown>} [extra] */
function fail(kind, message, extra = {}) {
  reportDroppedLines();
  port.postMessage({ type: 'failure', kind, message, ...extra });
}

/** @param {string} json */
function succeed(json) {
  reportDroppedLines();
  port.postMessage({ type: 'result', json });
}

/**
 * What a guest exception means: the interrupt handler's stop, QuickJS running out of its memory
 * or stack, or an error of the user's own.
 * @param {any} dumped @param {boolean} interrupted
 */
function guestFailure(dumped, interrupted) {
  const name = typeof dumped?.name === 'string' ? dumped.name : 'Error';
  const message = typeof dumped?.message === 'string' ? dumped.message : String(dumped);
  const stack = typeof dumped?.stack === 'string' ? dumped.stack : '';
  if (interrupted) return { kind: 'timeout', message };
  if (name === 'InternalError' && /out of memory/i.test(message)) return { kind: 'memory', message };
  if (name === 'RangeError' && /stack overflow/i.test(message)) return { kind: 'stack', message };
  if (name === 'InternalError' && /stack overflow/i.test(message)) return { kind: 'stack', message };
  return { kind: 'threw', message, name, stack };
}

async function main() {
  const quickjs = await getQuickJS();
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(request.memoryLimitBytes);
  runtime.setMaxStackSize(request.stackLimitBytes);
  // The handle is not disposed on purpose: the worker exits after one run, which frees it all,
  // and a dispose after an interrupted or out-of-memory run can trip QuickJS's own assertions.
  const vm = runtime.newContext();

  const consoleFn = vm.newFunction('__batonConsole', (levelHandle, textHandle) => {
    if (logged >= request.maxLogEntries) {
      dropped++;
      return;
    }
    logged++;
    const level = vm.getString(levelHandle);
    const text = vm.getString(textHandle);
    const message =
      text.length > request.maxLogChars ? `${text.slice(0, request.maxLogChars)}… (${text.length} chars)` : text;
    port.postMessage({ type: 'log', level, message });
  });
  vm.setProp(vm.global, '__batonConsole', consoleFn);
  const prelude = vm.evalCode(CONSOLE_PRELUDE, 'baton-prelude.js');
  if (prelude.error) return fail('internal', `console set-up failed: ${JSON.stringify(vm.dump(prelude.error))}`);

  // The CPU limit counts from here, after the WebAssembly module and the context are ready.
  const deadline = Date.now() + request.timeoutMs;
  let interrupted = false;
  runtime.setInterruptHandler(() => {
    if (Date.now() < deadline) return false;
    interrupted = true;
    return true;
  });

  // The source is an expression, `function (input) { ... }` or an arrow function.
  const compiled = vm.evalCode(`(${request.code}\n)`, 'code.js');
  if (compiled.error) {
    const dumped = vm.dump(compiled.error);
    const failure = guestFailure(dumped, interrupted);
    if (failure.kind === 'threw' && failure.name === 'SyntaxError')
      return fail('syntax', `${failure.message}${firstLocation(failure.stack)}`);
    return fail(failure.kind, failure.message, failure);
  }
  if (vm.typeof(compiled.value) !== 'function')
    return fail('not-a-function', `code must evaluate to a function, not to a ${vm.typeof(compiled.value)}`);

  const parse = vm.getProp(vm.getProp(vm.global, 'JSON'), 'parse');
  const input = vm.callFunction(parse, vm.undefined, vm.newString(request.inputJson));
  if (input.error)
    return fail('internal', `input did not parse inside the sandbox: ${JSON.stringify(vm.dump(input.error))}`);

  const called = vm.callFunction(compiled.value, vm.undefined, input.value);
  if (called.error) return reportGuestError(vm.dump(called.error), interrupted);
  let value = called.value;

  // An async function's promise settles once its jobs have run; all of them must finish in time.
  let state = vm.getPromiseState(value);
  while (state.type === 'pending') {
    const jobs = runtime.executePendingJobs();
    if (jobs.error) return reportGuestError(vm.dump(jobs.error), interrupted);
    state = vm.getPromiseState(value);
    if (state.type === 'pending' && jobs.value === 0)
      return fail('never-settled', 'the returned promise never settled (the sandbox has no timers or I/O)');
  }
  if (state.type === 'rejected') return reportGuestError(vm.dump(state.error), interrupted);
  value = state.value;

  const kind = vm.typeof(value);
  if (kind === 'undefined') return succeed('null');
  if (kind === 'function' || kind === 'symbol' || kind === 'bigint')
    return fail('not-json', `the result is a ${kind}, which has no JSON form`);
  const stringify = vm.getProp(vm.getProp(vm.global, 'JSON'), 'stringify');
  const json = vm.callFunction(stringify, vm.undefined, value);
  if (json.error) {
    const failure = guestFailure(vm.dump(json.error), interrupted);
    if (failure.kind === 'threw')
      return fail('not-json', `the result is not JSON: ${failure.name}: ${failure.message}`);
    return fail(failure.kind, failure.message);
  }
  const text = vm.getString(json.value);
  if (text.length > request.maxResultChars)
    return fail(
      'result-too-large',
      `the result is ${text.length} characters of JSON; at most ${request.maxResultChars}`,
    );
  succeed(text);
}

/** @param {any} dumped @param {boolean} interrupted */
function reportGuestError(dumped, interrupted) {
  const failure = guestFailure(dumped, interrupted);
  if (failure.kind === 'threw')
    return fail('threw', `${failure.name}: ${failure.message}${firstLocation(failure.stack)}`, { name: failure.name });
  return fail(failure.kind, failure.message);
}

/** " (code.js:3)" from a QuickJS stack, so the user sees where the error came from. @param {string | undefined} stack */
function firstLocation(stack) {
  const match = /code\.js:(\d+)(?::(\d+))?/.exec(stack ?? '');
  return match ? ` (line ${match[1]})` : '';
}

main().catch((error) => {
  // QuickJS's own allocator giving up can surface as a host exception rather than a guest one.
  const message = error instanceof Error ? error.message : String(error);
  fail(/memory|out of bounds/i.test(message) ? 'memory' : 'internal', message);
});
