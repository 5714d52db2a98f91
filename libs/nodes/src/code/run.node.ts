import { InvalidInputError, type NodeType } from '@baton/engine';
import { runSandboxedCode } from './run-sandboxed-code.js';
import { sandboxSlots } from './sandbox-slots.js';

interface CodeRunSettings {
  code: string;
  timeoutMs: number;
  memoryLimitMb: number;
}

/** Bounds of the settings: one program is a function, not a bundle; limits stay within a worker's means. */
export const CODE_RUN_LIMITS = {
  maxCodeChars: 64 * 1024,
  maxTimeoutMs: 30_000,
  maxMemoryLimitMb: 256,
  maxLogEntries: 200,
  maxLogChars: 4_000,
  maxResultChars: 4 * 1024 * 1024,
} as const;

/** Runs user JavaScript in a QuickJS WebAssembly sandbox with memory and CPU time limits. */
export const codeRunNode: NodeType<CodeRunSettings> = {
  type: 'code.run',
  version: 1,
  title: 'Run code',
  group: 'data',
  description:
    'Runs `function (input) { ... }` in a sandbox (no Node, network or files) and outputs its JSON result; console output goes to the step log.',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [{ name: 'out', dataType: 'any' }],
  settingsSchema: {
    type: 'object',
    properties: {
      code: {
        type: 'string',
        format: 'javascript',
        description: `A function expression, e.g. \`function (input) { return input.items.length; }\` (async allowed; at most ${CODE_RUN_LIMITS.maxCodeChars} characters).`,
      },
      timeoutMs: {
        type: 'integer',
        minimum: 1,
        default: 1_000,
        description: `CPU time limit, at most ${CODE_RUN_LIMITS.maxTimeoutMs} ms.`,
      },
      memoryLimitMb: {
        type: 'integer',
        minimum: 1,
        default: 32,
        description: `Heap limit of the sandbox, at most ${CODE_RUN_LIMITS.maxMemoryLimitMb} MiB.`,
      },
    },
    required: ['code'],
  },
  outputSchema: { description: 'Whatever the function returns (JSON; `undefined` becomes null).' },
  canStart: false,
  // Pure computation over its input: a replay computes the same thing and touches nothing outside.
  replaySafe: true,
  traits: { estimatedDurationMs: 50 },
  async run({ data, settings }, ctx) {
    const code = checkedCode(settings.code);
    const timeoutMs = boundedInteger('timeoutMs', settings.timeoutMs ?? 1_000, CODE_RUN_LIMITS.maxTimeoutMs);
    const memoryLimitMb = boundedInteger(
      'memoryLimitMb',
      settings.memoryLimitMb ?? 32,
      CODE_RUN_LIMITS.maxMemoryLimitMb,
    );
    const limits = {
      timeoutMs,
      memoryLimitBytes: memoryLimitMb * 1024 * 1024,
      maxLogEntries: CODE_RUN_LIMITS.maxLogEntries,
      maxLogChars: CODE_RUN_LIMITS.maxLogChars,
      maxResultChars: CODE_RUN_LIMITS.maxResultChars,
    };
    const output = await sandboxSlots.run(ctx.signal, () =>
      runSandboxedCode(code, data, limits, { signal: ctx.signal, log: ctx.log }),
    );
    return { output };
  },
};

function checkedCode(code: unknown): string {
  if (typeof code !== 'string' || code.trim() === '')
    throw new InvalidInputError('code must be a function expression', 'CODE_MISSING');
  if (code.length > CODE_RUN_LIMITS.maxCodeChars)
    throw new InvalidInputError(
      `code is ${code.length} characters; at most ${CODE_RUN_LIMITS.maxCodeChars}`,
      'CODE_TOO_LARGE',
    );
  return code;
}

function boundedInteger(name: string, value: unknown, max: number): number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max)
    throw new InvalidInputError(`${name} must be an integer between 1 and ${max}`, 'INVALID_SETTING');
  return value as number;
}
