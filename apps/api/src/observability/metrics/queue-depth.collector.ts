import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { ALL_QUEUE_NAMES } from '../../queue/queue-names';
import { BatonMetrics } from './baton-metrics';

// A scrape must answer even when the queue backend does not; Prometheus' own default timeout is 10 s.
const COUNT_TIMEOUT_MS = 3000;

/**
 * `baton_queue_jobs{queue,state}` read at scrape time through BullMQ's Queue API, so it works the
 * same on Redis and on BullMQ's PostgreSQL tables. Every process reports the whole queue: sum
 * nothing across processes, take max by (queue, state).
 */
@Injectable()
export class QueueDepthCollector implements OnModuleInit {
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly modules: ModuleRef,
    private readonly metrics: BatonMetrics,
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
        await Promise.all(
          queues.map(async ({ name, queue }) => {
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
        );
      },
    );
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
