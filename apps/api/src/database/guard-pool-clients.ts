import type { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';

interface PgPool extends EventEmitter {
  /** pg-pool's open clients (idle and checked out); not typed by pg. */
  _clients?: EventEmitter[];
}

/**
 * Gives every client of TypeORM's pg pool a permanent 'error' listener. TypeORM listens on a
 * client only while a query runner holds it and drops that listener when it releases the client
 * after an error; the client can still emit one afterwards (a terminated session's FATAL message
 * arriving when no query is active), and an 'error' event nobody listens to kills the process.
 * Seen as every tier-2 process dying under `pg_terminate_backend` (the chaos suite).
 */
export function guardPoolClients(dataSource: DataSource, onError: (error: Error) => void): void {
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  if (!pool) return;
  const guard = (client: EventEmitter) => client.on('error', onError);
  pool.on('connect', guard);
  for (const client of pool._clients ?? []) guard(client);
}
