import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildDataSourceOptions, CreditLimitRepository, runMigrationsUnderLock } from '@baton/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/test-services';

const NOW = new Date('2026-12-06T12:00:00Z');

// The credit limit's counter on the machine's PostgreSQL with a pool of real connections: many
// reservations racing for the last credits, estimates replaced by real step costs, month rollover.
describe('CreditLimitRepository (PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let limits: CreditLimitRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrationsUnderLock({ url: database.url, poolSize: 2 });
    dataSource = new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 12 }));
    await dataSource.initialize();
    limits = new CreditLimitRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  async function newWorkspace(): Promise<string> {
    const id = randomUUID();
    await dataSource.query(`INSERT INTO workspaces (id, name) VALUES ($1, 'w')`, [id]);
    return id;
  }

  /** An ended execution whose steps cost `credits` (one step each). */
  async function endedExecution(workspaceId: string, id: string, credits: number[]): Promise<void> {
    await dataSource.query(
      `INSERT INTO executions (id, workspace_id, format, definition, status, mode, created_at, ended_at)
       VALUES ($1, $2, 'graph', '{}', 'completed', 'queued', $3, $3)`,
      [id, workspaceId, NOW],
    );
    for (const [i, cost] of credits.entries())
      await dataSource.query(
        `INSERT INTO execution_steps (execution_id, step_id, node_id, status, ended_at, credits, node_type)
         VALUES ($1, $2, $2, 'completed', $3, $4, 'x.y@1')`,
        [id, `s${i}`, NOW, cost],
      );
  }

  it('lets exactly as many concurrent reservations through as fit under the limit', async () => {
    const workspaceId = await newWorkspace();
    await limits.save(workspaceId, 20, NOW);
    // 40 reservations of 3 credits on 12 connections: 6 fit (18), the 7th would make 21.
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, () => limits.reserve(workspaceId, randomUUID(), 3, NOW)),
    );
    expect(outcomes.filter((o) => o.kind === 'reserved')).toHaveLength(6);
    expect(outcomes.filter((o) => o.kind === 'refused')).toHaveLength(34);
    expect(await limits.find(workspaceId, NOW)).toEqual({
      monthlyCredits: 20,
      month: '2026-12-01',
      used: 18,
      reserved: 18,
    });
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM credit_reservations WHERE workspace_id = $1`,
      [workspaceId],
    );
    expect(count).toBe(6);
  });

  it('answers unlimited without a limit, and refuses once nothing is left even for a free run', async () => {
    const workspaceId = await newWorkspace();
    expect(await limits.reserve(workspaceId, randomUUID(), 1, NOW)).toEqual({ kind: 'unlimited' });
    await limits.save(workspaceId, 2, NOW);
    expect((await limits.reserve(workspaceId, randomUUID(), 2, NOW)).kind).toBe('reserved');
    expect(await limits.reserve(workspaceId, randomUUID(), 0, NOW)).toEqual({
      kind: 'refused',
      monthlyCredits: 2,
      used: 2,
    });
    await limits.save(workspaceId, null, NOW);
    expect(await limits.reserve(workspaceId, randomUUID(), 100, NOW)).toEqual({ kind: 'unlimited' });
  });

  it('replaces an ended run’s estimate by what its steps cost, once, and releases lost reservations', async () => {
    const workspaceId = await newWorkspace();
    await limits.save(workspaceId, 100, NOW);
    const [cheaper, dearer, lost, refusedStart] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const id of [cheaper, dearer]) expect((await limits.reserve(workspaceId, id, 10, NOW)).kind).toBe('reserved');
    expect((await limits.reserve(workspaceId, lost, 10, new Date(NOW.getTime() - 3600_000))).kind).toBe('reserved');
    expect((await limits.reserve(workspaceId, refusedStart, 10, NOW)).kind).toBe('reserved');
    await limits.release(refusedStart);
    const [{ used }] = await dataSource.query(`SELECT used FROM workspace_credit_limits WHERE workspace_id = $1`, [
      workspaceId,
    ]);
    expect(Number(used)).toBe(30);
    // Reading settles first: the lost run (no row after 15 minutes) gives its 10 back.
    expect((await limits.find(workspaceId, NOW)).used).toBe(20);
    await endedExecution(workspaceId, cheaper, [1, 2.5]);
    await endedExecution(workspaceId, dearer, [7, 8]);
    // Settled twice at once: each reservation is applied by one statement only.
    await Promise.all([limits.settle(workspaceId, NOW), limits.settle(workspaceId, NOW)]);
    // 3.5 + 15 for the ended runs instead of their 10 + 10.
    expect(await limits.find(workspaceId, NOW)).toMatchObject({ used: 18.5, reserved: 0 });
    // Setting the limit again recounts the month from the step rows: the same answer.
    expect(await limits.save(workspaceId, 100, NOW)).toMatchObject({ used: 18.5, reserved: 0 });
  });

  it('starts a new month from zero', async () => {
    const workspaceId = await newWorkspace();
    await limits.save(workspaceId, 5, NOW);
    expect((await limits.reserve(workspaceId, randomUUID(), 5, NOW)).kind).toBe('reserved');
    expect((await limits.reserve(workspaceId, randomUUID(), 1, NOW)).kind).toBe('refused');
    const nextMonth = new Date('2027-01-01T00:00:01Z');
    expect((await limits.reserve(workspaceId, randomUUID(), 5, nextMonth)).kind).toBe('reserved');
    expect(await limits.find(workspaceId, nextMonth)).toMatchObject({ month: '2027-01-01', used: 5 });
  });
});
