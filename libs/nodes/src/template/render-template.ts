import { EngineError, InvalidInputError, type NodeContext, PermanentError } from '@baton/engine';
import { Eta } from 'eta';
import { runSandboxedCode } from '../code/run-sandboxed-code.js';
import { sandboxSlots } from '../code/sandbox-slots.js';

/** Bounds of one render: the template's size, the sandbox's CPU time and memory, the result's size. */
export const TEMPLATE_LIMITS = {
  maxTemplateChars: 256 * 1024,
  timeoutMs: 2_000,
  memoryLimitBytes: 64 * 1024 * 1024,
  maxResultChars: 16 * 1024 * 1024,
} as const;

// Eta compiles a template to JavaScript; its `<% %>` tags are arbitrary code. That code never runs
// in this process: the compiled function runs in the code.run QuickJS sandbox (no Node, network or
// files, CPU and memory bounded). `include`/`layout` of other files do not exist here.
const compilers = {
  html: new Eta({ autoEscape: true, autoTrim: false, useWith: false, varName: 'it', cache: false }),
  text: new Eta({ autoEscape: false, autoTrim: false, useWith: false, varName: 'it', cache: false }),
};

// The sandbox's escape: Eta's XML escaping of & < > " ', with null and undefined as nothing.
const SANDBOX_PRELUDE = `
  const map = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  const escapeFunction = (value) => (value === null || value === undefined ? '' : String(value).replace(/[&<>"']/g, (c) => map[c]));
  const filterFunction = (value) => (value === null || value === undefined ? '' : String(value));
  const refuse = () => { throw new Error('include and layout are not available in Baton templates'); };
  const self = { config: { escapeFunction, filterFunction }, render: refuse, renderAsync: refuse };
  const options = {};
`;

/**
 * Renders an Eta template against `data` (`it` in the template): in `html` mode `<%= %>` escapes
 * HTML and only `<%~ %>` writes raw markup; in `text` mode nothing is escaped. Syntax errors are
 * INVALID_TEMPLATE (never retried); a template that throws, loops or runs out of memory fails with
 * TEMPLATE_THREW, TEMPLATE_TIMEOUT or TEMPLATE_MEMORY_LIMIT.
 */
export async function renderTemplate(
  template: unknown,
  data: unknown,
  mode: 'html' | 'text',
  ctx: Pick<NodeContext, 'signal' | 'log'>,
): Promise<string> {
  if (typeof template !== 'string' || template === '')
    throw new InvalidInputError('template must be a non-empty string', 'INVALID_TEMPLATE');
  if (template.length > TEMPLATE_LIMITS.maxTemplateChars)
    throw new InvalidInputError(
      `template is ${template.length} characters; at most ${TEMPLATE_LIMITS.maxTemplateChars}`,
      'TEMPLATE_TOO_LARGE',
    );
  let compiled: string;
  try {
    compiled = compilers[mode].compileToString(template);
  } catch (error) {
    throw new InvalidInputError(`template does not parse: ${(error as Error).message}`, 'INVALID_TEMPLATE');
  }
  const code = `function (input) {
    ${SANDBOX_PRELUDE}
    const it = input;
    return (function () { ${compiled} }).call(self);
  }`;
  const limits = {
    timeoutMs: TEMPLATE_LIMITS.timeoutMs,
    memoryLimitBytes: TEMPLATE_LIMITS.memoryLimitBytes,
    maxLogEntries: 50,
    maxLogChars: 2_000,
    maxResultChars: TEMPLATE_LIMITS.maxResultChars,
  };
  try {
    const result = await sandboxSlots.run(ctx.signal, () =>
      runSandboxedCode(code, data ?? null, limits, { signal: ctx.signal, log: ctx.log }),
    );
    return typeof result === 'string' ? result : String(result ?? '');
  } catch (error) {
    throw asTemplateError(error);
  }
}

/** The sandbox's CODE_* failures, named for templates. */
function asTemplateError(error: unknown): unknown {
  if (!(error instanceof EngineError) || !error.code.startsWith('CODE_')) return error;
  const code = error.code === 'CODE_SYNTAX_ERROR' ? 'INVALID_TEMPLATE' : error.code.replace(/^CODE_/, 'TEMPLATE_');
  const message = error.message.replace(/^The code/, 'The template');
  return error.retryable || !(error instanceof InvalidInputError)
    ? new PermanentError(message, code)
    : new InvalidInputError(message, code);
}
