/**
 * n8n's benchmark shape: a webhook → Set → Rename Keys → Set → synchronous response. Here the
 * three steps are `data.transform` nodes; `transformLikeTheFlow` is the same work in plain code,
 * for the `node:http` baseline.
 */
export const WEBHOOK_FLOW_BODY = { name: 'Ada', n: 41, tags: ['a', 'b'] };

const transform = (id: string, expression: string, x: number) => ({
  id,
  type: 'data.transform',
  position: { x, y: 0 },
  data: { inputs: { expression } },
});
const edge = (source: string, target: string) => ({
  id: `${source}-${target}`,
  source,
  target,
  sourceHandle: 'out',
  targetHandle: 'in',
});

export function webhookFlowWorkflow() {
  return {
    nodes: [
      { id: 'hook', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { inputs: {} } },
      transform('set', '$merge([body, { "received": true }])', 200),
      transform('rename', '{ "fullName": name, "count": n + 1, "tags": tags, "received": received }', 400),
      transform('finish', '$merge([$, { "done": true }])', 600),
    ],
    edges: [edge('hook', 'set'), edge('set', 'rename'), edge('rename', 'finish')],
  };
}

/** What the flow outputs for `body`, computed directly. */
export function transformLikeTheFlow(body: typeof WEBHOOK_FLOW_BODY): Record<string, unknown> {
  const set = { ...body, received: true };
  const renamed = { fullName: set.name, count: set.n + 1, tags: set.tags, received: set.received };
  return { ...renamed, done: true };
}
