import type { TestApiClient } from '../apps/api-e2e/src/support/api-client';
import type { CompletionTracker } from './completion-tracker';
import { isBenchOutput, LINEAR_WORKFLOW_INPUT } from './linear-workflow';
import { measureLatency, measureThroughput, warmUp, type LatencyResult, type ThroughputResult } from './measure-phases';
import type { BenchOptions } from './read-bench-options';
import { timed } from './report-progress';

export type BenchMode = 'immediate' | 'queued';

export interface ModeResult {
  mode: BenchMode;
  latency: LatencyResult;
  throughput: ThroughputResult;
}

/**
 * Runs the benchmark workflow through the REST API over loopback, as a client would:
 * `POST /api/workflows/:id/execute`. Immediate mode finishes in the response; queued mode
 * finishes when the execution's terminal event is published.
 */
export async function measureBatonMode(
  tierLabel: string,
  api: TestApiClient,
  workflowId: string,
  mode: BenchMode,
  tracker: CompletionTracker,
  options: BenchOptions,
): Promise<ModeResult> {
  const runOneExecution = async () => {
    const started = await api.post(`/api/workflows/${workflowId}/execute`, { input: LINEAR_WORKFLOW_INPUT, mode });
    if (started.status !== 201 || started.body.mode !== mode) {
      throw new Error(`${mode} start answered ${started.status}: ${JSON.stringify(started.body)}`);
    }
    if (mode === 'immediate') {
      // Immediate answers with the status it reached; anything but a finished run would make the timing meaningless.
      if (started.body.status !== 'completed' || !isBenchOutput(started.body.output)) {
        throw new Error(`immediate execution did not complete in the request: ${JSON.stringify(started.body)}`);
      }
      return;
    }
    const status = await tracker.whenFinished(started.body.executionId);
    if (status !== 'completed') throw new Error(`queued execution ${started.body.executionId} ended ${status}`);
  };

  const label = `${tierLabel} ${mode}`;
  const budgetMs = options.phaseBudgetMs;
  await timed(`${label} warm-up`, () =>
    warmUp(runOneExecution, { count: options.warmup, budgetMs: budgetMs / 2 }, options.concurrency),
  );
  const latency = await timed(`${label} latency`, () =>
    measureLatency(runOneExecution, { count: options.latencyRuns, budgetMs }),
  );
  const throughput = await timed(`${label} throughput`, () =>
    measureThroughput(runOneExecution, { count: options.executions, budgetMs }, options.concurrency),
  );
  return { mode, latency, throughput };
}
