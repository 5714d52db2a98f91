import { expect } from '@jest/globals';
import { eventually, type TestApiClient } from '../support/api-client';

export interface StepView {
  stepId: string;
  nodeId: string;
  status: string;
  attempt: number;
  input: unknown;
  output: unknown;
  error: { error: string; cause: string; retryable: boolean } | null;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
}

export interface ExecutionView {
  id: string;
  status: string;
  mode: string;
  input: unknown;
  output: unknown;
  error: string | null;
  cause: string | null;
  startedAt: string | null;
  endedAt: string | null;
  steps: StepView[];
}

const TERMINAL = ['completed', 'failed', 'cancelled'];

/** Saves a graph workflow through the API and returns its id. */
export async function createWorkflow(api: TestApiClient, name: string, definition: unknown): Promise<string> {
  const created = await api.post('/api/workflows', { name, format: 'graph', definition });
  expect(created.status).toBe(201);
  return created.body.id;
}

/** Starts a saved workflow; returns the start response body. */
export async function execute(api: TestApiClient, workflowId: string, input: unknown, mode: 'immediate' | 'queued') {
  const started = await api.post(`/api/workflows/${workflowId}/execute`, { input, mode });
  expect(started.status).toBe(201);
  expect(started.body.mode).toBe(mode);
  return started.body as {
    executionId: string;
    status: string;
    mode: string;
    output?: unknown;
    error?: string | null;
    cause?: string | null;
  };
}

export async function getExecution(api: TestApiClient, executionId: string): Promise<ExecutionView> {
  const response = await api.get(`/api/executions/${executionId}`);
  expect(response.status).toBe(200);
  return response.body;
}

/** Polls the execution until it is completed, failed or cancelled. */
export function untilTerminal(api: TestApiClient, executionId: string, timeoutMs = 20_000): Promise<ExecutionView> {
  return eventually(async () => {
    const execution = await getExecution(api, executionId);
    return TERMINAL.includes(execution.status) ? execution : undefined;
  }, timeoutMs);
}

/** Saves, starts (queued) and waits for a workflow in one go. */
export async function runQueued(
  api: TestApiClient,
  name: string,
  definition: unknown,
  input: unknown,
): Promise<ExecutionView> {
  const started = await execute(api, await createWorkflow(api, name, definition), input, 'queued');
  return untilTerminal(api, started.executionId);
}

/**
 * Every step row as `[stepId, status, attempt, output, error]`, sorted by step id: parallel
 * steps start in any order, so the API's start-time order is not stable across runs.
 */
export function stepRows(execution: ExecutionView): [string, string, number, unknown, unknown][] {
  return [...execution.steps]
    .sort((a, b) => a.stepId.localeCompare(b.stepId))
    .map((s) => [s.stepId, s.status, s.attempt, s.output, s.error]);
}

export function stepOf(execution: ExecutionView, stepId: string): StepView {
  const step = execution.steps.find((s) => s.stepId === stepId);
  if (!step) throw new Error(`no step ${stepId} in ${execution.steps.map((s) => s.stepId).join(', ')}`);
  return step;
}

export const timeOf = (iso: string | null): number => {
  if (!iso) throw new Error('expected a timestamp');
  return Date.parse(iso);
};

/** What `http.request` outputs for a stub answer (stub headers are fixed: no date, connection close). */
export const httpOutput = (body: unknown, status = 200) => ({
  status,
  headers: {
    connection: 'close',
    'content-length': String(Buffer.byteLength(JSON.stringify(body))),
    'content-type': 'application/json',
  },
  body,
});
