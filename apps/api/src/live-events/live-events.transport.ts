import { Logger } from '@nestjs/common';
import type { Server } from 'socket.io';
import type { BatonRuntime } from '../bootstrap/baton-runtime';
import { createPostgresAdapter } from './create-postgres-adapter';
import { createRedisAdapter } from './create-redis-adapter';

type AdapterFactory = Parameters<Server['adapter']>[0];

/**
 * How events cross process boundaries: a socket.io adapter shared by the gateway's server (API
 * roles) and the headless server of a worker. `adapter` undefined means socket.io's in-memory
 * default, i.e. this process is the whole cluster.
 */
export interface LiveEventsTransport {
  kind: 'in-process' | 'postgres' | 'redis';
  adapter?: AdapterFactory;
  close(): Promise<void>;
}

/** Nest injection token for the LiveEventsTransport. */
export const LIVE_EVENTS_TRANSPORT = Symbol('LIVE_EVENTS_TRANSPORT');

/**
 * Tier 3 uses Redis, tier 2 PostgreSQL LISTEN/NOTIFY. Tier 1 stays in-process: the data-dir
 * lock makes it a single process anyway, and pglite-socket serves every connection from one
 * PGlite session, so a NOTIFY is echoed to the connection that sent it, never to the listener.
 */
export async function createLiveEventsTransport(runtime: BatonRuntime): Promise<LiveEventsTransport> {
  const logger = new Logger('LiveEvents');
  const onError = (error: Error) => logger.warn(`Live event transport: ${error.message}`);
  if (runtime.embedded) return { kind: 'in-process', close: async () => undefined };
  if (runtime.config.redisUrl) return createRedisAdapter(runtime.config.redisUrl, runtime.config.queuePrefix, onError);
  return createPostgresAdapter(runtime.databaseUrl, onError);
}
