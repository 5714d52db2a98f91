import type { TestApiClient } from '../support/api-client';
import { edge, node } from '../support/graphs';

/** The four kinds of run the chaos load mixes, each with the outcome it must reach. */
export type RunKind = 'express' | 'standard' | 'rejected' | 'map';

/** Items per Map run: each one http:invoke iteration. */
export const MAP_ITEMS = 3;
/** The standard graph's delay: short, but long enough that runs wait on the queue across a fault. */
export const STANDARD_DELAY_MS = 1000;

/** What one run of a kind is started with; `runKey` finds it in the database whatever its start answered. */
export function runInput(kind: RunKind, runKey: string, n: number): Record<string, unknown> {
  if (kind === 'map') return { runKey, items: Array.from({ length: MAP_ITEMS }, (_, i) => n * 10 + i) };
  // Every other run goes through the retrying route; rejected runs through the one that fails for good.
  const route = kind === 'rejected' ? 'reject' : n % 2 === 0 ? 'flaky' : 'ok';
  return { runKey, n, route };
}

/** The output a completed run of a kind must have (`undefined`: the run must fail). */
export function expectedOutput(kind: RunKind, input: Record<string, unknown>): unknown {
  if (kind === 'rejected') return undefined;
  if (kind === 'map') return input['items'];
  return { n: input['n'] };
}

/** The named error a failing kind must end with. */
export const REJECTED_ERROR = 'HTTP_400';

/** A POST of `{ n }` to the sink with its own retry policy. */
function call(id: string, url: string, x: number, retry: Record<string, unknown>) {
  const step = node(
    id,
    'http.request',
    { url, method: 'POST', body: { n: '{{ $execution.input.n }}' }, timeoutMs: 15_000 },
    x,
  );
  return { ...step, data: { ...step.data, retry } };
}

/** start -> call (the run's route; retried after 200 ms, which keeps an express run in memory) -> done. */
function expressGraph(sinkUrl: string) {
  return {
    nodes: [
      node('start', 'trigger.manual', {}, 0),
      call('call', `${sinkUrl}/{{ $execution.input.route }}`, 200, { maxAttempts: 3, initialIntervalMs: 200 }),
      node('done', 'data.transform', { expression: '{ "n": body.n }' }, 400),
    ],
    edges: [edge('start', 'call'), edge('call', 'done')],
  };
}

/** start -> first (the run's route, retried) -> wait (short delay) -> second (/ok) -> done. */
function standardGraph(sinkUrl: string) {
  return {
    nodes: [
      node('start', 'trigger.manual', {}, 0),
      call('first', `${sinkUrl}/{{ $execution.input.route }}`, 200, {
        maxAttempts: 4,
        initialIntervalMs: 300,
        backoffRate: 1,
      }),
      node('wait', 'flow.delay', { ms: STANDARD_DELAY_MS }, 400),
      call('second', `${sinkUrl}/ok`, 600, { maxAttempts: 4, initialIntervalMs: 300, backoffRate: 1 }),
      node('done', 'data.transform', { expression: '{ "n": body.n }' }, 800),
    ],
    edges: [edge('start', 'first'), edge('first', 'wait'), edge('wait', 'second'), edge('second', 'done')],
  };
}

/** An ASL Map over `$.items`: each item one http:invoke POST to /ok, output the items in order. */
function mapMachine(sinkUrl: string) {
  return {
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: MAP_ITEMS,
        ItemProcessor: {
          StartAt: 'Call',
          States: {
            Call: {
              Type: 'Task',
              Resource: 'arn:aws:states:::http:invoke',
              Parameters: { ApiEndpoint: `${sinkUrl}/ok`, Method: 'POST', RequestBody: { 'n.$': '$' } },
              ResultSelector: { 'n.$': '$.ResponseBody.n' },
              OutputPath: '$.n',
              Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 1 }],
              End: true,
            },
          },
        },
        End: true,
      },
    },
  };
}

export interface ChaosWorkflows {
  ids: Record<RunKind, string>;
  /** The start body of a run of `kind`. */
  startBody(kind: RunKind, input: Record<string, unknown>): Record<string, unknown>;
}

/** Saves the chaos workflows (the graph one serves both `standard` and `rejected` runs). */
export async function createChaosWorkflows(owner: TestApiClient, sinkUrl: string): Promise<ChaosWorkflows> {
  const save = async (name: string, format: 'graph' | 'asl', definition: unknown) => {
    const saved = await owner.post('/api/workflows', { name, format, definition });
    if (saved.status !== 201) throw new Error(`saving ${name}: ${saved.status} ${JSON.stringify(saved.body)}`);
    return saved.body.id as string;
  };
  const express = await save('Chaos express', 'graph', expressGraph(sinkUrl));
  const standard = await save('Chaos standard', 'graph', standardGraph(sinkUrl));
  const map = await save('Chaos map', 'asl', mapMachine(sinkUrl));
  return {
    ids: { express, standard, rejected: standard, map },
    startBody: (kind, input) => ({ input, mode: kind === 'express' ? 'immediate' : 'queued' }),
  };
}
