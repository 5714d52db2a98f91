import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeClock } from '@baton/engine';
import { buildDataSourceOptions, ExecutionRetentionRepository, runMigrationsUnderLock } from '@baton/persistence';
import { DataSource } from 'typeorm';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { BatonMetrics } from '../../../api/src/observability/metrics/baton-metrics';
import { ExecutionRetentionService } from '../../../api/src/operations/retention/execution-retention.service';
import { TestApiClient } from '../support/api-client';
import { delayedGraph, doublingGraph, edge, node } from '../support/graphs';
import { setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { createTestDatabase, type TestDatabase } from '../support/test-services';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';
import { parsePrometheusText, sampleValue } from '../observability/parse-prometheus-text';

const DAY_MS = 24 * 3600_000;
const INTERVAL_SECONDS = 3600;

const failingGraph = () => ({
  nodes: [node('start', 'trigger.manual'), node('stop', 'flow.fail', { error: 'RETENTION_TEST_FAILED' }, 200)],
  edges: [edge('start', 'stop')],
});

// Retention on the embedded tier (PGlite), driven by a FakeClock: the job's schedule and its
// cut-off both read the clock, so days pass in a test that runs real executions.
describe('execution retention (embedded tier, fake clock)', () => {
  let environment: TierEnvironment;
  let baton: RunningBaton;
  let owner: TestApiClient;
  let dataSource: DataSource;
  let metrics: BatonMetrics;
  let shortLived: string;
  let defaultKept: string;

  const config = {
    operations: {
      retentionDays: 30,
      retentionFailedDays: 60,
      retentionIntervalSeconds: INTERVAL_SECONDS,
      retentionBatchSize: 3,
    },
  };

  /** A retention job on the app's database whose clock starts `daysAfter` days from now. */
  const retentionAt = (daysAfter: number) => {
    const clock = new FakeClock(Date.now() + daysAfter * DAY_MS);
    const service = new ExecutionRetentionService(new ExecutionRetentionRepository(dataSource), metrics, clock, config);
    return { clock, service };
  };

  /** Lets the scheduled run fire (the clock passes one interval) and waits for it to finish. */
  const runScheduled = async (job: ReturnType<typeof retentionAt>) => {
    job.service.onApplicationBootstrap();
    job.clock.advance(INTERVAL_SECONDS * 1000);
    const report = await job.service.run();
    await job.service.onApplicationShutdown();
    return report;
  };

  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    Number((await dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0].n);

  const tableSizes = async () => ({
    executions: await count('executions'),
    execution_steps: await count('execution_steps'),
    execution_events: await count('execution_events'),
  });

  const execute = async (workflowId: string, mode: 'immediate' | 'queued' = 'immediate') => {
    const response = await owner.post(`/api/workflows/${workflowId}/execute`, { input: { value: 1 }, mode });
    expect(response.status).toBe(201);
    return response.body.executionId as string;
  };

  const statusOf = async (id: string) => (await owner.get(`/api/executions/${id}`)).status;

  beforeAll(async () => {
    environment = await prepareTier('embedded');
    baton = await startInProcessBaton({ ...environment.env, BATON_RETENTION_INTERVAL_SECONDS: '86400' });
    owner = await setUpOwner(new TestApiClient(baton.url));
    dataSource = baton.app.get(DataSource);
    metrics = baton.app.get(BatonMetrics);
    const create = async (name: string, definition: unknown, settings: Record<string, unknown> = {}) => {
      const response = await owner.post('/api/workflows', { name, format: 'graph', definition, settings });
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    shortLived = await create('Kept 5 days', doublingGraph(), { retentionDays: 5 });
    defaultKept = await create('Kept by default', doublingGraph());
    const failing = await create('Fails, kept 5 days', failingGraph(), { retentionDays: 5 });
    Object.assign(ids, {
      short: [
        await execute(shortLived),
        await execute(shortLived),
        await execute(shortLived),
        await execute(shortLived),
      ],
      byDefault: [await execute(defaultKept)],
      failed: [await execute(failing)],
      // Never finishes while the test runs: live executions are never pruned, however old.
      live: [await execute(await create('Waits an hour', delayedGraph(3600_000)), 'queued')],
    });
  }, 60_000);

  const ids: Record<'short' | 'byDefault' | 'failed' | 'live', string[]> = {
    short: [],
    byDefault: [],
    failed: [],
    live: [],
  };

  afterAll(async () => {
    await baton?.close();
    await environment?.cleanup();
  });

  it('refuses a retentionDays that is not a whole number of days from 1 to 3650, naming the field', async () => {
    for (const retentionDays of [0, 3651, 1.5, 'ten']) {
      const response = await owner.put(`/api/workflows/${defaultKept}`, { settings: { retentionDays } });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.message)).toContain('settings.retentionDays');
    }
    const read = await owner.get(`/api/workflows/${shortLived}`);
    expect(read.body.settings).toMatchObject({ retentionDays: 5 });
  });

  it('keeps everything younger than its retention', async () => {
    const before = await tableSizes();
    const report = await runScheduled(retentionAt(4));
    expect(report).toMatchObject({ skipped: false, pruned: { executions: 0 } });
    expect(await tableSizes()).toEqual(before);
  });

  it('deletes, in small batches, the workflow-retained runs with their steps and events, and nothing else', async () => {
    const stepsOfShort = await count('execution_steps', 'execution_id = ANY($1::uuid[])', [ids.short]);
    const eventsOfShort = await count('execution_events', 'execution_id = ANY($1::uuid[])', [ids.short]);
    expect(stepsOfShort).toBeGreaterThan(0);
    const before = await tableSizes();
    const prunedBefore =
      sampleValue(parsePrometheusText(await metrics.registry.metrics()), 'baton_retention_pruned_rows_total', {
        table: 'executions',
      }) ?? 0;

    const report = await runScheduled(retentionAt(6));

    // Four executions in batches of three: two batches.
    expect(report.batches).toBe(2);
    expect(report.pruned).toMatchObject({
      executions: 4,
      execution_steps: stepsOfShort,
      execution_events: eventsOfShort,
    });
    for (const id of ids.short) expect(await statusOf(id)).toBe(404);
    for (const id of [...ids.byDefault, ...ids.failed, ...ids.live]) expect(await statusOf(id)).toBe(200);
    expect(await tableSizes()).toEqual({
      executions: before.executions - 4,
      execution_steps: before.execution_steps - stepsOfShort,
      execution_events: before.execution_events - eventsOfShort,
    });
    const scrape = parsePrometheusText(await metrics.registry.metrics());
    expect(sampleValue(scrape, 'baton_retention_pruned_rows_total', { table: 'executions' })).toBe(prunedBefore + 4);
    expect(
      sampleValue(scrape, 'baton_retention_pruned_rows_total', { table: 'execution_steps' }),
    ).toBeGreaterThanOrEqual(stepsOfShort);
  });

  it('takes the installation default after 30 days and keeps failed runs for BATON_RETENTION_FAILED_DAYS', async () => {
    await runScheduled(retentionAt(31));
    expect(await statusOf(ids.byDefault[0])).toBe(404);
    // Its workflow says 5 days, but failed runs are kept at least the 60 failed days.
    expect(await statusOf(ids.failed[0])).toBe(200);
    await runScheduled(retentionAt(61));
    expect(await statusOf(ids.failed[0])).toBe(404);
    expect(await statusOf(ids.live[0])).toBe(200);
  });

  it('keeps the tables flat over repeated rounds of runs and pruning', async () => {
    const sizes: Array<Awaited<ReturnType<typeof tableSizes>>> = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) await execute(i % 2 ? shortLived : defaultKept);
      await runScheduled(retentionAt(31));
      sizes.push(await tableSizes());
    }
    // Only the live execution remains after each round.
    expect(sizes[1]).toEqual(sizes[0]);
    expect(sizes[2]).toEqual(sizes[0]);
    expect(sizes[0].executions).toBe(1);
  });
});

// The lock on PostgreSQL: a second process finds the batch lock taken and skips its run. (The
// embedded database has one process per data dir and one session, so the lock only matters here.)
describe('retention lock (postgres)', () => {
  let database: TestDatabase;
  let first: DataSource;
  let second: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrationsUnderLock({ url: database.url, poolSize: 2 });
    first = await new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 2 })).initialize();
    second = await new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 2 })).initialize();
  });

  afterAll(async () => {
    await first?.destroy();
    await second?.destroy();
    await database?.drop();
  });

  it('runs in one process at a time', async () => {
    const policy = { now: new Date(), defaultDays: 30, failedDays: null, batchSize: 10 };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = first.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7402, 1)');
      locked();
      await held;
    });
    await isLocked;
    expect(await new ExecutionRetentionRepository(second).pruneBatch(policy)).toEqual({ locked: false });
    release();
    await holder;
    expect(await new ExecutionRetentionRepository(second).pruneBatch(policy)).toMatchObject({ locked: true });
  });
});
