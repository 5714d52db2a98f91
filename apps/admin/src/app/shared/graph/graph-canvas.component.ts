import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  ViewEncapsulation,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import {
  FCanvasComponent,
  type FCanvasChangeEvent,
  type FCreateConnectionEvent,
  type FCreateNodeEvent,
  FFlowComponent,
  FFlowModule,
  type FMoveNodesEvent,
  type FSelectionChangeEvent,
  type FTriggerEvent,
  FZoomDirective,
  isOnFlowBackground,
  provideFFlow,
  withControlScheme,
} from '@foblex/flow';
import type { NodeTypeDto } from '../../api/generated/models/node-type-dto';
import {
  ERROR_HANDLE,
  type GraphDefinition,
  type GraphNode,
  type GraphPosition,
  inputConnectorId,
  outputConnectorId,
  parseConnectorId,
} from './graph-definition';
import type { ConnectionRequest } from './check-connection';
import { groupIcon, summarizeNode } from './summarize-node';

/** Grid the nodes snap to when dropped, and the dot spacing drawn on the canvas. */
export const GRID_SIZE = 20;
const FIT_PADDING = { x: 48, y: 48 };

// Shift or Ctrl/Cmd adds a node to the selection; Shift-drag on the empty canvas draws a
// selection box; the wheel pans and Ctrl/Cmd+wheel (or a pinch) zooms, as in n8n and Figma.
const addsToSelection = (event: FTriggerEvent) =>
  event.shiftKey || ('ctrlKey' in event && (event.ctrlKey || event.metaKey));
const startsSelectionBox = (event: FTriggerEvent) => event.shiftKey && isOnFlowBackground(event);

/** What the canvas shows on one node besides its type: live status, problems, last output. */
export interface NodeOverlay {
  readonly status?: string;
  readonly problems?: readonly string[];
  readonly hasOutput?: boolean;
}

interface CanvasHandle {
  readonly name: string;
  readonly dataType: string;
  readonly connectorId: string;
}

interface CanvasNode {
  readonly node: GraphNode;
  readonly title: string;
  readonly typeTitle: string;
  readonly icon: string;
  readonly summary: string | null;
  readonly known: boolean;
  readonly inputs: readonly CanvasHandle[];
  readonly outputs: readonly CanvasHandle[];
  readonly overlay: NodeOverlay;
}

/**
 * The workflow diagram on @foblex/flow, used by the editor (editable) and the execution detail
 * (read-only, coloured by step status). It owns no graph state: every gesture is an output the
 * page's store decides on, so a refused connection simply never appears.
 */
@Component({
  selector: 'baton-graph-canvas',
  imports: [FFlowModule],
  providers: [provideFFlow(withControlScheme({ scrollPan: true, selection: startsSelectionBox }))],
  templateUrl: './graph-canvas.component.html',
  styleUrl: './graph-canvas.component.css',
  // Foblex renders connections and connectors itself; scoped styles would not reach them.
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'baton-canvas', '[class.read-only]': '!editable()' },
})
export class GraphCanvasComponent {
  readonly graph = input.required<GraphDefinition>();
  readonly types = input.required<ReadonlyMap<string, NodeTypeDto>>();
  readonly editable = input(false);
  readonly selectedNodeId = input<string | null>(null);
  /** The whole selection when several nodes are selected (the editor); selectedNodeId otherwise. */
  readonly selectedNodeIds = input<readonly string[] | null>(null);
  readonly overlays = input<Readonly<Record<string, NodeOverlay>>>({});
  readonly edgeProblems = input<Readonly<Record<string, readonly string[]>>>({});
  /** Label of the canvas region for assistive technology. */
  readonly label = input('Workflow diagram');

  readonly nodeDropped = output<{ type: string; position: GraphPosition }>();
  readonly connectRequested = output<ConnectionRequest>();
  /** One drag: every node that moved with it (a selected group moves together). */
  readonly nodesMoved = output<{ id: string; position: GraphPosition }[]>();
  readonly nodeSelected = output<string | null>();
  readonly selectionChanged = output<string[]>();
  readonly edgeRemoved = output<string>();
  readonly nodeRenamed = output<{ id: string; label: string }>();
  readonly tidyUpRequested = output<void>();

  protected readonly addsToSelection = addsToSelection;
  protected readonly gridSize = GRID_SIZE;
  protected readonly scale = signal(1);
  protected readonly scalePercent = computed(() => Math.round(this.scale() * 100));
  protected readonly renaming = signal<string | null>(null);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly flow = viewChild(FFlowComponent);
  private readonly canvas = viewChild(FCanvasComponent);
  private readonly zoom = viewChild(FZoomDirective);
  private fitted = false;
  protected readonly selection = computed(() => {
    const ids = this.selectedNodeIds();
    const single = this.selectedNodeId();
    return new Set(ids ?? (single ? [single] : []));
  });

  constructor() {
    // Selection made outside the canvas (a paste selects what it pasted, undo drops what is
    // gone) is shown by the library's own selection too, so a drag moves the whole of it.
    effect(() => {
      const wanted = [...this.selection()];
      const flow = this.flow();
      untracked(() => {
        if (!flow) return;
        const current = flow.getSelection().fNodeIds;
        if (current.length !== wanted.length || current.some((id) => !wanted.includes(id)))
          flow.select(wanted, [], false);
      });
    });
  }

  /**
   * Scales and centres the view so every node is visible (never magnified past 100%). Never
   * animated: the library measures nodes from the DOM, and a fit during a running transition
   * measures boxes halfway through it.
   */
  fitToView(): void {
    const canvas = this.canvas();
    if (!canvas || !this.graph().nodes.length) return;
    // A small graph is shown at 100%, not blown up; checked again a frame later, when the
    // library has measured nodes that rendered in the same pass.
    canvas.fitToScreen(FIT_PADDING, false);
    if (canvas.getScale() > 1) canvas.resetScaleAndCenter(false);
    requestAnimationFrame(() => {
      if (canvas.getScale() > 1) canvas.resetScaleAndCenter(false);
    });
  }

  /** Where the middle of the visible canvas is in graph coordinates (pasted nodes go there). */
  viewCentre(): GraphPosition | null {
    const flow = this.flow();
    if (!flow) return null;
    const rect = this.host.nativeElement.getBoundingClientRect();
    const point = flow.getPositionInFlow({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
    return { x: Math.round(point.x), y: Math.round(point.y) };
  }

  zoomIn(): void {
    this.zoom()?.zoomIn();
  }

  zoomOut(): void {
    this.zoom()?.zoomOut();
  }

  /** Back to 100%, centred on the nodes. */
  resetZoom(): void {
    this.canvas()?.resetScaleAndCenter(false);
  }

  protected readonly nodes = computed<CanvasNode[]>(() => {
    const types = this.types();
    const overlays = this.overlays();
    return this.graph().nodes.map((node) => {
      const type = types.get(node.type);
      const inputs = (type?.inputs ?? []).map((h) => ({
        name: h.name,
        dataType: h.dataType,
        connectorId: inputConnectorId(node.id, h.name),
      }));
      const outputs = [...(type?.outputs ?? []), ...dynamicOutputs(node, type)].map((h) => ({
        name: h.name,
        dataType: h.dataType,
        connectorId: outputConnectorId(node.id, h.name),
      }));
      const connectedError = this.graph().edges.some((e) => e.source === node.id && e.sourceHandle === ERROR_HANDLE);
      if (this.editable() || connectedError) {
        outputs.push({ name: ERROR_HANDLE, dataType: 'object', connectorId: outputConnectorId(node.id, ERROR_HANDLE) });
      }
      const label = typeof node.data['label'] === 'string' && node.data['label'] ? node.data['label'] : null;
      return {
        node,
        title: label ?? type?.title ?? node.type,
        typeTitle: type?.title ?? node.type,
        icon: groupIcon(type?.group),
        summary: summarizeNode(node),
        known: !!type,
        inputs,
        outputs,
        overlay: overlays[node.id] ?? {},
      };
    });
  });

  protected readonly edges = computed(() =>
    this.graph().edges.map((edge) => ({
      ...edge,
      sourceConnector: outputConnectorId(edge.source, edge.sourceHandle),
      targetConnector: inputConnectorId(edge.target, edge.targetHandle),
      problems: this.edgeProblems()[edge.id] ?? [],
    })),
  );

  protected createNode(event: FCreateNodeEvent<string>): void {
    const rect = event.externalItemRect;
    this.nodeDropped.emit({ type: event.data, position: { x: Math.round(rect.x), y: Math.round(rect.y) } });
  }

  protected createConnection(event: FCreateConnectionEvent): void {
    if (!event.targetId) return;
    const source = parseConnectorId(event.sourceId);
    const target = parseConnectorId(event.targetId);
    if (!source || !target) return;
    this.connectRequested.emit({
      sourceNodeId: source.nodeId,
      sourceHandle: source.handle,
      targetNodeId: target.nodeId,
      targetHandle: target.handle,
    });
  }

  protected moveNodes(event: FMoveNodesEvent): void {
    this.nodesMoved.emit(
      event.nodes.map((n) => ({ id: n.id, position: { x: Math.round(n.position.x), y: Math.round(n.position.y) } })),
    );
  }

  protected changeSelection(event: FSelectionChangeEvent): void {
    this.selectionChanged.emit([...event.nodeIds]);
    // Read-only pages follow one node; the editor keeps the whole selection (selectionChanged).
    if (!this.editable()) this.nodeSelected.emit(event.nodeIds[0] ?? null);
  }

  protected trackScale(event: FCanvasChangeEvent): void {
    this.scale.set(event.scale);
  }

  /**
   * A workflow opens fitted to the view, once everything is rendered and measured (fitting
   * earlier centres on boxes not measured yet); later renders (edits) keep the user's view.
   */
  protected fullyRendered(): void {
    if (this.fitted) return;
    this.fitted = true;
    this.fitToView();
  }

  protected startRename(event: Event, id: string): void {
    if (!this.editable()) return;
    event.stopPropagation();
    this.renaming.set(id);
  }

  protected finishRename(id: string, label: string | null): void {
    if (this.renaming() !== id) return;
    this.renaming.set(null);
    if (label !== null) this.nodeRenamed.emit({ id, label });
  }

  protected clickNode(event: MouseEvent, id: string): void {
    // With a modifier the library adds the node to the selection; a plain click selects it alone.
    if (this.editable() && addsToSelection(event as unknown as FTriggerEvent)) return;
    this.nodeSelected.emit(id);
  }

  protected selectWithKeyboard(event: Event, id: string): void {
    event.preventDefault();
    this.nodeSelected.emit(id);
  }
}

function dynamicOutputs(node: GraphNode, type: NodeTypeDto | undefined): { name: string; dataType: string }[] {
  if (!type?.dynamicOutputs) return [];
  // flow.switch: one output per case handle, as the engine's resolveOutputs derives them.
  const cases = node.data.inputs['cases'];
  if (!Array.isArray(cases)) return [];
  return cases
    .map((c) => (c as { handle?: unknown }).handle)
    .filter((h): h is string => typeof h === 'string' && h !== '')
    .map((name) => ({ name, dataType: 'any' }));
}
