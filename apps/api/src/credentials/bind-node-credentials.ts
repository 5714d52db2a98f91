import {
  type AnyNodeType,
  classifyError,
  type EngineError,
  type NodeContext,
  type NodeCredentials,
  type NodeLogger,
  type NodeResult,
} from '@baton/engine';
import type { CredentialVault } from './credential-vault';
import { SecretRedactor } from './secret-redactor';

/**
 * The node type with `ctx.credentials` bound to the vault for the running execution. Whatever the
 * attempt returns, throws or logs has the secrets it read redacted, so they never reach step rows,
 * events, history or logs (the engine persists only what `run` hands back).
 */
export function bindNodeCredentials(nodeType: AnyNodeType, vault: CredentialVault): AnyNodeType {
  return {
    ...nodeType,
    async run(input, ctx) {
      const redactor = new SecretRedactor();
      const credentials: NodeCredentials = {
        async get(id, kinds) {
          const credential = await vault.resolve(ctx.executionId, id, kinds);
          redactor.addCredential(credential);
          return credential;
        },
      };
      const bound: NodeContext = { ...ctx, credentials, log: redactingLogger(ctx.log, redactor) };
      let result: NodeResult;
      try {
        result = await nodeType.run(input, bound);
      } catch (error) {
        throw redactor.isEmpty ? error : redactError(classifyError(error), redactor);
      }
      return redactor.isEmpty ? result : redactResult(result, redactor);
    },
  };
}

function redactResult(result: NodeResult, redactor: SecretRedactor): NodeResult {
  const redacted: NodeResult = { ...result, output: redactor.redact(result?.output ?? null) };
  if (result?.iterate) redacted.iterate = { ...result.iterate, items: redactor.redact(result.iterate.items) };
  return redacted;
}

/**
 * A copy of the classified error with its message redacted and its cause dropped: a foreign cause
 * (an SMTP reply, a response body) may quote the secret and is never needed past this point.
 */
function redactError(error: EngineError, redactor: SecretRedactor): EngineError {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as EngineError;
  const message = redactor.redactText(error.message);
  // Own fields (code, retryable, details, name) with their values redacted; no `cause`.
  const fields: Record<string, unknown> = { ...Object.fromEntries(Object.entries(error)), name: error.name };
  for (const [key, value] of Object.entries(fields)) {
    Object.defineProperty(copy, key, { value: redactor.redact(value), enumerable: true, writable: true });
  }
  Object.defineProperty(copy, 'message', { value: message, writable: true, configurable: true });
  Object.defineProperty(copy, 'stack', { value: `${error.name}: ${message}`, writable: true, configurable: true });
  return copy;
}

function redactingLogger(log: NodeLogger, redactor: SecretRedactor): NodeLogger {
  const wrap =
    (level: keyof NodeLogger) =>
    (message: string, data?: unknown): void =>
      log[level](redactor.redactText(message), redactor.redact(data));
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
