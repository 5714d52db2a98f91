import { Queue, Worker, type QueueOptions } from 'bullmq';
import type { BenchOptions } from './read-bench-options';
import { measureLatency, measureThroughput, warmUp, type LatencyResult, type ThroughputResult } from './measure-phases';
import { BENCH_STEPS } from './linear-workflow';
import { timed } from './report-progress';

/** Not one of Baton's queues (apps/api/src/queue/queue-names.ts), so Baton's worker never sees these jobs. */
const RAW_QUEUE = 'bench-raw-noop';
const JOB_TIMEOUT_MS = 60_000;

export interface RawResult {
  latency: LatencyResult;
  throughput: ThroughputResult;
}

/**
 * The baseline: a BullMQ Queue and a Worker with a no-op processor on the connection Baton
 * configured for this tier (same backend, same process, same worker concurrency). Jobs are added
 * one at a time with Baton's job options, so each is the round trip a Baton step pays at least.
 * The job counts match the Baton phases': one execution is BENCH_STEPS step jobs.
 */
export async function measureRawBullmq(
  label: string,
  queueOptions: QueueOptions,
  options: BenchOptions,
): Promise<RawResult> {
  const queue = new Queue(RAW_QUEUE, queueOptions);
  const waiters = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  const worker = new Worker(RAW_QUEUE, async () => undefined, {
    ...queueOptions,
    concurrency: options.workerConcurrency,
  });
  worker.on('completed', (job) => settle(job.id, null));
  worker.on('failed', (job, error) => settle(job?.id, error));
  function settle(jobId: string | undefined, error: Error | null) {
    const waiter = jobId ? waiters.get(jobId) : undefined;
    if (!waiter || !jobId) return;
    waiters.delete(jobId);
    if (error) waiter.reject(error);
    else waiter.resolve();
  }

  let sequence = 0;
  const runOneJob = async () => {
    // The waiter exists before the job does: a local worker can finish it before add() returns.
    const jobId = `raw-${++sequence}`;
    const finished = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`raw job ${jobId} did not finish within ${JOB_TIMEOUT_MS} ms`)),
        JOB_TIMEOUT_MS,
      );
      waiters.set(jobId, {
        resolve: () => (clearTimeout(timer), resolve()),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
    });
    await queue.add('noop', { n: sequence }, { jobId, removeOnComplete: true, removeOnFail: true, attempts: 1 });
    await finished;
  };

  try {
    await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);
    const budgetMs = options.phaseBudgetMs;
    await timed(`${label} warm-up`, () =>
      warmUp(runOneJob, { count: options.warmup * BENCH_STEPS, budgetMs: budgetMs / 2 }, options.concurrency),
    );
    const latency = await timed(`${label} latency`, () =>
      measureLatency(runOneJob, { count: options.latencyRuns * BENCH_STEPS, budgetMs }),
    );
    const throughput = await timed(`${label} throughput`, () =>
      measureThroughput(runOneJob, { count: options.executions * BENCH_STEPS, budgetMs }, options.concurrency),
    );
    return { latency, throughput };
  } finally {
    await worker.close();
    await queue.close();
  }
}
