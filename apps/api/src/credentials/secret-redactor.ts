import type { ResolvedCredential } from '@baton/engine';
import { secretFieldsOf } from './credential-kinds';

export const REDACTED = '[redacted]';

/**
 * The secret values one node attempt has read, and every text form they commonly leak in: as
 * is, URL-encoded, base64, JSON-escaped, and a basic-auth pair's base64. Replacing the longest
 * forms first keeps a shorter secret inside a longer one from leaving a fragment behind.
 */
export class SecretRedactor {
  private forms: string[] = [];

  get isEmpty(): boolean {
    return this.forms.length === 0;
  }

  addCredential(credential: ResolvedCredential): void {
    const values = credential.values as Record<string, unknown>;
    for (const field of secretFieldsOf(credential.kind)) {
      const value = values[field];
      if (typeof value === 'string' && value) this.add(value);
    }
    if (credential.kind === 'http.basic') {
      const { username, password } = credential.values;
      this.add(Buffer.from(`${username}:${password}`).toString('base64'));
    }
  }

  private add(secret: string): void {
    const forms = [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')];
    forms.push(JSON.stringify(secret).slice(1, -1));
    const next = new Set([...this.forms, ...forms.filter((form) => form.length > 0)]);
    this.forms = [...next].sort((a, b) => b.length - a.length);
  }

  redactText(text: string): string {
    let result = text;
    for (const form of this.forms) if (result.includes(form)) result = result.split(form).join(REDACTED);
    return result;
  }

  /** A copy of a JSON-like value with every known secret replaced, in keys as well as values. */
  redact<T>(value: T): T {
    if (this.isEmpty) return value;
    return this.redactValue(value) as T;
  }

  private redactValue(value: unknown): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item));
    if (value && typeof value === 'object' && isPlainObject(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [this.redactText(key), this.redactValue(item)]),
      );
    }
    return value;
  }
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
