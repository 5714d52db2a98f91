import { Graph, layout } from '@dagrejs/dagre';

// Lays out an ASL state machine for a read-only diagram, entirely in the browser (the API may
// offer a diagram endpoint later; the editor must draw while the text is still unsaved).
// Each machine is laid out top-down by dagre (layered, few crossings, edges routed round the
// boxes); Parallel branches and Map processors are nested machines, sized first and drawn inside
// their state's box. State names are unique in the whole machine (the validator insists), so a
// name identifies a box.

export type AslBoxKind = 'state' | 'container' | 'start' | 'end';
export type AslEdgeKind = 'next' | 'choice' | 'default' | 'catch' | 'end';

export interface AslBox {
  readonly id: string;
  readonly kind: AslBoxKind;
  /** The state's name (for state and container boxes). */
  readonly name: string;
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface AslEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: AslEdgeKind;
  readonly label?: string;
  /** The route dagre chose (absolute coordinates), first point at the source. */
  readonly points?: readonly { readonly x: number; readonly y: number }[];
}

export interface AslDiagram {
  readonly boxes: readonly AslBox[];
  readonly edges: readonly AslEdge[];
  readonly width: number;
  readonly height: number;
}

const STATE_W = 170;
const STATE_H = 44;
const TERMINAL = 26;
const GAP_X = 36;
const RANK_GAP = 44;
const NODE_GAP = 36;
const PAD = 16;
const HEADER = 30;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

interface Sized {
  width: number;
  height: number;
  place(x: number, y: number, boxes: AslBox[], edges: AslEdge[]): void;
}

export function layoutAslDiagram(definition: unknown): AslDiagram {
  const boxes: AslBox[] = [];
  const edges: AslEdge[] = [];
  if (!isObject(definition) || !isObject(definition['States'])) return { boxes, edges, width: 0, height: 0 };
  const root = sizeMachine(definition, 'root');
  root.place(PAD, PAD, boxes, edges);
  return { boxes, edges, width: root.width + 2 * PAD, height: root.height + 2 * PAD };
}

/** Every state's successors in one machine, with the edge kind (Catch edges drawn dashed). */
export function successorsOf(state: Json): AslEdge[] {
  const out: AslEdge[] = [];
  const add = (to: unknown, kind: AslEdgeKind, label?: string) => {
    if (typeof to === 'string') out.push({ from: '', to, kind, label });
  };
  if (Array.isArray(state['Choices']))
    state['Choices'].forEach((choice, i) => add(isObject(choice) ? choice['Next'] : undefined, 'choice', `#${i + 1}`));
  add(state['Default'], 'default', 'default');
  add(state['Next'], 'next');
  if (Array.isArray(state['Catch'])) {
    for (const catcher of state['Catch'])
      if (isObject(catcher))
        add(
          catcher['Next'],
          'catch',
          Array.isArray(catcher['ErrorEquals']) ? catcher['ErrorEquals'].join(', ') : 'catch',
        );
  }
  return out;
}

function sizeMachine(machine: Json, scope: string): Sized {
  const states = isObject(machine['States']) ? machine['States'] : {};
  const names = Object.keys(states);
  const sized = new Map<string, Sized>();
  for (const name of names) sized.set(name, sizeState(name, isObject(states[name]) ? states[name] : {}));
  const start = `${scope}:start`;
  const end = `${scope}:end`;

  const edges: AslEdge[] = [];
  if (typeof machine['StartAt'] === 'string' && names.includes(machine['StartAt']))
    edges.push({ from: start, to: machine['StartAt'], kind: 'next' });
  for (const name of names) {
    const state = isObject(states[name]) ? states[name] : {};
    for (const edge of successorsOf(state)) if (names.includes(edge.to)) edges.push({ ...edge, from: name });
    if (state['End'] === true || state['Type'] === 'Succeed' || state['Type'] === 'Fail')
      edges.push({ from: name, to: end, kind: 'end' });
  }

  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', ranksep: RANK_GAP, nodesep: NODE_GAP, edgesep: 12, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of [start, ...names, end]) {
    const size = sized.get(id) ?? { width: TERMINAL, height: TERMINAL };
    g.setNode(id, { width: size.width, height: size.height });
  }
  edges.forEach((edge, i) =>
    g.setEdge(edge.from, edge.to, { width: edge.label ? 60 : 0, height: edge.label ? 14 : 0 }, `${i}`),
  );
  layout(g);
  const graph = g.graph();
  const width = Math.max(STATE_W, Math.ceil(graph.width ?? 0));
  const height = Math.ceil(graph.height ?? 0);
  // Narrow machines are centred in the width their container gives them.
  const shift = (width - (graph.width ?? 0)) / 2;

  return {
    width,
    height,
    place(x0, y0, boxes, placedEdges) {
      for (const id of [start, ...names, end]) {
        const node = g.node(id);
        const x = x0 + shift + node.x - node.width / 2;
        const y = y0 + node.y - node.height / 2;
        const state = sized.get(id);
        if (state) state.place(x, y, boxes, placedEdges);
        else
          boxes.push({
            id,
            kind: id === start ? 'start' : 'end',
            name: '',
            type: '',
            x,
            y,
            width: TERMINAL,
            height: TERMINAL,
          });
      }
      edges.forEach((edge, i) => {
        const route = g.edge({ v: edge.from, w: edge.to, name: `${i}` });
        const points = route?.points?.map((p: { x: number; y: number }) => ({ x: x0 + shift + p.x, y: y0 + p.y }));
        placedEdges.push(points?.length ? { ...edge, points } : edge);
      });
    },
  };
}

function sizeState(name: string, state: Json): Sized {
  const type = typeof state['Type'] === 'string' ? state['Type'] : '?';
  const inner = innerMachines(state).map((machine, i) => sizeMachine(machine, `${name}[${i}]`));
  if (!inner.length) {
    return {
      width: STATE_W,
      height: STATE_H,
      place: (x, y, boxes) =>
        boxes.push({ id: name, kind: 'state', name, type, x, y, width: STATE_W, height: STATE_H }),
    };
  }
  const width = Math.max(STATE_W, inner.reduce((sum, m) => sum + m.width, 0) + GAP_X * (inner.length - 1) + 2 * PAD);
  const height = HEADER + Math.max(...inner.map((m) => m.height)) + PAD;
  return {
    width,
    height,
    place(x, y, boxes, edges) {
      boxes.push({ id: name, kind: 'container', name, type, x, y, width, height });
      const innerWidth = inner.reduce((sum, m) => sum + m.width, 0) + GAP_X * (inner.length - 1);
      let ix = x + (width - innerWidth) / 2;
      for (const machine of inner) {
        machine.place(ix, y + HEADER, boxes, edges);
        ix += machine.width + GAP_X;
      }
    },
  };
}

/** Parallel branches, or a Map's processor (ItemProcessor, or Iterator in older documents). */
function innerMachines(state: Json): Json[] {
  if (state['Type'] === 'Parallel' && Array.isArray(state['Branches'])) return state['Branches'].filter(isObject);
  if (state['Type'] === 'Map') {
    const processor = state['ItemProcessor'] ?? state['Iterator'];
    return isObject(processor) ? [processor] : [];
  }
  return [];
}
