import { ChangeDetectionStrategy, Component, ViewEncapsulation, computed, input, output } from '@angular/core';
import {
  type FCreateConnectionEvent,
  type FCreateNodeEvent,
  FFlowModule,
  type FSelectionChangeEvent,
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
  readonly overlays = input<Readonly<Record<string, NodeOverlay>>>({});
  readonly edgeProblems = input<Readonly<Record<string, readonly string[]>>>({});
  /** Label of the canvas region for assistive technology. */
  readonly label = input('Workflow diagram');

  readonly nodeDropped = output<{ type: string; position: GraphPosition }>();
  readonly connectRequested = output<ConnectionRequest>();
  readonly nodeMoved = output<{ id: string; position: GraphPosition }>();
  readonly nodeSelected = output<string | null>();
  readonly edgeRemoved = output<string>();

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
      return {
        node,
        title: type?.title ?? node.type,
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

  protected moveNode(id: string, position: { x: number; y: number }): void {
    this.nodeMoved.emit({ id, position: { x: Math.round(position.x), y: Math.round(position.y) } });
  }

  protected changeSelection(event: FSelectionChangeEvent): void {
    this.nodeSelected.emit(event.nodeIds[0] ?? null);
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
