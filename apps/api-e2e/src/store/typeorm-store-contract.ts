import { afterAll, beforeAll } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { buildDataSourceOptions, runMigrationsUnderLock, TypeOrmExecutionStore } from '@baton/persistence';
import { DataSource } from 'typeorm';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../../api/src/database/embedded-database';
import { describeExecutionStoreContract } from '../../../../libs/engine/src/testing/execution-store-contract';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';

/** What a case of the contract suite gets on a tier: the database, for checks the port cannot make. */
export interface TypeOrmStoreTier {
  dataSource: DataSource;
  environment: TierEnvironment;
}

/**
 * Runs the ExecutionStore contract suite against TypeOrmExecutionStore on one tier's database
 * (embedded PGlite, or a fresh PostgreSQL database), migrated as a Baton process would: one
 * DataSource for the whole file, one workspace row the suite's executions belong to.
 */
export function describeTypeOrmStoreContract(tier: TierName): TypeOrmStoreTier {
  const shared = {} as TypeOrmStoreTier;
  let embedded: EmbeddedDatabase | null = null;
  let workspaceId: string;

  beforeAll(async () => {
    shared.environment = await prepareTier(tier);
    if (tier === 'embedded')
      embedded = await startEmbeddedDatabase({ dataDir: shared.environment.env['BATON_DATA_DIR'], maxConnections: 20 });
    const url = embedded?.url ?? shared.environment.env['DATABASE_URL'];
    await runMigrationsUnderLock({ url, poolSize: 2 });
    shared.dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 10 }));
    await shared.dataSource.initialize();
    workspaceId = randomUUID();
    await shared.dataSource.query(`INSERT INTO workspaces (id, name) VALUES ($1, 'Store contract')`, [workspaceId]);
  });

  afterAll(async () => {
    if (shared.dataSource?.isInitialized) await shared.dataSource.destroy();
    await embedded?.stop();
    await shared.environment?.cleanup();
  });

  describeExecutionStoreContract(
    `TypeOrmExecutionStore (${tier} tier)`,
    () => ({
      store: new TypeOrmExecutionStore(shared.dataSource),
      // Its own instance (and caches), as a second process would have; one pool is enough for that.
      otherProcess: new TypeOrmExecutionStore(shared.dataSource),
      workspaceId,
      async createWorkflow(limits = {}) {
        const id = randomUUID();
        await shared.dataSource.query(
          `INSERT INTO workflows (id, workspace_id, name, format, current_version, max_concurrent_executions, max_starts_per_minute)
           VALUES ($1, $2, $3, 'graph', 1, $4, $5)`,
          [id, workspaceId, `limits ${id}`, limits.maxConcurrentExecutions ?? null, limits.maxStartsPerMinute ?? null],
        );
        return id;
      },
    }),
    // PGlite is one session: an open transaction holds every other connection up until it ends.
    { oneSession: tier === 'embedded' },
  );
  return shared;
}
