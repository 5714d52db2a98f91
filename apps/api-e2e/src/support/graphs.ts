/** Small graph workflows the API tests run, and the node and edge builders they are made of. */

/** A graph node at `x` on the canvas with these settings. */
export const node = (id: string, type: string, inputs: Record<string, unknown> = {}, x = 0) => ({
  id,
  type,
  position: { x, y: 0 },
  data: { inputs },
});
/** An edge between two nodes' handles (`out` -> `in` unless told). */
export const edge = (source: string, target: string, sourceHandle = 'out', targetHandle = 'in') => ({
  id: `${source}-${target}`,
  source,
  target,
  sourceHandle,
  targetHandle,
});

/** start -> double (JSONata) -> log: output `{ doubled: input.value * 2 }`. */
export const doublingGraph = () => ({
  nodes: [
    node('start', 'trigger.manual'),
    node('double', 'data.transform', { expression: '{ "doubled": value * 2 }' }, 200),
    node('log', 'util.log', { message: 'doubled' }, 400),
  ],
  edges: [edge('start', 'double'), edge('double', 'log')],
});

/** start -> wait `ms` -> done: a run that stays in flight long enough to be observed. */
export const delayedGraph = (ms: number) => ({
  nodes: [
    node('start', 'trigger.manual'),
    node('wait', 'flow.delay', { ms }, 200),
    node('done', 'util.log', { message: 'done' }, 400),
  ],
  edges: [edge('start', 'wait'), edge('wait', 'done')],
});
