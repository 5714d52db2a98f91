import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { CredentialPickerComponent } from '../../credentials/credential-picker.component';

interface SchemaProperty {
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly description?: string;
  readonly minimum?: number;
}

type FieldKind = 'expression' | 'template' | 'text' | 'select' | 'number' | 'boolean' | 'json' | 'credential';

interface Field {
  readonly key: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly description: string;
  readonly options: readonly string[];
  readonly minimum: number | null;
}

/**
 * A form generated from a node type's settings JSON Schema. Strings accept `{{ expression }}`
 * templates; `format: "jsonata"` strings are expressions the node evaluates itself; objects and
 * arrays are edited as JSON. Every change emits the whole settings object.
 */
@Component({
  selector: 'baton-settings-form',
  imports: [CredentialPickerComponent],
  template: `
    @for (field of fields(); track field.key) {
      <div class="field">
        <label [for]="idOf(field.key)">
          {{ field.key }}
          @if (field.required) {
            <span class="required" aria-hidden="true">*</span>
          }
          @if (field.kind === 'expression') {
            <span class="kind">JSONata expression</span>
          } @else if (field.kind === 'template') {
            <span class="kind">Eta template</span>
          }
        </label>
        @switch (field.kind) {
          @case ('select') {
            <select
              [id]="idOf(field.key)"
              [value]="text(field.key)"
              (change)="setValue(field.key, $any($event.target).value)"
            >
              @for (option of field.options; track option) {
                <option [value]="option" [selected]="text(field.key) === option">{{ option }}</option>
              }
            </select>
          }
          @case ('credential') {
            <baton-credential-picker
              [inputId]="idOf(field.key)"
              [kinds]="credentialKinds()"
              [value]="text(field.key)"
              (valueChange)="setValue(field.key, $event)"
            />
          }
          @case ('boolean') {
            <input
              type="checkbox"
              [id]="idOf(field.key)"
              [checked]="value()[field.key] === true"
              (change)="setValue(field.key, $any($event.target).checked)"
            />
          }
          @case ('number') {
            <input
              type="number"
              [id]="idOf(field.key)"
              [min]="field.minimum"
              [value]="text(field.key)"
              (input)="setNumber(field.key, $any($event.target).value)"
            />
          }
          @case ('json') {
            <textarea
              class="code"
              rows="3"
              [id]="idOf(field.key)"
              [value]="json(field.key)"
              (change)="setJson(field.key, $any($event.target).value)"
              [attr.aria-invalid]="jsonErrors()[field.key] ? true : null"
            ></textarea>
          }
          @case ('template') {
            <!-- A document the node renders itself (template.html): several lines, {{ }} left as text. -->
            <textarea
              class="code"
              rows="8"
              [id]="idOf(field.key)"
              [value]="text(field.key)"
              (input)="setValue(field.key, $any($event.target).value)"
            ></textarea>
          }
          @case ('expression') {
            <textarea
              class="code"
              rows="2"
              [id]="idOf(field.key)"
              [value]="text(field.key)"
              (input)="setValue(field.key, $any($event.target).value)"
            ></textarea>
          }
          @default {
            <input
              type="text"
              class="code"
              [id]="idOf(field.key)"
              [value]="text(field.key)"
              (input)="setValue(field.key, $any($event.target).value)"
            />
          }
        }
        @if (jsonErrors()[field.key]; as problem) {
          <p class="field-error" role="alert">{{ problem }}</p>
        } @else if (field.kind !== 'credential' && (field.description || field.kind === 'text')) {
          <p class="hint">{{ field.description }}{{ field.kind === 'text' ? templateHint : '' }}</p>
        }
      </div>
    } @empty {
      <p class="hint">This node type has no settings.</p>
    }
  `,
  styles: `
    .field {
      display: grid;
      gap: 4px;
      margin-bottom: var(--space-3);
    }
    label {
      font-size: var(--text-sm);
      font-weight: 600;
    }
    .required {
      color: var(--danger-text);
    }
    .kind {
      margin-left: var(--space-2);
      color: var(--accent-text);
      font-size: var(--text-xs);
      font-weight: 500;
    }
    .code {
      font-family: ui-monospace, monospace;
      font-size: var(--text-sm);
    }
    .hint {
      margin: 0;
      color: var(--text-muted);
      font-size: var(--text-xs);
    }
    .field-error {
      margin: 0;
      color: var(--danger-text);
      font-size: var(--text-xs);
    }
    input[type='checkbox'] {
      justify-self: start;
      width: auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsFormComponent {
  readonly schema = input.required<Readonly<Record<string, unknown>>>();
  readonly value = input.required<Readonly<Record<string, unknown>>>();
  /** Prefix for element ids, so two forms never share one. */
  readonly idPrefix = input('setting');
  /** Credential kinds the node type's `credentialId` setting accepts (its picker offers only these). */
  readonly credentialKinds = input<readonly string[]>([]);
  readonly valueChange = output<Record<string, unknown>>();

  protected readonly templateHint = ' Templates like {{ $.input.name }} are evaluated.';
  protected readonly jsonErrors = signal<Record<string, string>>({});

  protected readonly fields = computed<Field[]>(() => {
    const schema = this.schema();
    const properties = (schema['properties'] ?? {}) as Record<string, SchemaProperty>;
    const required = new Set((schema['required'] as string[] | undefined) ?? []);
    return Object.entries(properties).map(([key, property]) => ({
      key,
      kind: kindOf(property),
      required: required.has(key),
      description: property.description ?? '',
      options: (property.enum ?? []).map(String),
      minimum: property.minimum ?? null,
    }));
  });

  protected idOf(key: string): string {
    return `${this.idPrefix()}-${key}`;
  }

  protected text(key: string): string {
    const value = this.value()[key];
    return value === undefined || value === null ? '' : String(value);
  }

  protected json(key: string): string {
    const value = this.value()[key];
    return value === undefined ? '' : JSON.stringify(value, null, 2);
  }

  protected setValue(key: string, value: unknown): void {
    const next = { ...this.value() };
    if (value === '') delete next[key];
    else next[key] = value;
    this.valueChange.emit(next);
  }

  protected setNumber(key: string, raw: string): void {
    this.setValue(key, raw === '' ? '' : Number(raw));
  }

  protected setJson(key: string, raw: string): void {
    if (raw.trim() === '') {
      this.clearJsonError(key);
      this.setValue(key, '');
      return;
    }
    try {
      const parsed: unknown = JSON.parse(raw);
      this.clearJsonError(key);
      this.setValue(key, parsed);
    } catch {
      this.jsonErrors.update((errors) => ({ ...errors, [key]: 'Not valid JSON; the previous value is kept.' }));
    }
  }

  private clearJsonError(key: string): void {
    this.jsonErrors.update(({ [key]: _removed, ...rest }) => rest);
  }
}

function kindOf(property: SchemaProperty): FieldKind {
  if (property.enum?.length) return 'select';
  switch (property.type) {
    case 'boolean':
      return 'boolean';
    case 'number':
    case 'integer':
      return 'number';
    case 'object':
    case 'array':
      return 'json';
    default:
      if (property.format === 'credential') return 'credential';
      if (property.format === 'template') return 'template';
      return property.format === 'jsonata' ? 'expression' : 'text';
  }
}
