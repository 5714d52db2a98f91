import { afterAll, describe, expect, it } from '@jest/globals';
import { newStepRecord, type ExecutionRecord, type StepJob, type StepWatch } from '@baton/engine';
import { TypeOrmExecutionStore } from '@baton/persistence';
import { Queue, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { BullmqStepScheduler } from '../../../api/src/engine-wiring/bullmq-step.scheduler';
import { configureQueueBackend } from '../../../api/src/queue/queue-backend';
import { QUEUE_NAMES } from '../../../api/src/queue/queue-names';
import { eventually } from '../support/api-client';
import { describeTypeOrmStoreContract } from './typeorm-store-contract';

const tier = describeTypeOrmStoreContract('redis');

/**
 * Queue interplay on tier 3: the journal is written first, then the step job is scheduled with its
 * deterministic id (STYLE.md §6). A worker that takes the job reads what the unit of work committed.
 */
describe('TypeOrmExecutionStore and the BullMQ step queue on the redis tier', () => {
  const closers: Array<() => Promise<void>> = [];

  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('a step job scheduled after its unit of work commits sees the committed step, and is added once', async () => {
    const { options } = configureQueueBackend({
      databaseUrl: tier.environment.env['DATABASE_URL'],
      redisUrl: tier.environment.env['REDIS_URL'],
      embedded: false,
      prefix: tier.environment.env['BATON_QUEUE_PREFIX'],
    });
    const store = new TypeOrmExecutionStore(tier.dataSource);
    const [{ id: workspaceId }] = await tier.dataSource.query(`SELECT id FROM workspaces LIMIT 1`);
    const execution: ExecutionRecord = {
      id: randomUUID(),
      workspaceId,
      workflowId: null,
      workflowVersionId: null,
      format: 'graph',
      definition: {},
      input: null,
      output: null,
      status: 'running',
      mode: 'queued',
      durability: 'standard',
      error: null,
      cause: null,
      createdAt: new Date(),
      startedAt: new Date(),
      endedAt: null,
      deadlineAt: null,
      redriveCount: 0,
      trigger: 'manual',
      priority: 0,
      tags: [],
    };
    await store.createExecution(execution, [newStepRecord(execution.id, 'a', 'a')]);

    const queue = new Queue(QUEUE_NAMES.steps, options);
    closers.push(() => queue.close());
    const scheduler = new BullmqStepScheduler(queue);

    const job: StepJob = { executionId: execution.id, stepId: 'a', attempt: 1 };
    await store.withExecutionLock(execution.id, async (tx) => {
      await tx.loadExecution();
      await tx.saveSteps([{ ...newStepRecord(execution.id, 'a', 'a'), status: 'running', attempt: 1, queued: true }]);
      expect(await tx.claimStep('a', new Date(Date.now() + 30_000), new Date())).toBe(true);
    });
    // A repeated schedule (a retried commit, recovery) reuses the id: one job, one run.
    await Promise.all([scheduler.schedule(job), scheduler.schedule(job)]);

    // The worker starts after both adds, so a second job would still be there to run.
    const seen: Array<{ job: StepJob; status: string | undefined; watch: StepWatch | null }> = [];
    const worker = new Worker<StepJob>(
      QUEUE_NAMES.steps,
      async (job) => {
        const snapshot = await store.findExecution(job.data.executionId);
        const watch = await store.renewStepLease(job.data, new Date(Date.now() + 30_000));
        seen.push({ job: job.data, status: snapshot?.steps.find((s) => s.stepId === job.data.stepId)?.status, watch });
        await store.withExecutionLock(job.data.executionId, async (tx) => {
          await tx.saveSteps([{ ...newStepRecord(execution.id, 'a', 'a'), status: 'completed', attempt: 1 }]);
          await tx.compareAndSetStatus(['running'], 'completed', { endedAt: new Date() });
        });
      },
      { ...options, concurrency: 2 },
    );
    closers.push(() => worker.close());

    await eventually(async () => (await store.findExecution(execution.id))?.execution.status === 'completed');
    await eventually(async () => (await queue.getJobCountByTypes('waiting', 'prioritized', 'active', 'delayed')) === 0);
    expect(seen).toEqual([{ job, status: 'running', watch: { executionStatus: 'running', executionError: null } }]);
  });
});
