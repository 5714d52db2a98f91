import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { BatonApi } from '../api/generated/baton-api';
import {
  executionsControllerCancel,
  executionsControllerGet,
  executionsControllerLogs,
  executionsControllerPause,
  executionsControllerRedrive,
  executionsControllerResume,
  executionsControllerRetry,
} from '../api/generated/functions';
import type { ExecutionDto, ExecutionLogEntryDto, ExecutionStepDto } from '../api/generated/models';
import { describeError } from '../core/describe-error';
import { NodeCatalogueStore } from '../core/node-catalogue.store';
import { type GraphDefinition, readGraphDefinition } from '../shared/graph/graph-definition';
import { withUsablePositions } from '../shared/graph/layout-graph';
import { LiveExecutionEvents, type LiveExecutionEvent } from './live-execution-events';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const POLL_MS = 2_000;
const REFRESH_DEBOUNCE_MS = 150;
const STEP_STATUS_BY_EVENT: Record<string, ExecutionStepDto['status']> = {
  step_started: 'running',
  step_completed: 'completed',
  step_failed: 'failed',
  step_retrying: 'retrying',
};
const EXECUTION_STATUS_BY_EVENT: Record<string, ExecutionDto['status']> = {
  started: 'running',
  paused: 'paused',
  resumed: 'running',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
};

export type ControlAction = 'pause' | 'resume' | 'cancel' | 'redrive' | 'retry';

/**
 * One execution, live: statuses change as the gateway's events arrive (applied in sequence
 * order, duplicates dropped), then the record and its logs are re-read for outputs and timings.
 * Without the gateway it polls. Provided on the execution detail route.
 */
@Injectable()
export class ExecutionDetailStore {
  private readonly api = inject(BatonApi);
  private readonly live = inject(LiveExecutionEvents);
  readonly catalogue = inject(NodeCatalogueStore);

  private readonly _execution = signal<ExecutionDto | null>(null);
  private readonly _graph = signal<GraphDefinition>({ nodes: [], edges: [] });
  private readonly _logs = signal<readonly ExecutionLogEntryDto[]>([]);
  private readonly _loadError = signal<string | null>(null);
  private readonly _actionError = signal<string | null>(null);
  private readonly _busy = signal<ControlAction | null>(null);
  private readonly _selectedStepId = signal<string | null>(null);
  private lastSequence = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setInterval> | undefined;

  readonly execution = this._execution.asReadonly();
  readonly graph = this._graph.asReadonly();
  readonly logs = this._logs.asReadonly();
  readonly loadError = this._loadError.asReadonly();
  readonly actionError = this._actionError.asReadonly();
  readonly busy = this._busy.asReadonly();
  readonly liveMode = this.live.mode;
  readonly isTerminal = computed(() => TERMINAL.has(this._execution()?.status ?? ''));
  readonly steps = computed(() =>
    [...(this._execution()?.steps ?? [])].sort((a, b) =>
      (a.startedAt ?? '\uffff').localeCompare(b.startedAt ?? '\uffff'),
    ),
  );
  readonly selectedStep = computed(() => this.steps().find((s) => s.stepId === this._selectedStepId()) ?? null);
  readonly selectedLogs = computed(() => this._logs().filter((l) => l.stepId === this._selectedStepId()));
  /** Each node's latest step (loops run a node several times). */
  readonly statusByNode = computed(() => {
    const statuses: Record<string, string> = {};
    for (const step of this.steps()) statuses[step.nodeId] = step.status;
    return statuses;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      clearTimeout(this.refreshTimer);
      clearInterval(this.pollTimer);
    });
  }

  async load(id: string): Promise<void> {
    this._loadError.set(null);
    this._execution.set(null);
    this.lastSequence = 0;
    try {
      // Events first, then the record: the record is then at least as new as the last event read.
      // The other order showed a run that ended between the two reads as running for good (the
      // live stream starts after the last event read, so its end never came again).
      await Promise.all([this.refreshLogs(id), this.catalogue.load()]);
      const execution = await this.api.invoke(executionsControllerGet, { id });
      this._execution.set(execution);
      this.loadGraph(execution);
      this.live.connect(
        () => ({ executionId: id, afterSequence: this.lastSequence }),
        (event) => this.apply(event),
      );
      this.pollTimer = setInterval(() => {
        if (this.live.mode() !== 'live' && !this.isTerminal()) void this.refresh();
      }, POLL_MS);
    } catch (error) {
      this._loadError.set(describeError(error, { 404: 'This execution does not exist in your workspace.' }));
    }
  }

  selectStep(stepId: string | null): void {
    this._selectedStepId.set(stepId);
  }

  selectNode(nodeId: string | null): void {
    const step = [...this.steps()].reverse().find((s) => s.nodeId === nodeId);
    this._selectedStepId.set(step?.stepId ?? null);
  }

  /** Runs a control action; retry resolves the new execution's id for the page to open. */
  async control(action: ControlAction): Promise<string | null> {
    const execution = this._execution();
    if (!execution || this._busy()) return null;
    this._busy.set(action);
    this._actionError.set(null);
    try {
      const id = execution.id;
      if (action === 'retry') return (await this.api.invoke(executionsControllerRetry, { id })).executionId;
      const call = {
        pause: executionsControllerPause,
        resume: executionsControllerResume,
        cancel: executionsControllerCancel,
        redrive: executionsControllerRedrive,
      }[action];
      this._execution.set(await this.api.invoke(call, { id }));
      return null;
    } catch (error) {
      this._actionError.set(`Could not ${action}: ${describeError(error)}`);
      return null;
    } finally {
      this._busy.set(null);
    }
  }

  private apply(event: LiveExecutionEvent): void {
    const execution = this._execution();
    if (!execution || event.executionId !== execution.id || event.sequence <= this.lastSequence) return;
    this.lastSequence = event.sequence;
    const stepStatus = STEP_STATUS_BY_EVENT[event.type];
    const status = EXECUTION_STATUS_BY_EVENT[event.type] ?? execution.status;
    let steps = execution.steps;
    if (stepStatus && event.stepId) {
      const known = steps.some((s) => s.stepId === event.stepId);
      steps = known
        ? steps.map((s) =>
            s.stepId === event.stepId ? { ...s, status: stepStatus, attempt: event.attempt ?? s.attempt } : s,
          )
        : [...steps, provisionalStep(event, stepStatus)];
    }
    this._execution.set({ ...execution, status, steps });
    this._logs.update((logs) => [...logs, event]);
    // Outputs, errors and timings come with the record: re-read it once the burst settles.
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_DEBOUNCE_MS);
  }

  private async refresh(): Promise<void> {
    const current = this._execution();
    if (!current) return;
    try {
      const execution = await this.api.invoke(executionsControllerGet, { id: current.id });
      this._execution.set(execution);
      await this.refreshLogs(current.id);
    } catch {
      // The next event or poll tries again; the page keeps what it has.
    }
  }

  private async refreshLogs(id: string): Promise<void> {
    const logs = await this.api.invoke(executionsControllerLogs, { id });
    this._logs.set(logs);
    this.lastSequence = Math.max(this.lastSequence, ...logs.map((l) => l.sequence));
  }

  private loadGraph(execution: ExecutionDto): void {
    // The execution carries the definition it froze at start: the diagram is the version that
    // ran, even if the workflow was edited or deleted since.
    const graph = execution.format === 'graph' ? readGraphDefinition(execution.definition) : null;
    if (graph && graph.nodes.length) {
      this._graph.set(withUsablePositions(graph, this.catalogue.byType()));
      return;
    }
    // ASL (no graph to draw here yet): the steps in the order they started, in a row.
    const nodeIds = [...new Set(execution.steps.map((s) => s.nodeId))];
    this._graph.set({
      nodes: nodeIds.map((id, i) => ({ id, type: id, position: { x: 40 + i * 260, y: 80 }, data: { inputs: {} } })),
      edges: [],
    });
  }
}

function provisionalStep(event: LiveExecutionEvent, status: ExecutionStepDto['status']): ExecutionStepDto {
  const stepId = event.stepId!;
  return {
    stepId,
    nodeId: stepId.slice(stepId.lastIndexOf('.') + 1),
    status,
    attempt: event.attempt ?? 1,
    startedAt: event.timestamp,
    endedAt: null,
    durationMs: null,
    handles: null,
  };
}
