import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildDataSourceOptions,
  ExecutionRetentionRepository,
  runMigrationsUnderLock,
  UsageRepository,
} from '@baton/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/test-services';

const ENDED = new Date('2026-11-03T10:00:00Z');
const WINDOW = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };

// Usage outlives retention: the job rolls the deleted runs' step costs up per day first, and the
// report answers the same totals afterwards (machine's PostgreSQL; the e2e suites cover PGlite).
describe('usage rollups under retention (PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let usage: UsageRepository;
  let retention: ExecutionRetentionRepository;
  const workspaceId = randomUUID();
  const workflowId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrationsUnderLock({ url: database.url, poolSize: 2 });
    dataSource = new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 2 }));
    await dataSource.initialize();
    usage = new UsageRepository(dataSource);
    retention = new ExecutionRetentionRepository(dataSource);
    await dataSource.query(`INSERT INTO workspaces (id, name) VALUES ($1, 'w')`, [workspaceId]);
    await dataSource.query(
      `INSERT INTO workflows (id, workspace_id, name, format, current_version) VALUES ($1, $2, 'Reports', 'graph', 1)`,
      [workflowId, workspaceId],
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  async function endedRun(workflow: string | null, steps: Array<[string, number, number]>): Promise<void> {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO executions (id, workspace_id, workflow_id, format, definition, status, mode, created_at, ended_at)
       VALUES ($1, $2, $3, 'graph', '{}', 'completed', 'queued', $4, $4)`,
      [id, workspaceId, workflow, ENDED],
    );
    for (const [i, [nodeType, credits, tokens]] of steps.entries())
      await dataSource.query(
        `INSERT INTO execution_steps (execution_id, step_id, node_id, status, ended_at, credits, tokens, node_type)
         VALUES ($1, $2, $2, 'completed', $3, $4, $5, $6)`,
        [id, `s${i}`, ENDED, credits, tokens, nodeType],
      );
  }

  it('answers the same report by day, workflow and node type after the runs were pruned', async () => {
    await endedRun(workflowId, [
      ['trigger.manual@1', 0, 0],
      ['ai.generate@1', 1.25, 125],
    ]);
    await endedRun(workflowId, [
      ['trigger.manual@1', 0, 0],
      ['ai.generate@1', 2.5, 750],
      ['util.log@1', 1, 0],
    ]);
    await endedRun(null, [['util.log@1', 1, 0]]);
    const reports = async () =>
      Promise.all(
        (['day', 'workflow', 'nodeType'] as const).map((groupBy) =>
          usage.report(workspaceId, WINDOW.from, WINDOW.to, groupBy),
        ),
      );
    const before = await reports();
    expect(before[0].groups).toEqual([
      { key: '2026-11-03', label: null, credits: 5.75, tokens: 875, steps: 6, executions: 3 },
    ]);
    expect(before[1].groups).toEqual([
      { key: workflowId, label: 'Reports', credits: 4.75, tokens: 875, steps: 5, executions: 2 },
      { key: null, label: null, credits: 1, tokens: 0, steps: 1, executions: 1 },
    ]);

    const pruned = await retention.pruneBatch({
      now: new Date('2027-06-01T00:00:00Z'),
      defaultDays: 30,
      failedDays: null,
      batchSize: 500,
    });
    expect(pruned).toMatchObject({ locked: true, pruned: { executions: 3, execution_steps: 6 } });
    expect(await reports()).toEqual(before);
    // A window that starts after the day leaves the rolled-up day out.
    expect((await usage.report(workspaceId, new Date('2026-11-04T00:00:00Z'), WINDOW.to, 'day')).groups).toEqual([]);
  });
});
