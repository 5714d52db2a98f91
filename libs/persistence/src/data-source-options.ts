import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { PayloadFreeLogger } from './payload-free-logger';

export interface DatabaseConnectionSettings {
  url: string;
  poolSize: number;
  /** Log every SQL statement (debugging only). */
  logging?: boolean;
}

/** TypeORM options shared by the API, workers, tests and benchmarks: migrations only, never synchronize. */
export function buildDataSourceOptions(settings: DatabaseConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'baton_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: settings.logging ? 'all' : ['error'],
    logger: new PayloadFreeLogger(Boolean(settings.logging)),
    extra: { max: settings.poolSize },
  };
}
