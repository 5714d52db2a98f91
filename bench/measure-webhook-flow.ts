import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApiClient } from '../apps/api-e2e/src/support/api-client';
import type { BenchRun } from './measure-baton-mode';
import type { BenchOptions } from './read-bench-options';
import { timed } from './report-progress';
import { transformLikeTheFlow, WEBHOOK_FLOW_BODY, webhookFlowWorkflow } from './webhook-flow';

export interface RequestPhase {
  connections: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
}

export interface WebhookFlowResult {
  label: string;
  phases: RequestPhase[];
}

const CONNECTIONS = [1, 10];

/**
 * The webhook rows: the trigger's `mode: "immediate"` runs express by default; the workflow's
 * `settings.durability: "standard"` makes immediate runs journal every step; queued is standard.
 */
export const WEBHOOK_RUNS: readonly BenchRun[] = [
  { mode: 'immediate', durability: 'express' },
  { mode: 'immediate', durability: 'standard' },
  { mode: 'queued', durability: 'standard' },
];

/**
 * The sync webhook flow through `POST /api/hooks/:token`, in the given trigger mode and workflow
 * durability, at 1 and 10 connections. Every answer is checked against the flow's expected
 * output, and one call's execution is read back to check the mode and durability it ran with.
 */
export async function measureWebhookFlow(
  tier: string,
  api: TestApiClient,
  { mode, durability }: BenchRun,
  options: BenchOptions,
): Promise<WebhookFlowResult> {
  const created = await api.post('/api/workflows', {
    name: `Bench: webhook flow (${mode}, ${durability})`,
    format: 'graph',
    status: 'active',
    definition: webhookFlowWorkflow(),
    // Without it the engine decides: express for immediate runs.
    ...(durability === 'standard' ? { settings: { durability } } : {}),
  });
  if (created.status !== 201)
    throw new Error(`webhook flow workflow: ${created.status} ${JSON.stringify(created.body)}`);
  const trigger = await api.post(`/api/workflows/${created.body.id}/triggers`, {
    type: 'webhook',
    responseMode: 'sync',
    mode,
    rateLimitPerMinute: 100_000,
  });
  if (trigger.status !== 201) throw new Error(`webhook trigger: ${trigger.status} ${JSON.stringify(trigger.body)}`);
  const url = `${api.baseUrl}${new URL(trigger.body.url as string).pathname}`;
  const expected = canonical(transformLikeTheFlow(WEBHOOK_FLOW_BODY));
  const callOnce = async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(WEBHOOK_FLOW_BODY),
    });
    const answer = (await response.json()) as { executionId?: string; status?: string; output?: unknown };
    if (response.status !== 200 || answer.status !== 'completed' || canonical(answer.output) !== expected)
      throw new Error(`webhook flow answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer.executionId as string;
  };
  const checked = await api.get(`/api/executions/${await callOnce()}`);
  if (checked.body?.mode !== mode || checked.body?.durability !== durability)
    throw new Error(
      `a webhook flow run meant to be ${mode} ${durability} was ${checked.status}: ${JSON.stringify(checked.body)}`,
    );
  return {
    label: `webhook flow, ${mode}, ${durability}`,
    phases: await measureRequests(`${tier} webhook ${mode} ${durability}`, callOnce, options),
  };
}

/** The same flow as a plain `node:http` JSON handler in this process: the floor for any HTTP server here. */
export async function measurePlainHttpBaseline(tier: string, options: BenchOptions): Promise<WebhookFlowResult> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const output = transformLikeTheFlow(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: 'completed', output }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    const callOnce = async () => {
      const response = await fetch(url, { method: 'POST', body: JSON.stringify(WEBHOOK_FLOW_BODY) });
      await response.json();
    };
    return { label: 'plain node:http handler', phases: await measureRequests(`${tier} node:http`, callOnce, options) };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

async function measureRequests(
  label: string,
  callOnce: () => Promise<unknown>,
  options: BenchOptions,
): Promise<RequestPhase[]> {
  const phases: RequestPhase[] = [];
  for (const connections of CONNECTIONS) {
    await closedLoop(callOnce, options.warmup * connections, connections, options.phaseBudgetMs / 2);
    const phase = await timed(`${label} ${connections} conn`, async () => {
      const started = performance.now();
      const latencies = await closedLoop(
        callOnce,
        options.executions * connections,
        connections,
        options.phaseBudgetMs,
      );
      const seconds = (performance.now() - started) / 1000;
      return {
        connections,
        perSecond: latencies.length / seconds,
        ...percentiles(latencies),
        requests: latencies.length,
      };
    });
    phases.push(phase);
  }
  return phases;
}

/** `connections` callers each send the next request when their previous one answered; latencies in ms. */
async function closedLoop(
  callOnce: () => Promise<unknown>,
  count: number,
  connections: number,
  budgetMs: number,
): Promise<number[]> {
  const latencies: number[] = [];
  const deadline = performance.now() + budgetMs;
  let started = 0;
  const caller = async () => {
    while (started < count && (started === 0 || performance.now() < deadline)) {
      started++;
      const t0 = performance.now();
      await callOnce();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: connections }, caller));
  return latencies;
}

function percentiles(latencies: number[]): { p50Ms: number; p99Ms: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50Ms: at(0.5), p99Ms: at(0.99) };
}

// Stored JSON (jsonb) does not keep key order: compare values, not spellings.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
