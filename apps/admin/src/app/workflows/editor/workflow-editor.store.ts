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
import { NODE_WIDTH, layoutGraph, sizesFromTypes, withUsablePositions } from '../../shared/graph/layout-graph';
import { defaultSettings } from './default-settings';
import { EditHistory } from './edit-history';
import {
  clearOffset,
  fragmentOf,
  pasteFragment,
  readFragment,
  writeFragment,
  type GraphFragment,
} from './node-clipboard';

const VALIDATE_DEBOUNCE_MS = 400;
// New nodes go on a grid wide enough for an edge between neighbours to be read.
const NEW_NODE_COLUMN = 340;
const NEW_NODE_ROW = 200;
const PASTE_OFFSET = 40;

/** What undo and redo restore: everything the user edits, as one immutable value. */
interface EditorSnapshot {
  readonly name: string;
  readonly graph: GraphDefinition;
}

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
  private readonly _selectedNodeIds = signal<readonly string[]>([]);
  private readonly history = new EditHistory<EditorSnapshot>();
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
  readonly selectedNodeIds = this._selectedNodeIds.asReadonly();
  /** The node the properties panel shows: the selection when it is exactly one node. */
  readonly selectedNodeId = computed(() => {
    const ids = this._selectedNodeIds();
    return ids.length === 1 ? ids[0] : null;
  });
  readonly canUndo = this.history.canUndo;
  readonly canRedo = this.history.canRedo;
  readonly problems = this._problems.asReadonly();
  readonly notice = this._notice.asReadonly();
  readonly isSaving = this._saving.asReadonly();
  readonly versions = this._versions.asReadonly();
  readonly lastTestRun = this._testRun.asReadonly();
  readonly isRunning = this._running.asReadonly();

  readonly selectedNode = computed(() => this._graph().nodes.find((n) => n.id === this.selectedNodeId()) ?? null);
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
    this.history.record(this.snapshot(), 'name');
    this._name.set(name);
    this._dirty.set(true);
  }

  select(nodeId: string | null): void {
    this._selectedNodeIds.set(nodeId ? [nodeId] : []);
  }

  selectMany(nodeIds: readonly string[]): void {
    this._selectedNodeIds.set([...nodeIds]);
  }

  undo(): void {
    this.restoreSnapshot(this.history.undo(this.snapshot()));
  }

  redo(): void {
    this.restoreSnapshot(this.history.redo(this.snapshot()));
  }

  /** Lays the whole graph out left to right (the "Tidy up" action); one undo step. */
  tidyUp(): void {
    const graph = this._graph();
    this.change(layoutGraph(graph, sizesFromTypes(graph, this.catalogue.byType())));
  }

  /** The selected nodes and their inner edges as clipboard text, or null when nothing is selected. */
  copySelection(): string | null {
    const ids = this._selectedNodeIds();
    if (!ids.length) return null;
    const fragment = fragmentOf(this._graph(), ids);
    this._notice.set({ tone: 'info', text: `Copied ${describeCount(fragment.nodes.length)}.` });
    return writeFragment(fragment);
  }

  cutSelection(): string | null {
    const text = this.copySelection();
    if (text) this.removeSelected();
    return text;
  }

  /**
   * Pastes clipboard text from copySelection (this or another workflow), centred on `at` when
   * given (the middle of the view); false when the text is not nodes.
   */
  paste(text: string, at?: GraphPosition): boolean {
    const fragment = readFragment(text);
    if (!fragment?.nodes.length) return false;
    const xs = fragment.nodes.map((n) => n.position.x);
    const ys = fragment.nodes.map((n) => n.position.y);
    const offset = at
      ? {
          x: Math.round(at.x - (Math.min(...xs) + Math.max(...xs) + NODE_WIDTH) / 2),
          y: Math.round(at.y - (Math.min(...ys) + Math.max(...ys)) / 2),
        }
      : { x: PASTE_OFFSET, y: PASTE_OFFSET };
    this.insertFragment(fragment, offset);
    return true;
  }

  duplicateSelection(): void {
    const ids = this._selectedNodeIds();
    if (ids.length) this.insertFragment(fragmentOf(this._graph(), ids), { x: PASTE_OFFSET, y: PASTE_OFFSET });
  }

  removeSelected(): void {
    const ids = new Set(this._selectedNodeIds());
    if (!ids.size) return;
    const graph = this._graph();
    this.change({
      nodes: graph.nodes.filter((n) => !ids.has(n.id)),
      edges: graph.edges.filter((e) => !ids.has(e.source) && !ids.has(e.target)),
    });
    this._selectedNodeIds.set([]);
  }

  /** Gives a node a label of its own (data.label), shown on the canvas instead of its type's title. */
  renameNode(nodeId: string, label: string): void {
    const graph = this._graph();
    const trimmed = label.trim().slice(0, 200);
    this.change({
      ...graph,
      nodes: graph.nodes.map((n) => {
        if (n.id !== nodeId) return n;
        const data: GraphNode['data'] = { ...n.data, label: trimmed || undefined };
        return { ...n, data };
      }),
    });
  }

  dismissNotice(): void {
    this._notice.set(null);
  }

  addNode(type: string, position?: GraphPosition): void {
    const nodeType = this.catalogue.byType().get(type);
    if (!nodeType) return;
    const nodes = this._graph().nodes;
    const id = uniqueId(type, nodes);
    const at = position ?? {
      x: 40 + (nodes.length % 4) * NEW_NODE_COLUMN,
      y: 40 + Math.floor(nodes.length / 4) * NEW_NODE_ROW,
    };
    const node: GraphNode = { id, type, position: at, data: { inputs: defaultSettings(nodeType.settingsSchema) } };
    this.change({ ...this._graph(), nodes: [...nodes, node] });
    this._selectedNodeIds.set([id]);
    this._notice.set({ tone: 'info', text: `Added ${nodeType.title} (${id}).` });
  }

  /** One drag of one node or a selected group: one undo step. */
  moveNodes(moves: readonly { id: string; position: GraphPosition }[]): void {
    const positions = new Map(moves.map((m) => [m.id, m.position]));
    const graph = this._graph();
    if (!graph.nodes.some((n) => positions.has(n.id))) return;
    // The library may report one drag in several steps; they are one undo step.
    this.history.record(this.snapshot(), `move:${[...positions.keys()].sort().join(',')}`);
    // Positions only matter for layout; no revalidation needed.
    this._graph.set({
      ...graph,
      nodes: graph.nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)),
    });
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
    this._selectedNodeIds.update((ids) => ids.filter((id) => id !== nodeId));
  }

  updateSettings(nodeId: string, inputs: Record<string, unknown>): void {
    const graph = this._graph();
    this.change(
      { ...graph, nodes: graph.nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, inputs } } : n)) },
      `settings:${nodeId}`,
    );
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
    // Graphs posted through the API may have no usable positions; draw them laid out.
    this._graph.set(withUsablePositions(readGraphDefinition(workflow.definition), this.catalogue.byType()));
    this._dirty.set(false);
    this._selectedNodeIds.set([]);
    this.history.clear();
  }

  private snapshot(): EditorSnapshot {
    return { name: this._name(), graph: this._graph() };
  }

  private restoreSnapshot(snapshot: EditorSnapshot | null): void {
    if (!snapshot) return;
    this._name.set(snapshot.name);
    this._graph.set(snapshot.graph);
    const ids = new Set(snapshot.graph.nodes.map((n) => n.id));
    this._selectedNodeIds.update((selected) => selected.filter((id) => ids.has(id)));
    this._dirty.set(true);
    this.scheduleValidation();
  }

  private insertFragment(fragment: GraphFragment, offset: GraphPosition): void {
    const pasted = pasteFragment(this._graph(), fragment, clearOffset(this._graph(), fragment, offset));
    this.change(pasted.graph);
    this._selectedNodeIds.set(pasted.nodeIds);
    this._notice.set({ tone: 'info', text: `Pasted ${describeCount(pasted.nodeIds.length)}.` });
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

  private change(graph: GraphDefinition, coalesceKey: string | null = null): void {
    this.history.record(this.snapshot(), coalesceKey);
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

function describeCount(nodes: number): string {
  return nodes === 1 ? '1 node' : `${nodes} nodes`;
}

function uniqueEdgeId(graph: GraphDefinition): string {
  const taken = new Set(graph.edges.map((e) => e.id));
  let n = graph.edges.length + 1;
  while (taken.has(`e${n}`)) n++;
  return `e${n}`;
}
