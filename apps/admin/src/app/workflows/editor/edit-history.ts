import { signal } from '@angular/core';

const MAX_ENTRIES = 200;
// Keystrokes in one field (a setting, the name) within this window are one undo step, as in a
// text editor; a pause, another field or another kind of change starts a new one.
const COALESCE_MS = 1_000;

/**
 * Undo and redo over whole snapshots of what the editor edits. Snapshots are immutable values
 * (the graph is never mutated in place), so keeping one per change is a few references, not copies.
 */
export class EditHistory<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastKey: string | null = null;
  private lastAt = 0;
  private readonly _canUndo = signal(false);
  private readonly _canRedo = signal(false);
  readonly canUndo = this._canUndo.asReadonly();
  readonly canRedo = this._canRedo.asReadonly();

  /**
   * Call before applying a change, with the state it replaces. Changes with the same `key` in
   * quick succession share the snapshot taken before the first of them.
   */
  record(before: T, key: string | null = null, now = Date.now()): void {
    const coalesce = key !== null && key === this.lastKey && now - this.lastAt < COALESCE_MS;
    this.lastKey = key;
    this.lastAt = now;
    this.future = [];
    if (!coalesce) {
      this.past.push(before);
      if (this.past.length > MAX_ENTRIES) this.past.shift();
    }
    this.sync();
  }

  /** The state to go back to, given the current one (kept for redo); null when there is none. */
  undo(current: T): T | null {
    const previous = this.past.pop();
    if (previous === undefined) return null;
    this.future.push(current);
    this.lastKey = null;
    this.sync();
    return previous;
  }

  redo(current: T): T | null {
    const next = this.future.pop();
    if (next === undefined) return null;
    this.past.push(current);
    this.lastKey = null;
    this.sync();
    return next;
  }

  clear(): void {
    this.past = [];
    this.future = [];
    this.lastKey = null;
    this.sync();
  }

  private sync(): void {
    this._canUndo.set(this.past.length > 0);
    this._canRedo.set(this.future.length > 0);
  }
}
