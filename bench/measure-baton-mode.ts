import type { TestApiClient } from '../apps/api-e2e/src/support/api-client';
import type { CompletionTracker } from './completion-tracker';
import { isBenchOutput, LINEAR_WORKFLOW_INPUT } from './linear-workflow';
import { measureLatency, measureThroughput, warmUp, type LatencyResult, type ThroughputResult } from './measure-phases';
import type { BenchOptions } from './read-bench-options';
import { timed } from './report-progress';

export type BenchMode = 'immediate' | 'queued';
export type BenchDurability = 'express' | 'standard';

/** How a row's executions start and what durability the engine must report for them. */
export interface BenchRun {
  mode: BenchMode;
  durability: BenchDurability;
}

/**
 * The chain's rows: immediate runs are express by default (nothing written until the run ends);
 * immediate with `options.durability: 'standard'` journals every step in the request; queued
 * runs are always standard.
 */
export const CHAIN_RUNS: readonly BenchRun[] = [
  { mode: 'immediate', durability: 'express' },
  { mode: 'immediate', durability: 'standard' },
  { mode: 'queued', durability: 'standard' },
];

export interface ModeResult extends BenchRun {
  latency: LatencyResult;
  throughput: ThroughputResult;
}

/**
 * Runs the benchmark workflow through the REST API over loopback, as a client would:
 * `POST /api/workflows/:id/execute`. Immediate mode finishes in the response; queued mode
 * finishes when the execution's terminal event is published. Express is asked for by leaving
 * durability to the engine's default, standard immediate runs by `options.durability`; every
 * start must report the mode and durability the row is labelled with.
 */
export async function measureBatonMode(
  tierLabel: string,
  api: TestApiClient,
  workflowId: string,
  { mode, durability }: BenchRun,
  tracker: CompletionTracker,
  options: BenchOptions,
): Promise<ModeResult> {
  const body = {
    input: LINEAR_WORKFLOW_INPUT,
    mode,
    ...(mode === 'immediate' && durability === 'standard' ? { options: { durability } } : {}),
  };
  const runOneExecution = async () => {
    const started = await api.post(`/api/workflows/${workflowId}/execute`, body);
    if (started.status !== 201 || started.body.mode !== mode || started.body.durability !== durability) {
      throw new Error(`${mode} ${durability} start answered ${started.status}: ${JSON.stringify(started.body)}`);
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

  const label = `${tierLabel} ${mode} ${durability}`;
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
  return { mode, durability, latency, throughput };
}
