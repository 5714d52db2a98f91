import { JsonPipe } from '@angular/common';
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
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { GraphCanvasComponent, type NodeOverlay } from '../../shared/graph/graph-canvas.component';
import { AlertComponent } from '../../shared/ui/alert.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { SpinnerComponent } from '../../shared/ui/spinner.component';
import { NodePaletteComponent } from './node-palette.component';
import { PropertiesPanelComponent } from './properties-panel.component';
import { WorkflowEditorStore } from './workflow-editor.store';

type SideTab = 'properties' | 'test' | 'versions';

@Component({
  selector: 'baton-workflow-editor-page',
  imports: [
    JsonPipe,
    RouterLink,
    GraphCanvasComponent,
    AlertComponent,
    EmptyStateComponent,
    SpinnerComponent,
    NodePaletteComponent,
    PropertiesPanelComponent,
  ],
  templateUrl: './workflow-editor.page.html',
  styleUrl: './workflow-editor.page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorkflowEditorPage {
  /** Route parameter: a workflow id, or "new". */
  readonly id = input.required<string>();

  protected readonly store = inject(WorkflowEditorStore);
  private readonly router = inject(Router);
  protected readonly tab = signal<SideTab>('properties');
  protected readonly inputText = signal('{\n  "name": "Ada"\n}');
  protected readonly inputError = signal<string | null>(null);

  protected readonly overlays = computed(() => {
    const overlays: Record<string, NodeOverlay> = {};
    const problems = this.store.nodeProblems();
    const steps = this.store.stepsByNode();
    for (const node of this.store.graph().nodes) {
      const step = steps.get(node.id);
      overlays[node.id] = {
        problems: problems[node.id] ?? [],
        status: step?.status,
        hasOutput: step?.status === 'completed',
      };
    }
    return overlays;
  });
  protected readonly selectedProblems = computed(
    () => this.store.nodeProblems()[this.store.selectedNodeId() ?? ''] ?? [],
  );
  protected readonly selectedStep = computed(() => {
    const id = this.store.selectedNodeId();
    return id ? (this.store.stepsByNode().get(id) ?? null) : null;
  });

  constructor() {
    effect(() => {
      const id = this.id();
      // After the first save the URL changes from "new" to the id; the editor already holds it.
      untracked(() => {
        if (this.store.workflow()?.id !== id) void this.store.load(id === 'new' ? null : id);
      });
    });
    // An ASL workflow opened by its plain URL (an old bookmark, the execution page) belongs in the ASL editor.
    effect(() => {
      const workflow = this.store.workflow();
      if (workflow?.format === 'asl')
        void this.router.navigate(['/workflows', workflow.id, 'asl'], { replaceUrl: true });
    });
    const warnOnLeave = (event: BeforeUnloadEvent) => {
      if (this.store.dirty()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warnOnLeave);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('beforeunload', warnOnLeave));
  }

  protected selectNode(id: string | null): void {
    this.store.select(id);
    if (id) this.tab.set('properties');
  }

  protected async save(): Promise<void> {
    const wasNew = this.store.workflow() === null;
    const id = await this.store.save();
    // Keep the URL on the saved workflow so a reload opens it, without reloading the editor.
    if (id && wasNew) await this.router.navigate(['/workflows', id], { replaceUrl: true });
  }

  protected async testRun(): Promise<void> {
    const input = this.readInput();
    if (input === undefined) return;
    this.tab.set('test');
    await this.store.startTestRun(input);
  }

  protected async run(): Promise<void> {
    const input = this.readInput();
    if (input === undefined) return;
    const executionId = await this.store.runSaved(input);
    if (executionId) await this.router.navigate(['/executions', executionId]);
  }

  private readInput(): unknown {
    try {
      const text = this.inputText().trim();
      const value: unknown = text ? JSON.parse(text) : {};
      this.inputError.set(null);
      return value;
    } catch {
      this.inputError.set('The input document is not valid JSON.');
      this.tab.set('test');
      return undefined;
    }
  }
}
