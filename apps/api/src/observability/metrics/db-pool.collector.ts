import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BATON_CONFIG } from '../../config/baton-config.token';
import type { BatonConfig } from '../../config/baton-config';
import { BatonMetrics } from './baton-metrics';

/** The counters node-postgres keeps on a pool (TypeORM's PostgreSQL driver holds one as `master`). */
interface PgPoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Usage of this process's app-data connection pool (BATON_DB_POOL_SIZE), read at scrape time:
 * connections in use and idle, and queries waiting for one (a pool too small for the load).
 */
@Injectable()
export class DbPoolCollector implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: BatonMetrics,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  onModuleInit(): void {
    const pool = () => (this.dataSource.driver as unknown as { master?: Partial<PgPoolCounts> }).master;
    this.metrics.gauge('baton_db_pool_connections', 'App-data database connections by state', ['state'], (gauge) => {
      const counts = pool();
      if (typeof counts?.totalCount !== 'number' || typeof counts.idleCount !== 'number') return;
      gauge.set({ state: 'in_use' }, counts.totalCount - counts.idleCount);
      gauge.set({ state: 'idle' }, counts.idleCount);
    });
    this.metrics.gauge('baton_db_pool_waiting', 'Queries waiting for an app-data database connection', [], (gauge) => {
      const waiting = pool()?.waitingCount;
      if (typeof waiting === 'number') gauge.set(waiting);
    });
    this.metrics.gauge('baton_db_pool_max', 'Size limit of the app-data connection pool', [], (gauge) =>
      gauge.set(this.config.dbPoolSize),
    );
  }
}
