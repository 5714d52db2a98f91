import { Injectable, inject, signal } from '@angular/core';
import { BatonApi } from '../api/generated/baton-api';
import { credentialsControllerList } from '../api/generated/functions';
import type { CredentialDto } from '../api/generated/models';
import { describeError } from '../core/describe-error';

/** A credential as a picker offers it: id, name and kind (all any role may read). */
export type CredentialChoice = Pick<CredentialDto, 'id' | 'name' | 'kind'>;

/**
 * The credentials a node's picker can offer, read once per session and again after the
 * credentials page changed them. Root-provided: the editor and the credentials page share it.
 */
@Injectable({ providedIn: 'root' })
export class CredentialChoicesStore {
  private readonly api = inject(BatonApi);
  private readonly _choices = signal<readonly CredentialChoice[]>([]);
  private readonly _error = signal<string | null>(null);
  private loaded: Promise<void> | null = null;

  readonly choices = this._choices.asReadonly();
  readonly error = this._error.asReadonly();

  load(): Promise<void> {
    this.loaded ??= this.fetch();
    return this.loaded;
  }

  /** The next load reads the list again. */
  invalidate(): void {
    this.loaded = null;
  }

  private async fetch(): Promise<void> {
    this._error.set(null);
    try {
      const credentials = await this.api.invoke(credentialsControllerList);
      // Only what a picker needs is kept, whatever else the caller's role lets the API return.
      this._choices.set(
        credentials.map(({ id, name, kind }) => ({ id, name, kind })).sort((a, b) => a.name.localeCompare(b.name)),
      );
    } catch (error) {
      this._error.set(describeError(error));
      this.loaded = null;
    }
  }
}
