/** Graph definitions for the validate / run / list tests. */
const node = (id: string, type: string, inputs: Record<string, unknown> = {}) => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data: { inputs },
});
const edge = (id: string, source: string, target: string, sourceHandle = 'out', targetHandle = 'in') => ({
  id,
  source,
  target,
  sourceHandle,
  targetHandle,
});

/**
 * One definition with a fault of every kind the core node types can show over HTTP (their input
 * handles all take `any`, so a handle type mismatch is covered by the engine's unit tests).
 */
export const faultyGraph = () => ({
  nodes: [
    node('start', 'trigger.manual'),
    node('typo', 'no.such.type'),
    node('shape', 'data.transform'),
    node('m', 'flow.merge'),
    node('b', 'util.log', { message: 'b' }),
    node('c', 'util.log', { message: 'c' }),
    node('island', 'util.log', { message: 'alone' }),
  ],
  edges: [
    edge('e1', 'start', 'typo'),
    edge('e2', 'start', 'shape'),
    edge('e3', 'start', 'm'),
    edge('e4', 'm', 'b'),
    edge('e5', 'b', 'm'),
    edge('e6', 'shape', 'c', 'bogus'),
  ],
});

/** Every problem of `faultyGraph`, in the order the validator reports them. */
export const faultyGraphProblems = () => [
  { path: 'definition.nodes[1].type', message: 'unknown node type "no.such.type"', nodeId: 'typo' },
  {
    path: 'definition.nodes[2].data.inputs.expression',
    message: 'missing required input "expression"',
    nodeId: 'shape',
  },
  { path: 'definition.edges[5].sourceHandle', message: 'data.transform has no output handle "bogus"', edgeId: 'e6' },
  { path: 'definition.nodes[6]', message: 'node "island" is not reachable from a start node', nodeId: 'island' },
  {
    path: 'definition.edges[3]',
    message: 'edge m -> b closes a cycle that does not go through a loop\'s "next" handle',
    edgeId: 'e4',
  },
  {
    path: 'definition.edges[4]',
    message: 'edge b -> m closes a cycle that does not go through a loop\'s "next" handle',
    edgeId: 'e5',
  },
];

/** start -> transform: output `{ sum: a + b }`. */
export const sumGraph = () => ({
  nodes: [node('start', 'trigger.manual'), node('sum', 'data.transform', { expression: '{ "sum": a + b }' })],
  edges: [edge('e1', 'start', 'sum')],
});

/** start -> fail: every run fails with `error`. */
export const failingGraph = (error = 'ORDER_REJECTED') => ({
  nodes: [node('start', 'trigger.manual'), node('stop', 'flow.fail', { error, cause: 'rejected by test' })],
  edges: [edge('e1', 'start', 'stop')],
});

/** A valid chain of `count` nodes (trigger then logs). */
export const chainGraph = (count: number) => ({
  nodes: Array.from({ length: count }, (_, i) =>
    i === 0 ? node('n0', 'trigger.manual') : node(`n${i}`, 'util.log', { message: `${i}` }),
  ),
  edges: Array.from({ length: count - 1 }, (_, i) => edge(`e${i}`, `n${i}`, `n${i + 1}`)),
});
