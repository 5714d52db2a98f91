import { Injectable, computed, inject, signal } from '@angular/core';
import { BatonApi } from '../../api/generated/baton-api';
import {
  executionsControllerExecute,
  workflowsControllerCreate,
  workflowsControllerGet,
  workflowsControllerUpdate,
  workflowValidationControllerValidate,
} from '../../api/generated/functions';
import type { DefinitionProblemDto, WorkflowDto } from '../../api/generated/models';
import { describeError, errorStatus } from '../../core/describe-error';
import { layoutAslDiagram } from '../../shared/asl/layout-asl-diagram';
import { readJsonText, type JsonSyntaxError } from './read-json-text';

const VALIDATE_DEBOUNCE_MS = 400;

const NEW_MACHINE = {
  Comment: 'A new state machine',
  StartAt: 'Hello',
  States: { Hello: { Type: 'Pass', Result: { hello: 'world' }, Next: 'Done' }, Done: { Type: 'Succeed' } },
};

/**
 * The ASL editor: the definition as text, its JSON syntax error or the API's validation problems
 * (debounced, stale answers dropped), the last parseable definition for the diagram, save (a new
 * version) and run. Provided on the ASL editor route.
 */
@Injectable()
export class AslEditorStore {
  private readonly api = inject(BatonApi);

  private readonly _workflow = signal<WorkflowDto | null>(null);
  private readonly _name = signal('Untitled state machine');
  private readonly _text = signal('');
  private readonly _parsed = signal<unknown>(null);
  private readonly _syntaxError = signal<JsonSyntaxError | null>(null);
  private readonly _problems = signal<readonly DefinitionProblemDto[]>([]);
  private readonly _validating = signal(false);
  private readonly _dirty = signal(false);
  private readonly _loading = signal(false);
  private readonly _loadError = signal<string | null>(null);
  private readonly _saving = signal(false);
  private readonly _notice = signal<{ tone: 'info' | 'error'; text: string } | null>(null);
  private validateTimer: ReturnType<typeof setTimeout> | undefined;
  private validationTicket = 0;

  readonly workflow = this._workflow.asReadonly();
  readonly name = this._name.asReadonly();
  readonly text = this._text.asReadonly();
  readonly syntaxError = this._syntaxError.asReadonly();
  readonly problems = this._problems.asReadonly();
  readonly isValidating = this._validating.asReadonly();
  readonly dirty = this._dirty.asReadonly();
  readonly isLoading = this._loading.asReadonly();
  readonly loadError = this._loadError.asReadonly();
  readonly isSaving = this._saving.asReadonly();
  readonly notice = this._notice.asReadonly();
  /** Drawn from the last text that parsed, so a typo mid-edit does not blank the diagram. */
  readonly diagram = computed(() => layoutAslDiagram(this._parsed()));

  async load(workflowId: string | null): Promise<void> {
    this._loading.set(true);
    this._loadError.set(null);
    try {
      if (workflowId) this.adopt(await this.api.invoke(workflowsControllerGet, { id: workflowId }));
      else this.setText(JSON.stringify(NEW_MACHINE, null, 2), false);
    } catch (error) {
      this._loadError.set(describeError(error, { 404: 'This workflow does not exist or was deleted.' }));
    } finally {
      this._loading.set(false);
    }
  }

  rename(name: string): void {
    this._name.set(name);
    this._dirty.set(true);
  }

  edit(text: string): void {
    this.setText(text, true);
  }

  dismissNotice(): void {
    this._notice.set(null);
  }

  /** Saves a new version (creating the workflow the first time); resolves its id. */
  async save(): Promise<string | null> {
    if (this._saving()) return null;
    const read = readJsonText(this._text());
    if (!read.ok) {
      this._notice.set({
        tone: 'error',
        text: `Not saved: the text is not valid JSON (line ${read.error.line}, column ${read.error.column}).`,
      });
      return null;
    }
    this._saving.set(true);
    try {
      const current = this._workflow();
      const definition = read.value as Record<string, unknown>;
      const saved = current
        ? await this.api.invoke(workflowsControllerUpdate, { id: current.id, body: { name: this._name(), definition } })
        : await this.api.invoke(workflowsControllerCreate, { body: { name: this._name(), format: 'asl', definition } });
      this._workflow.set(saved);
      this._dirty.set(false);
      this._notice.set({ tone: 'info', text: `Saved as version ${saved.currentVersion}.` });
      return saved.id;
    } catch (error) {
      const problems = errorStatus(error) === 400 ? problemsOf(error) : null;
      if (problems) this._problems.set(problems);
      const detail = problems?.length
        ? `${problems.length} problem${problems.length === 1 ? '' : 's'} in the definition (listed beside the editor).`
        : describeError(error);
      this._notice.set({ tone: 'error', text: `Could not save: ${detail}` });
      return null;
    } finally {
      this._saving.set(false);
    }
  }

  /** Starts the saved version on the queue; the caller opens the execution's live view. */
  async run(input: unknown): Promise<string | null> {
    const current = this._workflow();
    if (!current) return null;
    try {
      return (
        await this.api.invoke(executionsControllerExecute, {
          id: current.id,
          body: { input: input as object, mode: 'queued' },
        })
      ).executionId;
    } catch (error) {
      this._notice.set({ tone: 'error', text: `Could not start the workflow: ${describeError(error)}` });
      return null;
    }
  }

  private adopt(workflow: WorkflowDto): void {
    this._workflow.set(workflow);
    this._name.set(workflow.name);
    this.setText(JSON.stringify(workflow.definition, null, 2), false);
  }

  private setText(text: string, dirty: boolean): void {
    this._text.set(text);
    if (dirty) this._dirty.set(true);
    const read = readJsonText(text);
    clearTimeout(this.validateTimer);
    if (!read.ok) {
      // Schema problems of the previous text would point at lines that moved; show only the syntax error.
      this.validationTicket++;
      this._syntaxError.set(read.error);
      this._problems.set([]);
      this._validating.set(false);
      return;
    }
    this._syntaxError.set(null);
    this._parsed.set(read.value);
    this._validating.set(true);
    this.validateTimer = setTimeout(() => void this.validate(read.value), VALIDATE_DEBOUNCE_MS);
  }

  private async validate(definition: unknown): Promise<void> {
    const ticket = ++this.validationTicket;
    try {
      const result = await this.api.invoke(workflowValidationControllerValidate, {
        body: { format: 'asl', definition: definition as Record<string, unknown> },
      });
      if (ticket === this.validationTicket) this._problems.set(result.problems);
    } catch (error) {
      // A body that is not even an object is refused with 400 and its problems; anything else is
      // advisory while editing (save reports refusals itself).
      const problems = problemsOf(error);
      if (ticket === this.validationTicket && problems) this._problems.set(problems);
    } finally {
      if (ticket === this.validationTicket) this._validating.set(false);
    }
  }
}

function problemsOf(error: unknown): DefinitionProblemDto[] | null {
  const body = (error as { error?: { problems?: unknown } }).error;
  return Array.isArray(body?.problems) ? (body.problems as DefinitionProblemDto[]) : null;
}
