import { Injectable, computed, inject, signal } from '@angular/core';
import { BatonApi } from '../api/generated/baton-api';
import {
  credentialsControllerCreate,
  credentialsControllerList,
  credentialsControllerRemove,
  credentialsControllerTypes,
  credentialsControllerUpdate,
} from '../api/generated/functions';
import type {
  CreateCredentialDto,
  CredentialDto,
  CredentialTypeDto,
  UpdateCredentialDto,
} from '../api/generated/models';
import { describeError } from '../core/describe-error';
import { ConfirmDialogService } from '../shared/ui/confirm-dialog.service';
import { CredentialChoicesStore } from './credential-choices.store';

/** Which form is open: none, the new-credential form, or one credential's edit form. */
export type CredentialEditor = { readonly mode: 'create' } | { readonly mode: 'edit'; readonly id: string } | null;

/**
 * The workspace's credentials and the kinds they can be: list, create, edit, delete. Secrets go
 * out on writes only; what comes back says which secret fields are set, never their values.
 * Provided on the credentials route.
 */
@Injectable()
export class CredentialsStore {
  private readonly api = inject(BatonApi);
  private readonly confirm = inject(ConfirmDialogService);
  private readonly choices = inject(CredentialChoicesStore);

  private readonly _credentials = signal<readonly CredentialDto[]>([]);
  private readonly _types = signal<readonly CredentialTypeDto[]>([]);
  private readonly _loading = signal(true);
  private readonly _loadError = signal<string | null>(null);
  private readonly _formError = signal<string | null>(null);
  private readonly _saving = signal(false);
  private readonly _editor = signal<CredentialEditor>(null);
  private readonly _notice = signal<{ tone: 'info' | 'error'; text: string } | null>(null);

  readonly credentials = this._credentials.asReadonly();
  readonly types = this._types.asReadonly();
  readonly isLoading = this._loading.asReadonly();
  readonly loadError = this._loadError.asReadonly();
  readonly formError = this._formError.asReadonly();
  readonly isSaving = this._saving.asReadonly();
  readonly editor = this._editor.asReadonly();
  readonly notice = this._notice.asReadonly();
  readonly typeByKind = computed(() => new Map(this._types().map((type) => [type.kind as string, type])));
  readonly editing = computed(() => {
    const editor = this._editor();
    return editor?.mode === 'edit' ? (this._credentials().find((c) => c.id === editor.id) ?? null) : null;
  });

  async load(): Promise<void> {
    this._loading.set(true);
    this._loadError.set(null);
    try {
      const [types, credentials] = await Promise.all([
        this.api.invoke(credentialsControllerTypes),
        this.api.invoke(credentialsControllerList),
      ]);
      this._types.set(types);
      this._credentials.set(sortByName(credentials));
    } catch (error) {
      this._loadError.set(describeError(error));
    } finally {
      this._loading.set(false);
    }
  }

  openCreate(): void {
    this._formError.set(null);
    this._editor.set({ mode: 'create' });
  }

  openEdit(id: string): void {
    this._formError.set(null);
    this._editor.set({ mode: 'edit', id });
  }

  closeForm(): void {
    this._formError.set(null);
    this._editor.set(null);
  }

  dismissNotice(): void {
    this._notice.set(null);
  }

  async create(body: CreateCredentialDto): Promise<void> {
    await this.save(async () => {
      const created = await this.api.invoke(credentialsControllerCreate, { body });
      this._credentials.update((credentials) => sortByName([...credentials, created]));
      return `Saved the credential “${created.name}”.`;
    });
  }

  async update(id: string, body: UpdateCredentialDto): Promise<void> {
    await this.save(async () => {
      const saved = await this.api.invoke(credentialsControllerUpdate, { id, body });
      this._credentials.update((credentials) => sortByName(credentials.map((c) => (c.id === id ? saved : c))));
      return `Updated the credential “${saved.name}”.`;
    });
  }

  async remove(credential: CredentialDto): Promise<void> {
    const confirmed = await this.confirm.ask({
      title: `Delete the credential “${credential.name}”?`,
      message: 'Nodes that name it fail validation until they are given another one. This cannot be undone.',
      confirmLabel: 'Delete credential',
      tone: 'danger',
    });
    if (!confirmed) return;
    try {
      await this.api.invoke(credentialsControllerRemove, { id: credential.id });
      this._credentials.update((credentials) => credentials.filter((c) => c.id !== credential.id));
      if (this.editing()?.id === credential.id) this.closeForm();
      this.choices.invalidate();
      this._notice.set({ tone: 'info', text: `Deleted the credential “${credential.name}”.` });
    } catch (error) {
      this._notice.set({ tone: 'error', text: `Could not delete the credential: ${describeError(error)}` });
    }
  }

  /** Runs one write; on success the form closes (its secret inputs go with it) and a notice says so. */
  private async save(write: () => Promise<string>): Promise<void> {
    if (this._saving()) return;
    this._saving.set(true);
    this._formError.set(null);
    try {
      const notice = await write();
      this._editor.set(null);
      this.choices.invalidate();
      this._notice.set({ tone: 'info', text: notice });
    } catch (error) {
      this._formError.set(
        describeError(error, { 409: 'A credential with this name already exists in the workspace.' }),
      );
    } finally {
      this._saving.set(false);
    }
  }
}

function sortByName(credentials: readonly CredentialDto[]): CredentialDto[] {
  return [...credentials].sort((a, b) => a.name.localeCompare(b.name));
}
