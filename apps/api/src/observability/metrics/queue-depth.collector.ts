import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ALL_QUEUE_NAMES, QUEUE_NAMES } from '../../queue/queue-names';
import { BatonMetrics } from './baton-metrics';

// A scrape must answer even when the queue backend does not; Prometheus' own default timeout is 10 s.
const COUNT_TIMEOUT_MS = 3000;

/**
 * `baton_queue_jobs{queue,state}` read at scrape time through BullMQ's Queue API, so it works the
 * same on Redis and on BullMQ's PostgreSQL tables. Every process reports the whole queue: sum
 * nothing across processes, take max by (queue, state). `stalled` (step jobs whose worker stopped
 * renewing them) is not a BullMQ state one can count: it is read from the journal, as running
 * steps whose lease ran out and that recovery or BullMQ's stalled check has not taken back yet.
 */
@Injectable()
export class QueueDepthCollector implements OnModuleInit {
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly modules: ModuleRef,
    private readonly metrics: BatonMetrics,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const queues = ALL_QUEUE_NAMES.map((name) => ({
      name,
      queue: this.modules.get<Queue>(getQueueToken(name), { strict: false }),
    }));
    this.metrics.gauge(
      'baton_queue_jobs',
      'Jobs per queue and state (waiting includes prioritized jobs: every step job has a priority)',
      ['queue', 'state'],
      async (gauge) => {
        gauge.reset();
        await Promise.all([
          ...queues.map(async ({ name, queue }) => {
            try {
              const counts = await withTimeout(
                queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed'),
                COUNT_TIMEOUT_MS,
              );
              gauge.set({ queue: name, state: 'waiting' }, (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0));
              gauge.set({ queue: name, state: 'active' }, counts['active'] ?? 0);
              gauge.set({ queue: name, state: 'delayed' }, counts['delayed'] ?? 0);
            } catch (error) {
              // The series go missing for this scrape, which alerting on absent() notices.
              this.logger.warn(`queue ${name} depth not read: ${(error as Error).message}`);
            }
          }),
          this.countStalledSteps().then(
            (stalled) => gauge.set({ queue: QUEUE_NAMES.steps, state: 'stalled' }, stalled),
            (error: unknown) => this.logger.warn(`stalled steps not counted: ${(error as Error).message}`),
          ),
        ]);
      },
    );
  }

  // Served by the partial index on running steps' leases (execution_steps_running_idx).
  private async countStalledSteps(): Promise<number> {
    const rows: Array<{ n: number }> = await withTimeout(
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM execution_steps WHERE status = 'running' AND lease_until < now()`,
      ),
      COUNT_TIMEOUT_MS,
    );
    return Number(rows[0]?.n ?? 0);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
