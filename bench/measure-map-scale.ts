import type { TestApiClient } from '../apps/api-e2e/src/support/api-client';
import type { CompletionTracker } from './completion-tracker';
import { aslMapMachine, mapInput } from './map-machine';
import type { BenchOptions } from './read-bench-options';
import { timed } from './report-progress';

export interface MapScaleResult {
  items: number;
  /** Start request to the `completed` event, in s; null when the run did not finish (see `note`). */
  seconds: number | null;
  /** Why there is no time: it hit BENCH_MAP_TIMEOUT_SECONDS, or a smaller Map already had. */
  note?: string;
}

/** A cancelled run's last in-flight iterations may still be ending: how long to wait for its end. */
const CANCEL_WAIT_MS = 60_000;

/**
 * The scale rows: the ASL Map (Pass iterator, MaxConcurrency 100) over each of BENCH_MAP_ITEMS
 * in turn, queued (standard: one job and one journal commit per iteration), one run at a time.
 * A run past BENCH_MAP_TIMEOUT_SECONDS is cancelled, so it stops taking the workers of the rows
 * after it, and the larger sizes are skipped: they could only take longer.
 */
export async function measureMapScale(
  tier: string,
  api: TestApiClient,
  tracker: CompletionTracker,
  options: BenchOptions,
): Promise<MapScaleResult[]> {
  const created = await api.post('/api/workflows', {
    name: 'Bench: ASL Map scale',
    format: 'asl',
    definition: aslMapMachine(),
  });
  if (created.status !== 201)
    throw new Error(`creating the Map bench workflow answered ${created.status}: ${JSON.stringify(created.body)}`);
  const results: MapScaleResult[] = [];
  for (const items of options.mapItems) {
    const unfinished = results.find((result) => result.seconds === null);
    if (unfinished) {
      results.push({ items, seconds: null, note: `skipped: ${unfinished.items} items did not finish` });
      continue;
    }
    results.push(
      await timed(`${tier} map ${items} items`, () =>
        runMap(api, created.body.id, items, tracker, options.mapTimeoutMs),
      ),
    );
  }
  return results;
}

async function runMap(
  api: TestApiClient,
  workflowId: string,
  items: number,
  tracker: CompletionTracker,
  timeoutMs: number,
): Promise<MapScaleResult> {
  const input = mapInput(items);
  const started = performance.now();
  const start = await api.post(`/api/workflows/${workflowId}/execute`, { input, mode: 'queued' });
  if (start.status !== 201 || start.body.durability !== 'standard')
    throw new Error(`Map ${items} start answered ${start.status}: ${JSON.stringify(start.body)}`);
  const executionId = start.body.executionId as string;
  let status: string;
  try {
    status = await tracker.whenFinished(executionId, Math.max(1, timeoutMs - (performance.now() - started)));
  } catch {
    const cancelled = await api.delete(`/api/executions/${executionId}`);
    if (cancelled.status === 200) await tracker.whenFinished(executionId, CANCEL_WAIT_MS).catch(() => undefined);
    return { items, seconds: null, note: `timed out after ${Math.round(timeoutMs / 1000)} s` };
  }
  const seconds = (performance.now() - started) / 1000;
  if (status !== 'completed') throw new Error(`Map ${items} execution ${executionId} ended ${status}`);
  // Outside the timing: every item came through, in order.
  const execution = await api.get(`/api/executions/${executionId}`);
  const output = execution.body?.output as unknown[] | undefined;
  if (!Array.isArray(output) || output.length !== items || output.some((value, i) => value !== i))
    throw new Error(`Map ${items} output is not its ${items} items: ${JSON.stringify(output)?.slice(0, 200)}`);
  return { items, seconds };
}
