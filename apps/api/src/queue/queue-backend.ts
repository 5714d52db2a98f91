import { createPostgresBackend, createRedisBackend, setDefaultBackendFactory, type QueueOptions } from 'bullmq';

export interface QueueBackendSettings {
  /** The PostgreSQL URL the app data lives in (embedded or external). */
  databaseUrl: string;
  redisUrl: string | null;
  /** PGlite behind pglite-socket ignores the `-c search_path` start-up option BullMQ relies on. */
  embedded: boolean;
  /** Redis key prefix; the PostgreSQL backend namespaces by schema instead and ignores it. */
  prefix: string;
}

export type QueueBackendKind = 'redis' | 'postgres';

/**
 * Selects BullMQ's datastore for this process and returns the connection options every
 * Queue/Worker gets. @nestjs/bullmq builds queues with `new Queue(name, opts)`, so the
 * backend is chosen through BullMQ's process-wide default factory; one process = one backend.
 */
export function configureQueueBackend(settings: QueueBackendSettings): {
  kind: QueueBackendKind;
  options: QueueOptions;
} {
  if (settings.redisUrl) {
    setDefaultBackendFactory(createRedisBackend);
    return {
      kind: 'redis',
      options: { connection: redisConnectionOptions(settings.redisUrl), prefix: settings.prefix },
    };
  }
  setDefaultBackendFactory(createPostgresBackend);
  const connection = {
    connectionString: settings.databaseUrl,
    // BullMQ's own schema on a real server keeps its tables apart from Baton's; the embedded
    // server cannot pin search_path per connection, so there it shares `public`.
    schema: settings.embedded ? 'public' : 'bullmq',
    max: 4,
    // BullMQ creates and upgrades its own tables on first connect (it serialises concurrent starters).
    migrate: true,
  };
  return { kind: 'postgres', options: { connection, prefix: settings.prefix } as unknown as QueueOptions };
}

function redisConnectionOptions(redisUrl: string) {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // Workers must wait for Redis to come back instead of failing a command mid-job.
    maxRetriesPerRequest: null,
  };
}
