import { WorkflowEngine } from '@baton/engine';
import { startBaton, type RunningBaton } from '../apps/api/src/bootstrap/start-baton';
import { loadConfig } from '../apps/api/src/config/load-config';
import { LocalEventSink } from '../apps/api/src/engine-wiring/local-event.sink';
import { TestApiClient } from '../apps/api-e2e/src/support/api-client';
import { setUpOwner } from '../apps/api-e2e/src/support/identities';
import { ASL_RUNS, ASL_STATE_TRANSITIONS, aslBenchMachine } from './asl-machine';
import { CompletionTracker } from './completion-tracker';
import { LINEAR_WORKFLOW_INPUT, linearWorkflow } from './linear-workflow';
import { CHAIN_RUNS, measureBatonMode, type BenchMode, type ModeResult } from './measure-baton-mode';
import { measureMapScale, type MapScaleResult } from './measure-map-scale';
import { measureParked, type ParkedResult } from './measure-parked';
import { measureRawBullmq, type RawResult } from './measure-raw-bullmq';
import {
  measurePlainHttpBaseline,
  measureWebhookFlow,
  WEBHOOK_RUNS,
  type WebhookFlowResult,
} from './measure-webhook-flow';
import { onInterrupt } from './on-interrupt';
import { type BenchTier, prepareBenchTier, type TierName } from './prepare-bench-tier';
import type { BenchOptions } from './read-bench-options';
import { timed } from './report-progress';

export interface TierResult {
  tier: TierName;
  /** The BullMQ backend Baton chose for the tier (and the raw baseline used). */
  queueBackend: string;
  raw: RawResult;
  /** The 10-step chain in each of CHAIN_RUNS. */
  modes: ModeResult[];
  /** The 10-state ASL machine in each of ASL_RUNS. */
  aslModes: ModeResult[];
  /** The plain node:http baseline, then the sync webhook flow in each of WEBHOOK_RUNS. */
  webhookFlow: WebhookFlowResult[];
  /** The ASL Map over each of BENCH_MAP_ITEMS, smallest first. */
  mapScale: MapScaleResult[];
  parked: ParkedResult;
}

/**
 * Boots one Baton in this process on a fresh tier, measures the raw BullMQ baseline on the
 * connection Baton configured, then the chain, ASL, webhook, Map scale and parked rows (parked
 * last: its executions stay until the end); removes the tier.
 */
export async function runTier(tier: TierName, options: BenchOptions): Promise<TierResult> {
  let environment: BenchTier | null = null;
  let baton: RunningBaton | null = null;
  let tracker: CompletionTracker | null = null;
  let stopped: Promise<void> | null = null;
  // Once only: an interrupt and the finally block may both ask.
  const stop = () =>
    (stopped ??= (async () => {
      tracker?.close();
      await baton?.close();
      await environment?.cleanup();
    })());
  // Registered before anything exists, so an interrupt at any point removes what was created.
  const unregister = onInterrupt(stop);
  try {
    const prepared = (environment = await prepareBenchTier(tier, options));
    baton = await timed(`${tier} boot`, () => startBaton(loadConfig(prepared.env)));
    const api = await setUpOwner(new TestApiClient(baton.url), 'bench@example.test', 'bench password');
    const created = await api.post('/api/workflows', {
      name: 'Bench: 10-step chain',
      format: 'graph',
      definition: linearWorkflow(),
    });
    if (created.status !== 201)
      throw new Error(`creating the bench workflow answered ${created.status}: ${JSON.stringify(created.body)}`);
    tracker = new CompletionTracker(baton.app.get(LocalEventSink));

    // Raw first, on empty queue tables: the baseline is the best case of the same backend.
    const raw = await measureRawBullmq(`${tier} raw`, baton.runtime.queue.options, options);
    const modes: ModeResult[] = [];
    for (const run of CHAIN_RUNS) modes.push(await measureBatonMode(tier, api, created.body.id, run, tracker, options));
    const aslModes: ModeResult[] = [];
    for (const run of ASL_RUNS) {
      const aslWorkflowId = await createAslWorkflow(api, run.mode);
      aslModes.push(await measureBatonMode(`${tier} asl`, api, aslWorkflowId, run, tracker, options));
    }
    const webhookFlow = [await measurePlainHttpBaseline(tier, options)];
    for (const run of WEBHOOK_RUNS) webhookFlow.push(await measureWebhookFlow(tier, api, run, options));
    const mapScale = await measureMapScale(tier, api, tracker, options);
    const engine = baton.app.get(WorkflowEngine);
    const parked = await measureParked(tier, api, engine, baton.runtime.queue.options, options);
    return { tier, queueBackend: baton.runtime.queue.kind, raw, modes, aslModes, webhookFlow, mapScale, parked };
  } finally {
    unregister();
    await stop();
  }
}

/**
 * Creates the ASL bench machine and runs it once, checking through the history endpoint that a
 * run is the ASL_STATE_TRANSITIONS transitions the per-transition figures divide by.
 */
async function createAslWorkflow(api: TestApiClient, mode: BenchMode): Promise<string> {
  const created = await api.post('/api/workflows', {
    name: 'Bench: 10-state ASL machine',
    format: 'asl',
    definition: aslBenchMachine(),
  });
  if (created.status !== 201)
    throw new Error(`creating the ASL bench workflow answered ${created.status}: ${JSON.stringify(created.body)}`);
  const started = await api.post(`/api/workflows/${created.body.id}/execute`, { input: LINEAR_WORKFLOW_INPUT, mode });
  if (started.status !== 201)
    throw new Error(`ASL ${mode} start answered ${started.status}: ${JSON.stringify(started.body)}`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const history = await api.get(`/api/executions/${started.body.executionId}/history`);
    const ended = history.body.events?.some((event: { type: string }) =>
      /^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(event.type),
    );
    if (ended) {
      if (history.body.stateTransitions !== ASL_STATE_TRANSITIONS) {
        throw new Error(
          `the ASL bench machine made ${history.body.stateTransitions} state transitions, not ${ASL_STATE_TRANSITIONS}: ${JSON.stringify(history.body.events)}`,
        );
      }
      return created.body.id;
    }
    if (Date.now() > deadline)
      throw new Error(`the ASL bench check run did not finish: ${JSON.stringify(history.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
