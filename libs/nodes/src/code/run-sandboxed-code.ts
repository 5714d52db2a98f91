import { InvalidInputError, type NodeLogger, PermanentError } from '@baton/engine';
// Not 'node:worker_threads': webpack 5.112 recognises `new Worker(new URL(...))` from this specifier
// only, and with the `node:` one it emits a broken constructor call for the bundled API.
import { Worker } from 'worker_threads';

export interface SandboxLimits {
  /** CPU time the guest may use once its context is ready; QuickJS's interrupt handler enforces it. */
  timeoutMs: number;
  memoryLimitBytes: number;
  maxLogEntries: number;
  maxLogChars: number;
  maxResultChars: number;
}

// The guest's stack lives in QuickJS's heap; a fixed 512 KiB is deep enough for ordinary
// recursion and turns runaway recursion into CODE_STACK_OVERFLOW rather than a crash.
const STACK_LIMIT_BYTES = 512 * 1024;
// Starting a worker and instantiating the WebAssembly module is not the guest's CPU time. Past
// limit + this slack the worker is terminated from here, even if the guest sits in one long
// built-in call the interrupt handler cannot break into.
const WORKER_START_SLACK_MS = 5_000;

const FAILURES: Record<string, (message: string) => Error> = {
  timeout: (message) => new PermanentError(message, 'CODE_TIMEOUT'),
  memory: (message) => new PermanentError(message, 'CODE_MEMORY_LIMIT'),
  stack: (message) => new PermanentError(message, 'CODE_STACK_OVERFLOW'),
  threw: (message) => new PermanentError(`The code threw ${message}`, 'CODE_THREW'),
  syntax: (message) => new InvalidInputError(`The code does not parse: ${message}`, 'CODE_SYNTAX_ERROR'),
  'not-a-function': (message) => new InvalidInputError(message, 'CODE_NOT_A_FUNCTION'),
  'not-json': (message) => new PermanentError(message, 'CODE_RESULT_NOT_JSON'),
  'result-too-large': (message) => new PermanentError(message, 'CODE_RESULT_TOO_LARGE'),
  'never-settled': (message) => new PermanentError(message, 'CODE_PROMISE_NEVER_SETTLED'),
};

type WorkerMessage =
  | { type: 'log'; level: keyof NodeLogger; message: string }
  | { type: 'result'; json: string }
  | { type: 'failure'; kind: string; message: string };

/**
 * Runs `function (input) { ... }` source in QuickJS (WebAssembly) on a worker thread of its own and
 * answers its JSON result. The event loop of this process never runs guest code, so an endless
 * loop costs one worker until its limit, never the API's responsiveness. Console lines go to `log`.
 */
export function runSandboxedCode(
  code: string,
  input: unknown,
  limits: SandboxLimits,
  { signal, log }: { signal: AbortSignal; log: NodeLogger },
): Promise<unknown> {
  if (signal.aborted) return Promise.reject(signal.reason);
  const inputJson = JSON.stringify(input ?? null);
  return new Promise<unknown>((resolve, reject) => {
    const worker = new Worker(new URL('./quickjs-sandbox.worker.mjs', import.meta.url), {
      workerData: { code, inputJson, stackLimitBytes: STACK_LIMIT_BYTES, ...limits },
      // The guest's heap is QuickJS's WebAssembly memory, capped above; this caps the worker's own.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(backstop);
      signal.removeEventListener('abort', abort);
      void worker.terminate();
      outcome();
    };
    const backstop = setTimeout(
      () =>
        finish(() => reject(new PermanentError(`The code ran past its ${limits.timeoutMs} ms limit`, 'CODE_TIMEOUT'))),
      limits.timeoutMs + WORKER_START_SLACK_MS,
    );
    const abort = () => finish(() => reject(signal.reason));
    signal.addEventListener('abort', abort, { once: true });

    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'log') return log[message.level]?.(message.message);
      if (message.type === 'result') return finish(() => resolve(JSON.parse(message.json)));
      const failure = FAILURES[message.kind];
      finish(() =>
        reject(failure ? failure(message.message) : new PermanentError(message.message, 'CODE_SANDBOX_FAILED')),
      );
    });
    worker.on('error', (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new PermanentError('The code ran out of memory', 'CODE_MEMORY_LIMIT')
            : new PermanentError(`The code sandbox failed: ${error.message}`, 'CODE_SANDBOX_FAILED'),
        ),
      ),
    );
    worker.on('exit', (exitCode) =>
      finish(() =>
        reject(new PermanentError(`The code sandbox exited (${exitCode}) without a result`, 'CODE_SANDBOX_FAILED')),
      ),
    );
  });
}
