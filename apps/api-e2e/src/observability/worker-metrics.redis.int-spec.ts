import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { QUEUE_NAMES } from '../../../api/src/queue/queue-names';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';
import { parsePrometheusText, sampleValue } from './parse-prometheus-text';

// A worker-only process (tier 3: PostgreSQL + Redis) serves its own /metrics on the listener it
// already has for health checks, and reads queue depth from Redis.
describe('GET /metrics of a worker process on the Redis tier', () => {
  let environment: TierEnvironment;
  let worker: RunningBaton;

  beforeAll(async () => {
    environment = await prepareTier('redis');
    worker = await startInProcessBaton({ ...environment.env, BATON_ROLE: 'worker' });
  });

  afterAll(async () => {
    await worker?.close();
    await environment?.cleanup();
  });

  it('reports its role and the jobs waiting in Redis', async () => {
    // A step job due in an hour: the worker leaves it delayed, so the depth is known exactly.
    const steps = worker.app.get<Queue>(getQueueToken(QUEUE_NAMES.steps));
    await steps.add('step', { executionId: 'no-such-execution', stepId: 'a', attempt: 1 }, { delay: 3_600_000 });
    const response = await fetch(`${worker.url}/metrics`);
    expect(response.status).toBe(200);
    const scrape = parsePrometheusText(await response.text());
    expect(scrape.samples).toContainEqual(
      expect.objectContaining({
        name: 'baton_process_info',
        labels: { role: 'worker', tier: '3', queue_backend: 'redis' },
      }),
    );
    expect(sampleValue(scrape, 'baton_queue_jobs', { queue: QUEUE_NAMES.steps, state: 'delayed' })).toBe(1);
    expect(sampleValue(scrape, 'baton_queue_jobs', { queue: QUEUE_NAMES.steps, state: 'waiting' })).toBe(0);
    expect(scrape.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
  });
});
