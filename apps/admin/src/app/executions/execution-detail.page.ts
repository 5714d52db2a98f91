import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AslDiagramComponent } from '../shared/asl/asl-diagram.component';
import { aslStateOfStep, statusByState } from '../shared/asl/asl-state-of-step';
import { layoutAslDiagram } from '../shared/asl/layout-asl-diagram';
import { GraphCanvasComponent, type NodeOverlay } from '../shared/graph/graph-canvas.component';
import { AlertComponent } from '../shared/ui/alert.component';
import { EmptyStateComponent } from '../shared/ui/empty-state.component';
import { ConfirmDialogService } from '../shared/ui/confirm-dialog.service';
import { SpinnerComponent } from '../shared/ui/spinner.component';
import { StepImagesComponent } from '../shared/ui/step-images.component';
import { WithoutImageDataPipe } from '../shared/ui/without-image-data.pipe';
import { ExecutionArtifactsComponent } from './execution-artifacts.component';
import { ExecutionDetailStore, type ControlAction } from './execution-detail.store';
import { LiveExecutionEvents } from './live-execution-events';
import { StepLogsComponent } from './step-logs.component';

const ALLOWED: Record<ControlAction, readonly string[]> = {
  pause: ['running', 'pending'],
  resume: ['paused'],
  cancel: ['pending', 'running', 'paused'],
  redrive: ['failed'],
  retry: ['completed', 'failed', 'cancelled'],
};

@Component({
  selector: 'baton-execution-detail-page',
  imports: [
    DatePipe,
    JsonPipe,
    RouterLink,
    AslDiagramComponent,
    GraphCanvasComponent,
    AlertComponent,
    EmptyStateComponent,
    ExecutionArtifactsComponent,
    SpinnerComponent,
    StepImagesComponent,
    StepLogsComponent,
    WithoutImageDataPipe,
  ],
  providers: [ExecutionDetailStore, LiveExecutionEvents],
  templateUrl: './execution-detail.page.html',
  styleUrl: './execution-detail.page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExecutionDetailPage {
  readonly id = input.required<string>();
  protected readonly store = inject(ExecutionDetailStore);
  private readonly router = inject(Router);
  private readonly confirm = inject(ConfirmDialogService);
  protected readonly actions: readonly ControlAction[] = ['pause', 'resume', 'cancel', 'redrive', 'retry'];

  protected readonly overlays = computed(() => {
    const overlays: Record<string, NodeOverlay> = {};
    for (const [nodeId, status] of Object.entries(this.store.statusByNode()))
      overlays[nodeId] = { status, hasOutput: status === 'completed' };
    return overlays;
  });
  protected readonly selectedNodeId = computed(() => this.store.selectedStep()?.nodeId ?? null);
  // ASL executions draw their frozen state machine; steps (`2.Map1[5]/1.Inner`) colour their state.
  protected readonly aslDiagram = computed(() => layoutAslDiagram(this.store.execution()?.definition));
  protected readonly aslStatuses = computed(() => statusByState(this.store.steps()));
  protected readonly selectedState = computed(() => {
    const step = this.store.selectedStep();
    return step ? aslStateOfStep(step.stepId) : null;
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.store.load(id));
    });
  }

  protected selectState(name: string): void {
    const step = [...this.store.steps()].reverse().find((s) => aslStateOfStep(s.stepId) === name);
    this.store.selectStep(step?.stepId ?? null);
  }

  protected allowed(action: ControlAction): boolean {
    return ALLOWED[action].includes(this.store.execution()?.status ?? '');
  }

  protected async control(action: ControlAction): Promise<void> {
    if (action === 'cancel') {
      const confirmed = await this.confirm.ask({
        title: 'Cancel this execution?',
        message:
          'Running steps are aborted and no further steps start. This cannot be undone; retry starts a new execution.',
        confirmLabel: 'Cancel execution',
        cancelLabel: 'Keep running',
      });
      if (!confirmed) return;
    }
    const newId = await this.store.control(action);
    if (newId) await this.router.navigate(['/executions', newId]);
  }
}
