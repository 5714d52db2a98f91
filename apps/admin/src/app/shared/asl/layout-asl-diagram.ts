// Lays out an ASL state machine for a read-only diagram, entirely in the browser (the API may
// offer a diagram endpoint later; the editor must draw while the text is still unsaved).
// Each machine is drawn top-down in layers by distance from StartAt; Parallel branches and Map
// processors are nested machines drawn inside their state's box. State names are unique in the
// whole machine (the validator insists), so a name identifies a box.

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
const GAP_Y = 46;
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
  const layers = layerStates(machine, states);
  const sized = new Map<string, Sized>();
  for (const name of names) sized.set(name, sizeState(name, isObject(states[name]) ? states[name] : {}));

  const rows: string[][] = [[`${scope}:start`], ...layers, [`${scope}:end`]];
  const sizeOf = (id: string) => sized.get(id) ?? { width: TERMINAL, height: TERMINAL };
  const rowWidth = (row: string[]) => row.reduce((sum, id) => sum + sizeOf(id).width, 0) + GAP_X * (row.length - 1);
  const rowHeight = (row: string[]) => Math.max(...row.map((id) => sizeOf(id).height));
  const width = Math.max(STATE_W, ...rows.map(rowWidth));
  const height = rows.reduce((sum, row) => sum + rowHeight(row), 0) + GAP_Y * (rows.length - 1);

  return {
    width,
    height,
    place(x0, y0, boxes, edges) {
      let y = y0;
      for (const row of rows) {
        let x = x0 + (width - rowWidth(row)) / 2;
        const h = rowHeight(row);
        for (const id of row) {
          const size = sizeOf(id);
          const state = sized.get(id);
          if (state) state.place(x, y + (h - size.height) / 2, boxes, edges);
          else
            boxes.push({
              id,
              kind: id.endsWith(':start') ? 'start' : 'end',
              name: '',
              type: '',
              x,
              y: y + (h - size.height) / 2,
              width: size.width,
              height: size.height,
            });
          x += size.width + GAP_X;
        }
        y += h + GAP_Y;
      }
      if (typeof machine['StartAt'] === 'string' && names.includes(machine['StartAt']))
        edges.push({ from: `${scope}:start`, to: machine['StartAt'], kind: 'next' });
      for (const name of names) {
        const state = isObject(states[name]) ? states[name] : {};
        for (const edge of successorsOf(state)) if (names.includes(edge.to)) edges.push({ ...edge, from: name });
        if (state['End'] === true || state['Type'] === 'Succeed' || state['Type'] === 'Fail')
          edges.push({ from: name, to: `${scope}:end`, kind: 'end' });
      }
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

/** Layers by shortest distance from StartAt; unreachable states get a last layer of their own. */
function layerStates(machine: Json, states: Json): string[][] {
  const names = Object.keys(states);
  const depth = new Map<string, number>();
  const start = machine['StartAt'];
  const queue: string[] = [];
  if (typeof start === 'string' && names.includes(start)) {
    depth.set(start, 0);
    queue.push(start);
  }
  while (queue.length) {
    const name = queue.shift()!;
    const state = states[name];
    for (const edge of isObject(state) ? successorsOf(state) : []) {
      if (names.includes(edge.to) && !depth.has(edge.to)) {
        depth.set(edge.to, depth.get(name)! + 1);
        queue.push(edge.to);
      }
    }
  }
  const layers: string[][] = [];
  for (const name of names) {
    const d = depth.get(name);
    if (d !== undefined) (layers[d] ??= []).push(name);
  }
  const unreachable = names.filter((name) => !depth.has(name));
  return [...layers.filter(Boolean), ...(unreachable.length ? [unreachable] : [])];
}
