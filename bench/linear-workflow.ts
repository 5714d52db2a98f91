/** Steps in the benchmark workflow: per-step numbers divide by this. */
export const BENCH_STEPS = 10;

const node = (id: string, type: string, inputs: Record<string, unknown>, x: number) => ({
  id,
  type,
  position: { x, y: 0 },
  data: { inputs },
});

/** The three cheap node types the chain cycles through after the start node. */
const cheapNodes: Array<[string, Record<string, unknown>]> = [
  ['data.set', { mode: 'set', values: { touched: true } }],
  ['data.transform', { expression: '$merge([$, { "count": count + 1 }])' }],
  ['util.log', { message: 'bench step', level: 'debug' }],
];

/**
 * `trigger.manual` then nine cheap nodes in a chain. A chain (no parallel branches) makes
 * "time per execution ÷ steps" the cost of one step hop, comparable to one raw job round trip.
 * Output for input `{ count: 0 }`: `{ count: 3, touched: true }`.
 */
export function linearWorkflow() {
  const nodes = [node('start', 'trigger.manual', {}, 0)];
  for (let i = 1; i < BENCH_STEPS; i++) {
    const [type, inputs] = cheapNodes[(i - 1) % cheapNodes.length];
    nodes.push(node(`step${i}`, type, inputs, i * 200));
  }
  const edges = nodes.slice(1).map((target, i) => ({
    id: `e${i + 1}`,
    source: nodes[i].id,
    target: target.id,
    sourceHandle: 'out',
    targetHandle: 'in',
  }));
  return { nodes, edges };
}

export const LINEAR_WORKFLOW_INPUT = { count: 0 };

/** True for the output the chain computes from LINEAR_WORKFLOW_INPUT: `{ count: 3, touched: true }`. */
export function isBenchOutput(output: unknown): boolean {
  const value = output as { count?: unknown; touched?: unknown } | null;
  return value?.count === 3 && value.touched === true;
}
