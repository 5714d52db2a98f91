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
  viewChild,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { GraphCanvasComponent, type NodeOverlay } from '../../shared/graph/graph-canvas.component';
import { AlertComponent } from '../../shared/ui/alert.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { SpinnerComponent } from '../../shared/ui/spinner.component';
import { NodePaletteComponent } from './node-palette.component';
import { PropertiesPanelComponent } from './properties-panel.component';
import type { HoldsUnsavedChanges } from '../unsaved-changes.guard';
import { RunInputDocument } from '../run-input-document';
import { EDITOR_SHORTCUTS, commandOf, isInField, type EditorCommand } from './editor-shortcuts';
import { WorkflowEditorStore } from './workflow-editor.store';

type SideTab = 'properties' | 'test' | 'versions';

// When the clipboard API is refused (no permission, an insecure origin), copy and paste still
// work between workflows in this tab.
let clipboardFallback: string | null = null;

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
  host: { '(document:keydown)': 'handleKey($event)' },
})
export class WorkflowEditorPage implements HoldsUnsavedChanges {
  /** Route parameter: a workflow id, or "new". */
  readonly id = input.required<string>();

  protected readonly store = inject(WorkflowEditorStore);
  private readonly router = inject(Router);
  private readonly canvas = viewChild(GraphCanvasComponent);
  protected readonly tab = signal<SideTab>('properties');
  protected readonly runInput = new RunInputDocument();
  protected readonly paletteOpen = signal(true);
  protected readonly sideOpen = signal(true);
  protected readonly helpOpen = signal(false);
  protected readonly shortcuts = EDITOR_SHORTCUTS;

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
    effect(() => {
      const workflowId = this.store.workflow()?.id ?? null;
      untracked(() => this.runInput.open(workflowId));
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

  hasUnsavedChanges(): boolean {
    return this.store.dirty();
  }

  protected selectNode(id: string | null): void {
    this.store.select(id);
    if (id) this.tab.set('properties');
  }

  protected changeSelection(ids: string[]): void {
    this.store.selectMany(ids);
    if (ids.length === 1) this.tab.set('properties');
  }

  protected tidyUp(): void {
    this.store.tidyUp();
    // The nodes move on the next render; fit the view to where they end up.
    requestAnimationFrame(() => requestAnimationFrame(() => this.canvas()?.fitToView()));
  }

  protected handleKey(event: KeyboardEvent): void {
    if (this.helpOpen()) {
      if (event.key === 'Escape' || event.key === '?') this.helpOpen.set(false);
      return;
    }
    if (this.store.isLoading() || this.store.loadError()) return;
    const command = commandOf(event, isInField(event.target));
    if (!command) return;
    event.preventDefault();
    void this.execute(command);
  }

  private async execute(command: EditorCommand): Promise<void> {
    const canvas = this.canvas();
    switch (command) {
      case 'undo':
        return this.store.undo();
      case 'redo':
        return this.store.redo();
      case 'copy':
        return writeClipboard(this.store.copySelection());
      case 'cut':
        return writeClipboard(this.store.cutSelection());
      case 'paste': {
        const text = await readClipboard();
        if (text && this.store.paste(text, canvas?.viewCentre() ?? undefined)) this.tab.set('properties');
        return;
      }
      case 'duplicate':
        return this.store.duplicateSelection();
      case 'delete':
        return this.store.removeSelected();
      case 'selectAll':
        return this.store.selectMany(this.store.graph().nodes.map((n) => n.id));
      case 'fit':
        return canvas?.fitToView();
      case 'zoomIn':
        return canvas?.zoomIn();
      case 'zoomOut':
        return canvas?.zoomOut();
      case 'resetZoom':
        return canvas?.resetZoom();
      case 'save':
        return this.save();
      case 'help':
        return this.helpOpen.set(true);
    }
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
    const value = this.runInput.read();
    if (value === undefined) this.tab.set('test');
    return value;
  }
}

async function writeClipboard(text: string | null): Promise<void> {
  if (text === null) return;
  clipboardFallback = text;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Kept in clipboardFallback for pastes in this tab.
  }
}

async function readClipboard(): Promise<string | null> {
  try {
    return await navigator.clipboard.readText();
  } catch {
    return clipboardFallback;
  }
}
