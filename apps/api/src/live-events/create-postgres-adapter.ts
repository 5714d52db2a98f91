import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { LiveEventsTransport } from './live-events.transport';

// Holds payloads over NOTIFY's 8000-byte limit (an event carrying a large step output); the
// adapter deletes rows after its cleanup interval, so the table stays small.
const ATTACHMENTS_TABLE = 'live_event_attachments';

/**
 * Tier 2: PostgreSQL LISTEN/NOTIFY between processes. Notifications are scoped to the database,
 * which already separates installations (and test runs), so the channel needs no prefix.
 */
export async function createPostgresAdapter(
  databaseUrl: string,
  onError: (error: Error) => void,
): Promise<LiveEventsTransport> {
  // Two connections: one held for LISTEN, one for NOTIFY. A single publishing connection also
  // keeps this process's notifications in the order they were sent.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', onError);
  // The adapter keeps its LISTEN client checked out and only listens for its 'end' (to reconnect):
  // a server that drops the connection (restart, pg_terminate_backend) makes that client emit
  // 'error' with no listener, which kills the process. Every client the pool opens gets one.
  pool.on('connect', (client) => client.on('error', onError));
  try {
    await ensureAttachmentsTable(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    kind: 'postgres',
    adapter: createAdapter(pool, { channelPrefix: 'baton_live', tableName: ATTACHMENTS_TABLE, errorHandler: onError }),
    close: () => pool.end(),
  };
}

/** Created here rather than by a migration, like BullMQ's own tables: it belongs to the adapter. */
async function ensureAttachmentsTable(pool: pg.Pool): Promise<void> {
  try {
    await pool.query(
      `CREATE TABLE IF NOT EXISTS ${ATTACHMENTS_TABLE} (id bigserial UNIQUE, created_at timestamptz DEFAULT now(), payload bytea)`,
    );
  } catch (error) {
    // Two processes starting together can both pass IF NOT EXISTS; the loser's insert into the
    // catalog fails with a unique violation (23505) or "already exists" (42P07). Both mean done.
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42P07') throw error;
  }
}
