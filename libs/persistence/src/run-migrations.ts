import { DataSource } from 'typeorm';
import { buildDataSourceOptions, type DatabaseConnectionSettings } from './data-source-options';

/** Arbitrary constant shared by every Baton process: the advisory lock that serialises migrations. */
const MIGRATION_LOCK_KEY = 728_361_904;

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so several
 * processes starting together apply each migration exactly once.
 * Returns the names of the migrations this call applied.
 */
export async function runMigrationsUnderLock(settings: DatabaseConnectionSettings): Promise<string[]> {
  const dataSource = new DataSource({ ...buildDataSourceOptions({ ...settings, poolSize: 2 }) });
  await dataSource.initialize();
  // The lock lives on one dedicated connection; TypeORM runs the migrations on another.
  const lockRunner = dataSource.createQueryRunner();
  try {
    await lockRunner.connect();
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lockRunner.release();
    await dataSource.destroy();
  }
}
