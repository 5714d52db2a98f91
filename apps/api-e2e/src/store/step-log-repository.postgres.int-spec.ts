import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildDataSourceOptions,
  runMigrationsUnderLock,
  type StepLogRecord,
  StepLogRepository,
} from '@baton/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/test-services';

// The step logs table on the machine's PostgreSQL (the embedded tier runs it through the API e2e):
// one statement per attempt, reads by attempt, and the trigger that removes an execution's lines.
describe('StepLogRepository (PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let repository: StepLogRepository;
  const workspaceId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrationsUnderLock({ url: database.url, poolSize: 2 });
    dataSource = new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 2 }));
    await dataSource.initialize();
    repository = new StepLogRepository(dataSource);
    await dataSource.query(`INSERT INTO workspaces (id, name) VALUES ($1, 'w')`, [workspaceId]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const line = (executionId: string, stepId: string, attempt: number, message: string): StepLogRecord => ({
    executionId,
    stepId,
    attempt,
    level: 'info',
    message,
    data: { message, quote: 'it\'s "fine"' },
    loggedAt: new Date('2026-01-01T00:00:00Z'),
  });

  it('answers the lines of the attempts asked for, in the order written', async () => {
    const id = randomUUID();
    await repository.append([line(id, 'a', 1, 'one'), line(id, 'a', 1, 'two')]);
    await repository.append([line(id, 'a', 2, 'three'), line(id, 'b.0', 1, 'four')]);
    await repository.append([line(randomUUID(), 'a', 1, 'other execution')]);
    const found = await repository.findForAttempts(id, [
      { stepId: 'a', attempt: 1 },
      { stepId: 'b.0', attempt: 1 },
    ]);
    expect(found.map((l) => `${l.stepId}#${l.attempt}:${l.message}`)).toEqual(['a#1:one', 'a#1:two', 'b.0#1:four']);
    expect(found[0]).toEqual(line(id, 'a', 1, 'one'));
    expect(await repository.findForAttempts(id, [])).toEqual([]);
  });

  it('removes an execution’s lines when the execution row is deleted, and only those', async () => {
    const [gone, kept] = [randomUUID(), randomUUID()];
    for (const id of [gone, kept]) {
      await dataSource.query(
        `INSERT INTO executions (id, workspace_id, format, definition, status, mode, created_at)
         VALUES ($1, $2, 'graph', '{}', 'completed', 'immediate', now())`,
        [id, workspaceId],
      );
      await repository.append([line(id, 'a', 1, 'x')]);
    }
    await dataSource.query(`DELETE FROM executions WHERE id = $1`, [gone]);
    expect(await repository.findForAttempts(gone, [{ stepId: 'a', attempt: 1 }])).toEqual([]);
    expect(await repository.findForAttempts(kept, [{ stepId: 'a', attempt: 1 }])).toHaveLength(1);
  });
});
