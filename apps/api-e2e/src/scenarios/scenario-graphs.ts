/**
 * The graph workflows the scenario tests run, written as a REST client would save them.
 * `base` is the stub HTTP server's URL (see stub-http-server.ts).
 */

interface NodeOptions {
  retry?: {
    maxAttempts?: number;
    initialIntervalMs?: number;
    backoffRate?: number;
    maxDelayMs?: number;
    jitter?: 'none' | 'full';
  };
  timeoutMs?: number;
  onError?: 'fail' | 'continue' | 'error-handle';
}

const node = (id: string, type: string, inputs: Record<string, unknown> = {}, options: NodeOptions = {}) => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data: { inputs, ...options },
});

/** `a->b`, `a:handle->b`, `a->b:handle`: the edge notation of the engine's own scenario tests. */
const edge = (spec: string) => {
  const [from, to] = spec.split('->');
  const [source, sourceHandle = 'out'] = from.split(':');
  const [target, targetHandle = 'in'] = to.split(':');
  return { id: spec, source, target, sourceHandle, targetHandle };
};

const graph = (nodes: ReturnType<typeof node>[], edges: string[], settings?: Record<string, unknown>) => ({
  nodes,
  edges: edges.map(edge),
  ...(settings ? { settings } : {}),
});

/** start fans out to three slow calls that run at once; a merge waits for all three. */
export const parallelGraph = (base: string, ms: number) =>
  graph(
    [
      node('start', 'trigger.manual'),
      node('a', 'http.request', { url: `${base}/slow/branch-a?ms=${ms}` }),
      node('b', 'http.request', { url: `${base}/slow/branch-b?ms=${ms}` }),
      node('c', 'http.request', { url: `${base}/slow/branch-c?ms=${ms}` }),
      node('join', 'flow.merge'),
      node('summary', 'data.transform', { expression: '{ "names": body.name, "requestedBy": $execution.input.user }' }),
    ],
    ['start->a', 'start->b', 'start->c', 'a->join', 'b->join', 'c->join', 'join->summary'],
  );

/** Amounts over 100 go to review (two steps), the rest straight through; both reach the merge. */
export const conditionGraph = () =>
  graph(
    [
      node('start', 'trigger.manual'),
      node('check', 'flow.condition', { expression: 'amount > 100' }),
      node('review', 'data.set', { values: { route: 'manual review' } }),
      node('notify', 'util.log', { message: 'review of {{ amount }} requested' }),
      node('auto', 'data.set', { values: { route: 'auto', 'approval.by': 'system' } }),
      node('join', 'flow.merge'),
      node('result', 'data.transform', { expression: '$[0]' }),
    ],
    [
      'start->check',
      'check:true->review',
      'review->notify',
      'notify->join',
      'check:false->auto',
      'auto->join',
      'join->result',
    ],
  );

/**
 * For each order, at most two at a time: call the stub (each call takes the order's `ms`) and
 * price the order. After the loop, sum the results.
 */
export const loopGraph = (base: string) =>
  graph(
    [
      node('start', 'trigger.manual'),
      node('each', 'flow.loop', { items: 'orders', concurrency: 2 }),
      node('fetch', 'http.request', { url: `${base}/slow/item-{{ id }}?ms={{ ms }}` }),
      node('price', 'data.transform', {
        expression: '{ "name": body.name, "position": $index, "total": $item.qty * 10 }',
      }),
      node('total', 'data.transform', { expression: '{ "orders": $count($), "sum": $sum(total) }' }),
    ],
    ['start->each', 'each:item->fetch', 'fetch->price', 'price->each:next', 'each:done->total'],
  );

/** The stub fails the first two calls per execution with 500; the third attempt succeeds. */
export const retryGraph = (base: string, initialIntervalMs: number) =>
  graph(
    [
      node('start', 'trigger.manual'),
      node(
        'call',
        'http.request',
        { url: `${base}/flaky/{{ $execution.id }}?fail=2` },
        { retry: { maxAttempts: 3, initialIntervalMs, backoffRate: 2 } },
      ),
      node('result', 'data.transform', { expression: 'body' }),
    ],
    ['start->call', 'call->result'],
  );

/**
 * A call that never answers, cut off after `timeoutMs` by the engine's per-node timeout
 * (`data.timeoutMs`) or by the request's own `timeoutMs` setting; no retry.
 */
export const timeoutGraph = (base: string, timeoutMs: number, by: 'node' | 'request') =>
  graph(
    [
      node('start', 'trigger.manual'),
      by === 'node'
        ? node('call', 'http.request', { url: `${base}/hang` }, { timeoutMs, retry: { maxAttempts: 1 } })
        : node('call', 'http.request', { url: `${base}/hang`, timeoutMs }, { retry: { maxAttempts: 1 } }),
      node('after', 'util.log', { message: 'unreachable' }),
    ],
    ['start->call', 'call->after'],
  );

/** A call answered 404 (permanent): its `error` handle leads to a recovery node. */
export const errorHandleGraph = (base: string) =>
  graph(
    [
      node('start', 'trigger.manual'),
      node('call', 'http.request', { url: `${base}/missing` }),
      node('use', 'data.transform', { expression: 'body' }),
      node('recover', 'data.set', { values: { recovered: true, order: '{{ $execution.input.order }}' } }),
    ],
    ['start->call', 'call->use', 'call:error->recover'],
  );

/** start -> wait `ms` -> done. */
export const delayGraph = (ms: number) =>
  graph(
    [
      node('start', 'trigger.manual'),
      node('wait', 'flow.delay', { ms }),
      node('done', 'data.set', { values: { waited: true } }),
    ],
    ['start->wait', 'wait->done'],
  );

/** Two JSONata transforms of the input, both terminal: the output is keyed by node id. */
export const twoTerminalsGraph = () =>
  graph(
    [
      node('start', 'trigger.manual'),
      node('totals', 'data.transform', {
        expression: '{ "count": $count(items), "total": $sum(items.(price * qty)) }',
      }),
      node('labels', 'data.transform', { expression: 'items[price > 5].$uppercase(name)' }),
    ],
    ['start->totals', 'start->labels'],
  );
