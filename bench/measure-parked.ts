import { Queue, type QueueOptions } from 'bullmq';
import type { WorkflowEngine } from '@baton/engine';
import { QUEUE_NAMES } from '../apps/api/src/queue/queue-names';
import type { TestApiClient } from '../apps/api-e2e/src/support/api-client';
import { PARKED_FIRST, type BenchOptions } from './read-bench-options';
import { timed } from './report-progress';
import { collectGarbage } from './track-memory';

export interface ParkedResult {
  /** BENCH_PARKED. */
  asked: number;
  /** Executions parked when the memory and the second sweep were measured (fewer than asked: budget spent). */
  parked: number;
  /** Queued starts per second while parking them (start request to delayed job). */
  startsPerSecond: number;
  /**
   * RSS and JS heap with `parked` executions parked minus with PARKED_FIRST parked, both after a
   * full GC, in MB: the growth of `parked − PARKED_FIRST` executions.
   */
  rssMb: number;
  heapMb: number;
  /** One `recoverStalledWork` pass with PARKED_FIRST, then with `parked` executions parked, in ms. */
  sweepFewMs: number;
  sweepAllMs: number;
}

/** How long a parked execution waits: far longer than the bench, so none wakes up during it. */
const PARK_MS = 3_600_000;
/** How long the delayed jobs of started executions may take to appear. */
const PARK_WAIT_MS = 60_000;
const MB = 1024 * 1024;

/** trigger.manual → flow.delay of one hour: the step is parked as a delayed job, no worker waits. */
function parkedWorkflow() {
  return {
    nodes: [
      { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { inputs: {} } },
      { id: 'wait', type: 'flow.delay', position: { x: 200, y: 0 }, data: { inputs: { ms: PARK_MS } } },
    ],
    edges: [{ id: 'start-wait', source: 'start', target: 'wait', sourceHandle: 'out', targetHandle: 'in' }],
  };
}

/**
 * The parked row: queued executions that reach a one-hour `flow.delay` and wait there. Memory is
 * read after a full GC with PARKED_FIRST parked and swept once (pools, caches and prepared plans
 * of this path warm, earlier rows' garbage gone) and again with all of them; the stalled-work sweep
 * (what ExecutionRecoveryService runs at boot and every 30 s) is timed once with PARKED_FIRST and
 * once with all of them parked. An execution counts as parked once the queue holds its delayed
 * job. Run last in a tier: the parked executions stay until the tier is removed.
 */
export async function measureParked(
  tier: string,
  api: TestApiClient,
  engine: WorkflowEngine,
  queueOptions: QueueOptions,
  options: BenchOptions,
): Promise<ParkedResult> {
  const created = await api.post('/api/workflows', {
    name: 'Bench: parked on a 1 h delay',
    format: 'graph',
    definition: parkedWorkflow(),
  });
  if (created.status !== 201)
    throw new Error(`creating the parked bench workflow answered ${created.status}: ${JSON.stringify(created.body)}`);
  const queue = new Queue(QUEUE_NAMES.steps, queueOptions);
  try {
    await queue.waitUntilReady();
    const delayedBefore = await queue.getDelayedCount();
    const startOne = async () => {
      const started = await api.post(`/api/workflows/${created.body.id}/execute`, { input: {}, mode: 'queued' });
      if (started.status !== 201 || started.body.durability !== 'standard')
        throw new Error(`parked start answered ${started.status}: ${JSON.stringify(started.body)}`);
    };
    const waitParked = async (count: number) => {
      const deadline = Date.now() + PARK_WAIT_MS;
      while ((await queue.getDelayedCount()) - delayedBefore < count) {
        if (Date.now() > deadline) throw new Error(`${count} executions were not all parked within ${PARK_WAIT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    await startMany(startOne, PARKED_FIRST, options.concurrency, Number.POSITIVE_INFINITY);
    await waitParked(PARKED_FIRST);
    const sweepFewMs = await timedSweep(`${tier} sweep, ${PARKED_FIRST} parked`, engine);
    const before = settledMemory();

    const parkingStarted = performance.now();
    const more = await timed(`${tier} parking up to ${options.parked}`, () =>
      startMany(startOne, options.parked - PARKED_FIRST, options.concurrency, options.parkedBudgetMs),
    );
    const parked = PARKED_FIRST + more;
    await waitParked(parked);
    const startsPerSecond = more / ((performance.now() - parkingStarted) / 1000);
    const after = settledMemory();
    const sweepAllMs = await timedSweep(`${tier} sweep, ${parked} parked`, engine);
    return {
      asked: options.parked,
      parked,
      startsPerSecond,
      rssMb: (after.rss - before.rss) / MB,
      heapMb: (after.heapUsed - before.heapUsed) / MB,
      sweepFewMs,
      sweepAllMs,
    };
  } finally {
    await queue.close();
  }
}

/** `concurrency` callers start executions until `count` have started or the budget is spent; resolves with how many. */
async function startMany(
  startOne: () => Promise<void>,
  count: number,
  concurrency: number,
  budgetMs: number,
): Promise<number> {
  const deadline = performance.now() + budgetMs;
  let started = 0;
  const caller = async () => {
    while (started < count && performance.now() < deadline) {
      started++;
      await startOne();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, caller));
  return started;
}

/** Memory after two full collections (the second frees what the first one's finalizers released). */
function settledMemory(): NodeJS.MemoryUsage {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage();
}

async function timedSweep(label: string, engine: WorkflowEngine): Promise<number> {
  return timed(label, async () => {
    const started = performance.now();
    await engine.recoverStalledWork();
    return performance.now() - started;
  });
}
