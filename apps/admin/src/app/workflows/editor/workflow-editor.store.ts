import { Injectable, computed, inject, signal } from '@angular/core';
import { BatonApi } from '../../api/generated/baton-api';
import {
  executionsControllerExecute,
  executionsControllerGet,
  executionsControllerRun,
  workflowLifecycleControllerRestore,
  workflowsControllerCreate,
  workflowsControllerGet,
  workflowsControllerUpdate,
  workflowsControllerVersions,
  workflowValidationControllerValidate,
} from '../../api/generated/functions';
import type {
  DefinitionProblemDto,
  ExecutionDto,
  WorkflowDto,
  WorkflowVersionSummaryDto,
} from '../../api/generated/models';
import { describeError, errorStatus } from '../../core/describe-error';
import { NodeCatalogueStore } from '../../core/node-catalogue.store';
import { checkConnection, type ConnectionRequest } from '../../shared/graph/check-connection';
import {
  type GraphDefinition,
  type GraphNode,
  type GraphPosition,
  readGraphDefinition,
} from '../../shared/graph/graph-definition';
import { defaultSettings } from './default-settings';

const VALIDATE_DEBOUNCE_MS = 400;

/** Test-run result shown on the canvas: each node's last step. */
export interface TestRun {
  readonly executionId: string;
  readonly status: string;
  readonly output: unknown;
  readonly error: string | null;
  readonly steps: ExecutionDto['steps'];
}

/**
 * The graph editor: the workflow being edited, its validation problems, save and version
 * history, and test runs. Provided on the editor route; the canvas only reports gestures here.
 */
@Injectable()
export class WorkflowEditorStore {
  private readonly api = inject(BatonApi);
  readonly catalogue = inject(NodeCatalogueStore);

  private readonly _workflow = signal<WorkflowDto | null>(null);
  private readonly _name = signal('Untitled workflow');
  private readonly _graph = signal<GraphDefinition>({ nodes: [], edges: [] });
  private readonly _dirty = signal(false);
  private readonly _loading = signal(false);
  private readonly _loadError = signal<string | null>(null);
  private readonly _selectedNodeId = signal<string | null>(null);
  private readonly _problems = signal<readonly DefinitionProblemDto[]>([]);
  private readonly _notice = signal<{ tone: 'info' | 'error'; text: string } | null>(null);
  private readonly _saving = signal(false);
  private readonly _versions = signal<readonly WorkflowVersionSummaryDto[]>([]);
  private readonly _testRun = signal<TestRun | null>(null);
  private readonly _running = signal(false);
  private validateTimer: ReturnType<typeof setTimeout> | undefined;
  private validationTicket = 0;

  readonly workflow = this._workflow.asReadonly();
  readonly name = this._name.asReadonly();
  readonly graph = this._graph.asReadonly();
  readonly dirty = this._dirty.asReadonly();
  readonly isLoading = this._loading.asReadonly();
  readonly loadError = this._loadError.asReadonly();
  readonly selectedNodeId = this._selectedNodeId.asReadonly();
  readonly problems = this._problems.asReadonly();
  readonly notice = this._notice.asReadonly();
  readonly isSaving = this._saving.asReadonly();
  readonly versions = this._versions.asReadonly();
  readonly lastTestRun = this._testRun.asReadonly();
  readonly isRunning = this._running.asReadonly();

  readonly selectedNode = computed(() => this._graph().nodes.find((n) => n.id === this._selectedNodeId()) ?? null);
  readonly selectedType = computed(() => {
    const node = this.selectedNode();
    return node ? (this.catalogue.byType().get(node.type) ?? null) : null;
  });
  readonly nodeProblems = computed(() => groupBy(this._problems(), 'nodeId'));
  readonly edgeProblems = computed(() => groupBy(this._problems(), 'edgeId'));
  /** Problems not tied to a node or edge (e.g. "no start node"), listed above the canvas. */
  readonly generalProblems = computed(() => this._problems().filter((p) => !p.nodeId && !p.edgeId));
  /** Each node's latest step of the last test run, by node id. */
  readonly stepsByNode = computed(() => {
    const map = new Map<string, ExecutionDto['steps'][number]>();
    for (const step of this._testRun()?.steps ?? []) map.set(step.nodeId, step);
    return map;
  });

  async load(workflowId: string | null): Promise<void> {
    this._loading.set(true);
    this._loadError.set(null);
    try {
      await this.catalogue.load();
      if (workflowId) {
        const workflow = await this.api.invoke(workflowsControllerGet, { id: workflowId });
        this.adopt(workflow);
        await this.loadVersions();
      }
      this.scheduleValidation();
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

  select(nodeId: string | null): void {
    this._selectedNodeId.set(nodeId);
  }

  dismissNotice(): void {
    this._notice.set(null);
  }

  addNode(type: string, position?: GraphPosition): void {
    const nodeType = this.catalogue.byType().get(type);
    if (!nodeType) return;
    const nodes = this._graph().nodes;
    const id = uniqueId(type, nodes);
    const at = position ?? { x: 80 + (nodes.length % 4) * 260, y: 80 + Math.floor(nodes.length / 4) * 180 };
    const node: GraphNode = { id, type, position: at, data: { inputs: defaultSettings(nodeType.settingsSchema) } };
    this.change({ ...this._graph(), nodes: [...nodes, node] });
    this._selectedNodeId.set(id);
    this._notice.set({ tone: 'info', text: `Added ${nodeType.title} (${id}).` });
  }

  moveNode(id: string, position: GraphPosition): void {
    const graph = this._graph();
    // Positions only matter for layout; no revalidation needed.
    this._graph.set({ ...graph, nodes: graph.nodes.map((n) => (n.id === id ? { ...n, position } : n)) });
    this._dirty.set(true);
  }

  /** Adds the edge, or refuses it with a message naming both types (the engine's own rule). */
  connect(request: ConnectionRequest): boolean {
    const graph = this._graph();
    const typeOf = (nodeId: string) => {
      const node = graph.nodes.find((n) => n.id === nodeId);
      return node ? this.catalogue.byType().get(node.type) : undefined;
    };
    const check = checkConnection(graph, typeOf, request);
    if (!check.ok) {
      this._notice.set({ tone: 'error', text: `Connection refused. ${check.reason}` });
      return false;
    }
    const id = uniqueEdgeId(graph);
    this.change({
      ...graph,
      edges: [
        ...graph.edges,
        {
          id,
          source: request.sourceNodeId,
          target: request.targetNodeId,
          sourceHandle: request.sourceHandle,
          targetHandle: request.targetHandle,
        },
      ],
    });
    this._notice.set({
      tone: 'info',
      text: `Connected ${request.sourceNodeId}.${request.sourceHandle} to ${request.targetNodeId}.${request.targetHandle}.`,
    });
    return true;
  }

  removeEdge(edgeId: string): void {
    const graph = this._graph();
    this.change({ ...graph, edges: graph.edges.filter((e) => e.id !== edgeId) });
  }

  removeNode(nodeId: string): void {
    const graph = this._graph();
    this.change({
      nodes: graph.nodes.filter((n) => n.id !== nodeId),
      edges: graph.edges.filter((e) => e.source !== nodeId && e.target !== nodeId),
    });
    if (this._selectedNodeId() === nodeId) this._selectedNodeId.set(null);
  }

  updateSettings(nodeId: string, inputs: Record<string, unknown>): void {
    const graph = this._graph();
    this.change({
      ...graph,
      nodes: graph.nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, inputs } } : n)),
    });
  }

  /** Saves a new version (creating the workflow the first time). Resolves the saved workflow id. */
  async save(): Promise<string | null> {
    if (this._saving()) return null;
    this._saving.set(true);
    try {
      const current = this._workflow();
      const definition = this.definition();
      const saved = current
        ? await this.api.invoke(workflowsControllerUpdate, { id: current.id, body: { name: this._name(), definition } })
        : await this.api.invoke(workflowsControllerCreate, {
            body: { name: this._name(), format: 'graph', definition },
          });
      this.adopt(saved);
      await this.loadVersions();
      this._notice.set({ tone: 'info', text: `Saved as version ${saved.currentVersion}.` });
      return saved.id;
    } catch (error) {
      this.reportRefusal('Could not save', error);
      return null;
    } finally {
      this._saving.set(false);
    }
  }

  async restore(version: number): Promise<void> {
    const current = this._workflow();
    if (!current) return;
    try {
      const restored = await this.api.invoke(workflowLifecycleControllerRestore, { id: current.id, version });
      this.adopt(restored);
      await this.loadVersions();
      this.scheduleValidation();
      this._notice.set({ tone: 'info', text: `Version ${version} restored as version ${restored.currentVersion}.` });
    } catch (error) {
      this._notice.set({ tone: 'error', text: `Could not restore version ${version}: ${describeError(error)}` });
    }
  }

  /** Runs the unsaved graph in immediate mode and keeps every node's step for the canvas. */
  async startTestRun(input: unknown): Promise<void> {
    if (this._running()) return;
    this._running.set(true);
    try {
      const started = await this.api.invoke(executionsControllerRun, {
        body: { format: 'graph', definition: this.definition(), input: input as object, mode: 'immediate' },
      });
      const execution = await this.api.invoke(executionsControllerGet, { id: started.executionId });
      this._testRun.set({
        executionId: execution.id,
        status: execution.status,
        output: execution.output,
        error: execution.cause ?? execution.error,
        steps: execution.steps,
      });
      this._notice.set({
        tone: execution.status === 'failed' ? 'error' : 'info',
        text: `Test run ${execution.status}.`,
      });
    } catch (error) {
      this.reportRefusal('Test run refused', error);
    } finally {
      this._running.set(false);
    }
  }

  /** Starts the saved workflow on the queue; the caller opens the execution's live view. */
  async runSaved(input: unknown): Promise<string | null> {
    const current = this._workflow();
    if (!current) return null;
    try {
      const started = await this.api.invoke(executionsControllerExecute, {
        id: current.id,
        body: { input: input as object, mode: 'queued' },
      });
      return started.executionId;
    } catch (error) {
      this.reportRefusal('Could not start the workflow', error);
      return null;
    }
  }

  definition(): Record<string, unknown> {
    const { nodes, edges } = this._graph();
    return { nodes: nodes.map((n) => ({ id: n.id, type: n.type, position: n.position, data: n.data })), edges };
  }

  private adopt(workflow: WorkflowDto): void {
    this._workflow.set(workflow);
    this._name.set(workflow.name);
    this._graph.set(readGraphDefinition(workflow.definition));
    this._dirty.set(false);
  }

  private async loadVersions(): Promise<void> {
    const current = this._workflow();
    if (!current) return;
    try {
      this._versions.set(
        [...(await this.api.invoke(workflowsControllerVersions, { id: current.id }))].sort(
          (a, b) => b.version - a.version,
        ),
      );
    } catch {
      // The history panel shows what it has; saving still worked.
    }
  }

  private change(graph: GraphDefinition): void {
    this._graph.set(graph);
    this._dirty.set(true);
    this.scheduleValidation();
  }

  private scheduleValidation(): void {
    clearTimeout(this.validateTimer);
    this.validateTimer = setTimeout(() => void this.validate(), VALIDATE_DEBOUNCE_MS);
  }

  private async validate(): Promise<void> {
    const ticket = ++this.validationTicket;
    try {
      const result = await this.api.invoke(workflowValidationControllerValidate, {
        body: { format: 'graph', definition: this.definition() },
      });
      if (ticket === this.validationTicket) this._problems.set(result.problems);
    } catch {
      // Validation is advisory while editing; save and run report refusals themselves.
    }
  }

  private reportRefusal(prefix: string, error: unknown): void {
    const problems = (errorStatus(error) === 400 ? problemsOf(error) : null) ?? null;
    if (problems) this._problems.set(problems);
    const detail = problems?.length
      ? `${problems.length} problem${problems.length === 1 ? '' : 's'} in the definition (shown on the canvas).`
      : describeError(error);
    this._notice.set({ tone: 'error', text: `${prefix}: ${detail}` });
  }
}

function problemsOf(error: unknown): DefinitionProblemDto[] | null {
  const body = (error as { error?: { problems?: unknown } }).error;
  return Array.isArray(body?.problems) ? (body.problems as DefinitionProblemDto[]) : null;
}

function groupBy(problems: readonly DefinitionProblemDto[], key: 'nodeId' | 'edgeId'): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const problem of problems) {
    const id = problem[key];
    if (id) (grouped[id] ??= []).push(problem.message);
  }
  return grouped;
}

function uniqueId(type: string, nodes: readonly GraphNode[]): string {
  const base = type
    .split('.')
    .pop()!
    .replace(/[^A-Za-z0-9_-]/g, '_');
  const taken = new Set(nodes.map((n) => n.id));
  let n = 1;
  while (taken.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

function uniqueEdgeId(graph: GraphDefinition): string {
  const taken = new Set(graph.edges.map((e) => e.id));
  let n = graph.edges.length + 1;
  while (taken.has(`e${n}`)) n++;
  return `e${n}`;
}
