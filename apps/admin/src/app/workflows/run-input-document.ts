import { signal } from '@angular/core';

const STORAGE_PREFIX = 'baton.runInput.';
// localStorage is small and shared by the whole origin; a larger input is kept for this visit only.
const MAX_REMEMBERED_CHARS = 100_000;
const DEFAULT_INPUT = '{\n  "name": "Ada"\n}';

/**
 * The JSON input of an editor's test runs, remembered per workflow in this browser, so coming
 * back to a workflow runs it with the document used last time.
 */
export class RunInputDocument {
  private readonly _text = signal(DEFAULT_INPUT);
  private readonly _error = signal<string | null>(null);
  private key: string | null = null;
  readonly text = this._text.asReadonly();
  readonly error = this._error.asReadonly();

  /** Switches to a workflow's remembered input; a workflow saved for the first time keeps the current text. */
  open(workflowId: string | null): void {
    const key = STORAGE_PREFIX + (workflowId ?? 'new');
    if (key === this.key) return;
    const wasNew = this.key === STORAGE_PREFIX + 'new';
    this.key = key;
    const stored = readStorage(key);
    if (stored !== null) this._text.set(stored);
    else if (wasNew) writeStorage(key, this._text());
    this._error.set(null);
  }

  edit(text: string): void {
    this._text.set(text);
    if (this.key) writeStorage(this.key, text);
  }

  /** The parsed document (an empty text is `{}`), or undefined with `error` set. */
  read(): unknown {
    try {
      const text = this._text().trim();
      const value: unknown = text ? JSON.parse(text) : {};
      this._error.set(null);
      return value;
    } catch {
      this._error.set('The input document is not valid JSON.');
      return undefined;
    }
  }
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, text: string): void {
  try {
    if (text.length <= MAX_REMEMBERED_CHARS) localStorage.setItem(key, text);
  } catch {
    // Storage full or disabled (private mode): the input still works for this visit.
  }
}
