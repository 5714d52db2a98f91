/** Which parts of Baton this process runs. */
export type BatonRole = 'all' | 'api' | 'worker';

/** The validated, typed configuration of one Baton process (see README "Configuration"). */
export interface BatonConfig {
  role: BatonRole;
  host: string;
  port: number;
  /** Unset: the embedded PGlite database (tier 1). */
  databaseUrl: string | null;
  /** Set (with databaseUrl): BullMQ on Redis (tier 3); unset: BullMQ on PostgreSQL. */
  redisUrl: string | null;
  dataDir: string;
  /** 32-byte key for secrets at rest; null means "generate once and keep it in the data dir". */
  encryptionKey: Buffer | null;
  jwtSecret: string | null;
  jwtTtlSeconds: number;
  owner: { email: string; password: string; name: string; workspaceName: string } | null;
  queuePrefix: string;
  workerConcurrency: number;
  shutdownGraceMs: number;
  dbPoolSize: number;
  maxBodyBytes: number;
  adminDir: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}

/** The deployment tier a configuration selects. */
export function tierOf(config: Pick<BatonConfig, 'databaseUrl' | 'redisUrl'>): 1 | 2 | 3 {
  if (!config.databaseUrl) return 1;
  return config.redisUrl ? 3 : 2;
}
