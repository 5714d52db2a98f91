import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { DefinitionProblemDto } from '../../api/generated/models';
import { AslDiagramComponent } from '../../shared/asl/asl-diagram.component';
import { AlertComponent } from '../../shared/ui/alert.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { SpinnerComponent } from '../../shared/ui/spinner.component';
import type { HoldsUnsavedChanges } from '../unsaved-changes.guard';
import { RunInputDocument } from '../run-input-document';
import { AslCodeEditorComponent } from './asl-code-editor.component';
import { AslEditorStore } from './asl-editor.store';
import { stateOfProblemPath } from './read-json-text';

/** ASL workflows: JSON text on the left with its problems, the states drawn on the right. */
@Component({
  selector: 'baton-asl-editor-page',
  imports: [
    RouterLink,
    AslDiagramComponent,
    AlertComponent,
    EmptyStateComponent,
    SpinnerComponent,
    AslCodeEditorComponent,
  ],
  providers: [AslEditorStore],
  templateUrl: './asl-editor.page.html',
  styleUrl: './asl-editor.page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AslEditorPage implements HoldsUnsavedChanges {
  /** Route parameter: a workflow id, or "new". */
  readonly id = input.required<string>();
  protected readonly store = inject(AslEditorStore);
  private readonly router = inject(Router);
  private readonly code = viewChild(AslCodeEditorComponent);
  protected readonly selectedState = signal<string | null>(null);
  protected readonly runInput = new RunInputDocument();
  protected readonly runInputOpen = signal(false);
  /** The API's problems with paths in the document the user edits, for the editor's markers. */
  protected readonly documentProblems = computed(() =>
    this.store.problems().map((p) => ({ path: this.pathInDocument(p), message: p.message })),
  );

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        if (this.store.workflow()?.id !== id) void this.store.load(id === 'new' ? null : id);
      });
    });
    effect(() => {
      const workflowId = this.store.workflow()?.id ?? null;
      untracked(() => this.runInput.open(workflowId));
    });
    const warnOnLeave = (event: BeforeUnloadEvent) => {
      if (this.store.dirty()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warnOnLeave);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('beforeunload', warnOnLeave));
  }

  hasUnsavedChanges(): boolean {
    return this.store.dirty();
  }

  protected stateOf(problem: DefinitionProblemDto): string | null {
    return stateOfProblemPath(problem.path);
  }

  /** The API reports paths in its request body (`definition.States.A.Next`); the user edits the definition. */
  protected pathInDocument(problem: DefinitionProblemDto): string {
    return problem.path.replace(/^definition\.?/, '');
  }

  /** A problem click selects its state in the diagram and puts the caret where the problem is. */
  protected showProblem(problem: DefinitionProblemDto): void {
    const state = stateOfProblemPath(problem.path);
    this.selectedState.set(state);
    const code = this.code();
    if (!code?.revealPath(this.pathInDocument(problem)) && state) code?.revealState(state);
  }

  /** A diagram click (or a problem's state) puts the caret on the state's key in the text. */
  protected selectState(state: string | null): void {
    this.selectedState.set(state);
    if (state) this.code()?.revealState(state);
  }

  /** The caret moved into another state: the diagram follows it. */
  protected followCaret(state: string | null): void {
    this.selectedState.set(state);
  }

  protected showSyntaxError(offset: number): void {
    this.code()?.reveal(offset);
  }

  protected async save(): Promise<void> {
    const wasNew = this.store.workflow() === null;
    const id = await this.store.save();
    if (id && wasNew) await this.router.navigate(['/workflows', id, 'asl'], { replaceUrl: true });
  }

  protected async run(): Promise<void> {
    const input = this.runInput.read();
    if (input === undefined) {
      this.runInputOpen.set(true);
      return;
    }
    const executionId = await this.store.run(input);
    if (executionId) await this.router.navigate(['/executions', executionId]);
  }
}
