import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output } from '@angular/core';
import type {
  CreateCredentialDto,
  CredentialDto,
  CredentialTypeDto,
  UpdateCredentialDto,
} from '../api/generated/models';
import { AlertComponent } from '../shared/ui/alert.component';
import { BadgeComponent } from '../shared/ui/badge.component';
import { SpinnerComponent } from '../shared/ui/spinner.component';
import { type CredentialField, credentialFieldsOf, toCredentialValue } from './credential-fields';

type Entry = string | boolean;
let formCount = 0;

/**
 * Create or edit one credential with fields generated from its kind's JSON Schema. Secret
 * fields are write-only: their inputs start empty and are never filled from the API; editing
 * shows whether each is set and offers to replace it. A secret left alone keeps its value.
 */
@Component({
  selector: 'baton-credential-form',
  imports: [AlertComponent, BadgeComponent, SpinnerComponent],
  templateUrl: './credential-form.component.html',
  styleUrl: './credential-form.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CredentialFormComponent {
  readonly types = input.required<readonly CredentialTypeDto[]>();
  /** The credential being edited; null for a new one. */
  readonly credential = input<CredentialDto | null>(null);
  readonly saving = input(false);
  readonly error = input<string | null>(null);
  readonly created = output<CreateCredentialDto>();
  readonly updated = output<UpdateCredentialDto>();
  readonly cancelled = output<void>();

  protected readonly kind = linkedSignal(() => this.credential()?.kind ?? this.types()[0]?.kind ?? 'secret');
  protected readonly type = computed(() => this.types().find((t) => t.kind === this.kind()) ?? null);
  protected readonly fields = computed(() => credentialFieldsOf(this.type()?.schema ?? {}));
  protected readonly name = linkedSignal(() => this.credential()?.name ?? '');
  /** Non-secret entries, as typed; seeded from the credential's values or the schema's defaults. */
  protected readonly entries = linkedSignal<Record<string, Entry>>(() =>
    initialEntries(this.fields(), this.credential()),
  );
  /** Secret entries, as typed; only ever filled by the person typing. */
  private readonly secrets = linkedSignal<Record<string, string>>(() => {
    this.fields();
    this.credential();
    return {};
  });
  /** Secret fields whose stored value the person chose to replace (edit only). */
  protected readonly replacing = linkedSignal<ReadonlySet<string>>(() => {
    this.credential();
    return new Set();
  });
  protected readonly idPrefix = `credential-form-${++formCount}`;

  /** Optional secret fields the person chose to clear (edit only). */
  protected readonly clearing = linkedSignal<ReadonlySet<string>>(() => {
    this.credential();
    return new Set();
  });

  protected isSet(key: string): boolean {
    return this.credential()?.secretsSet?.[key] === true;
  }

  /** A secret shows an input when creating, or when editing and asked to replace it. */
  protected showsSecretInput(key: string): boolean {
    return this.credential() === null || this.replacing().has(key);
  }

  protected idOf(key: string): string {
    return `${this.idPrefix}-${key}`;
  }

  protected text(key: string): string {
    const entry = this.entries()[key];
    return typeof entry === 'string' ? entry : '';
  }

  protected setEntry(key: string, value: Entry): void {
    this.entries.update((entries) => ({ ...entries, [key]: value }));
  }

  protected setSecret(key: string, value: string): void {
    this.secrets.update((secrets) => ({ ...secrets, [key]: value }));
  }

  protected replace(key: string): void {
    this.replacing.update((keys) => new Set([...keys, key]));
  }

  protected clear(key: string): void {
    this.clearing.update((keys) => new Set([...keys, key]));
  }

  protected keep(key: string): void {
    this.clearing.update((keys) => new Set([...keys].filter((k) => k !== key)));
    this.replacing.update((keys) => new Set([...keys].filter((k) => k !== key)));
    this.secrets.update(({ [key]: _dropped, ...rest }) => rest);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const editing = this.credential();
    const values: Record<string, unknown> = {};
    for (const field of this.fields()) {
      if (field.control === 'secret') {
        const secret = this.secrets()[field.key] ?? '';
        if (this.clearing().has(field.key)) values[field.key] = null;
        else if (secret !== '' && this.showsSecretInput(field.key)) values[field.key] = secret;
        continue;
      }
      const value = toCredentialValue(field, this.entries()[field.key] ?? '');
      // On edit, an emptied field is sent as null (the API clears an optional one, names a required one).
      if (value !== null) values[field.key] = value;
      else if (editing) values[field.key] = null;
    }
    const name = this.name().trim();
    if (editing) this.updated.emit({ name, values });
    else this.created.emit({ name, kind: this.kind() as CreateCredentialDto['kind'], values });
  }
}

function initialEntries(fields: readonly CredentialField[], credential: CredentialDto | null): Record<string, Entry> {
  const entries: Record<string, Entry> = {};
  for (const field of fields) {
    if (field.control === 'secret') continue;
    const stored = credential ? credential.values?.[field.key] : field.fallback;
    if (field.control === 'boolean') entries[field.key] = stored === true;
    else entries[field.key] = stored === undefined || stored === null ? '' : String(stored);
  }
  return entries;
}
