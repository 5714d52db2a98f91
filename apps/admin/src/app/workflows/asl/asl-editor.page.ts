import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
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
import { AslEditorStore } from './asl-editor.store';
import { JsonCodeAreaComponent } from './json-code-area.component';
import { findStateOffset, stateOfProblemPath } from './read-json-text';

/** ASL workflows: JSON text on the left with its problems, the states drawn on the right. */
@Component({
  selector: 'baton-asl-editor-page',
  imports: [
    RouterLink,
    AslDiagramComponent,
    AlertComponent,
    EmptyStateComponent,
    SpinnerComponent,
    JsonCodeAreaComponent,
  ],
  providers: [AslEditorStore],
  templateUrl: './asl-editor.page.html',
  styleUrl: './asl-editor.page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AslEditorPage {
  /** Route parameter: a workflow id, or "new". */
  readonly id = input.required<string>();
  protected readonly store = inject(AslEditorStore);
  private readonly router = inject(Router);
  private readonly code = viewChild(JsonCodeAreaComponent);
  protected readonly selectedState = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        if (this.store.workflow()?.id !== id) void this.store.load(id === 'new' ? null : id);
      });
    });
    const warnOnLeave = (event: BeforeUnloadEvent) => {
      if (this.store.dirty()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warnOnLeave);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('beforeunload', warnOnLeave));
  }

  protected stateOf(problem: DefinitionProblemDto): string | null {
    return stateOfProblemPath(problem.path);
  }

  /** The API reports paths in its request body (`definition.States.A.Next`); the user edits the definition. */
  protected pathInDocument(problem: DefinitionProblemDto): string {
    return problem.path.replace(/^definition\.?/, '');
  }

  /** A problem click selects its state in the diagram and puts the caret on the state's key. */
  protected showProblem(problem: DefinitionProblemDto): void {
    const state = stateOfProblemPath(problem.path);
    this.selectState(state);
  }

  protected selectState(state: string | null): void {
    this.selectedState.set(state);
    if (!state) return;
    const offset = findStateOffset(this.store.text(), state);
    if (offset >= 0) this.code()?.reveal(offset);
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
    const executionId = await this.store.run({});
    if (executionId) await this.router.navigate(['/executions', executionId]);
  }
}
