import type { WorkflowFormat } from '../core/api-types';
import { leadMagnet } from './lead-magnet-example';

/** A workflow a new workspace can import in one click, so a newcomer sees a run at once. */
export interface ExampleWorkflow {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly format: WorkflowFormat;
  readonly tags: readonly string[];
  readonly definition: Record<string, unknown>;
  /** What the user must do before it runs (choose credentials); absent: it runs on an empty input. */
  readonly setup?: string;
  /** A trigger created with it (POST /api/workflows/:id/triggers body). */
  readonly trigger?: Record<string, unknown>;
}

const node = (
  id: string,
  type: string,
  x: number,
  y: number,
  inputs: Record<string, unknown> = {},
  options: Record<string, unknown> = {},
) => ({
  id,
  type,
  position: { x, y },
  data: { inputs, ...options },
});
const edge = (source: string, target: string, sourceHandle = 'out', targetHandle = 'in') => ({
  id: `${source}-${sourceHandle}-${target}-${targetHandle}`,
  source,
  target,
  sourceHandle,
  targetHandle,
});
const RETRY = { retry: { maxAttempts: 3, initialIntervalMs: 500, backoffRate: 2 } };

/**
 * Graph: score each order in a loop (two at a time, each step with a retry policy), sum them,
 * then branch on the total. Only core node types, and it runs with an empty input (sample orders).
 */
const orderTriage: ExampleWorkflow = {
  key: 'order-triage',
  name: 'Example: order triage',
  description: 'Scores each order in a loop (with retries), sums them and routes large totals to review.',
  format: 'graph',
  tags: ['example'],
  definition: {
    nodes: [
      node('start', 'trigger.manual', 40, 200),
      node('orders', 'data.transform', 380, 200, {
        expression:
          '$exists(orders) ? orders : [{ "id": "A-100", "amount": 40 }, { "id": "A-101", "amount": 250 }, { "id": "A-102", "amount": 90 }]',
      }),
      node('each', 'flow.loop', 720, 200, { concurrency: 2 }),
      node(
        'score',
        'data.transform',
        1060,
        60,
        { expression: '{ "id": id, "amount": amount, "large": amount > 100 }' },
        RETRY,
      ),
      node(
        'summary',
        'data.transform',
        1060,
        320,
        { expression: '{ "orders": $count($), "large": $count($[large]), "total": $sum($.amount) }' },
        RETRY,
      ),
      node('check', 'flow.condition', 1400, 320, { expression: 'total > 300' }),
      node('review', 'util.log', 1740, 220, { message: 'Total {{ total }} needs a review', level: 'warn' }),
      node('approve', 'util.log', 1740, 420, { message: 'Total {{ total }} approved automatically' }),
      node('join', 'flow.merge', 2080, 320, { mode: 'first' }),
    ],
    edges: [
      edge('start', 'orders'),
      edge('orders', 'each'),
      edge('each', 'score', 'item'),
      edge('score', 'each', 'out', 'next'),
      edge('each', 'summary', 'done'),
      edge('summary', 'check'),
      edge('check', 'review', 'true'),
      edge('check', 'approve', 'false'),
      edge('review', 'join'),
      edge('approve', 'join'),
    ],
  },
};

const transform = (expression: string) => ({
  Type: 'Task',
  Resource: 'baton:data.transform',
  Parameters: { expression },
});
const TASK_RETRY = [
  { ErrorEquals: ['States.TaskFailed', 'States.Timeout'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 },
];

/** Amazon States Language: validate, route by total (Choice), reserve and charge at once (Parallel), refund on failure (Catch). */
const orderProcessing: ExampleWorkflow = {
  key: 'order-processing-asl',
  name: 'Example: order processing (ASL)',
  description:
    'A state machine with Choice, Parallel, Retry and Catch; runs on a sample order when started without input.',
  format: 'asl',
  tags: ['example', 'asl'],
  definition: {
    Comment:
      'Order processing: validate, route by total, reserve stock and charge in parallel, then ship, or refund and reject.',
    StartAt: 'HasOrder',
    States: {
      HasOrder: {
        Type: 'Choice',
        Choices: [{ Variable: '$.items', IsPresent: false, Next: 'UseSampleOrder' }],
        Default: 'ValidateOrder',
      },
      UseSampleOrder: {
        Type: 'Pass',
        Result: {
          orderId: 'ORD-1001',
          items: [
            { sku: 'BOOK-1', qty: 2, price: 12.5 },
            { sku: 'PEN-7', qty: 10, price: 1.2 },
          ],
        },
        Next: 'ValidateOrder',
      },
      ValidateOrder: {
        ...transform('$merge([$, { "total": $sum(items.(qty * price)) }])'),
        Retry: TASK_RETRY,
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'OrderRejected' }],
        Next: 'RouteByTotal',
      },
      RouteByTotal: {
        Type: 'Choice',
        Choices: [{ Variable: '$.total', NumericGreaterThan: 1000, Next: 'ManualReview' }],
        Default: 'Fulfil',
      },
      ManualReview: {
        Type: 'Task',
        Resource: 'baton:util.log',
        Parameters: { 'message.$': "States.Format('Order {} needs a manual review', $.orderId)", level: 'warn' },
        ResultPath: null,
        Next: 'Fulfil',
      },
      Fulfil: {
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'ReserveStock',
            States: { ReserveStock: { ...transform('{ "reserved": $sum(items.qty) }'), Retry: TASK_RETRY, End: true } },
          },
          {
            StartAt: 'ChargePayment',
            States: { ChargePayment: { ...transform('{ "charged": total }'), Retry: TASK_RETRY, End: true } },
          },
        ],
        ResultPath: '$.fulfilment',
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RefundPayment' }],
        Next: 'ShipOrder',
      },
      ShipOrder: {
        Type: 'Task',
        Resource: 'baton:util.log',
        Parameters: { 'message.$': "States.Format('Shipping order {}', $.orderId)" },
        ResultPath: null,
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
      RefundPayment: {
        Type: 'Task',
        Resource: 'baton:util.log',
        Parameters: { 'message.$': "States.Format('Refunding order {}', $.orderId)", level: 'warn' },
        ResultPath: null,
        Next: 'OrderRejected',
      },
      OrderRejected: { Type: 'Fail', Error: 'OrderRejected', Cause: 'The order could not be validated or fulfilled.' },
    },
  },
};

export const EXAMPLE_WORKFLOWS: readonly ExampleWorkflow[] = [orderTriage, orderProcessing, leadMagnet];
