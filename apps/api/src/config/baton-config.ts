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
  /** The key before the last rotation: credentials sealed under it still open until `credentials:rotate` re-seals them. */
  encryptionKeyPrevious: Buffer | null;
  jwtSecret: string | null;
  jwtTtlSeconds: number;
  owner: { email: string; password: string; name: string; workspaceName: string } | null;
  queuePrefix: string;
  workerConcurrency: number;
  /** BullMQ lock of an active step job; a worker silent this long is presumed dead (its jobs stall). */
  stepLockMs: number;
  /** How often workers look for stalled jobs (those of dead workers) and hand them out again. */
  stalledCheckMs: number;
  /** How often each worker process looks for lost starts and steps whose jobs are gone (crash recovery). */
  recoveryIntervalMs: number;
  shutdownGraceMs: number;
  dbPoolSize: number;
  maxBodyBytes: number;
  adminDir: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** `json`: one pino JSON object per line; `pretty`: Nest's coloured console lines. */
  logFormat: 'json' | 'pretty';
  /** Bearer token `GET /metrics` requires; null: only loopback clients may scrape. */
  metricsToken: string | null;
  triggers: TriggerSettings;
  /** Retention, failure notifications and the stuck-run detector (README "Operations"). */
  operations: OperationsSettings;
  /** OTLP/HTTP traces endpoint (OTEL_EXPORTER_OTLP_ENDPOINT); null: tracing off. */
  otlpEndpoint: string | null;
  /** Base URL of a Lambda-compatible Invoke API for ASL Lambda tasks; null: Lambda tasks fail with Lambda.SdkClientException. */
  lambdaEndpoint: string | null;
  /** This installation's public origin (BATON_PUBLIC_URL) for links it hands out, e.g. approval URLs; null: http://localhost:<port>. */
  publicUrl: string | null;
  /** Credits per 1,000 model tokens a step reports (AI nodes), on top of its node's credit cost (README "Usage and credits"). */
  creditsPer1kTokens: number;
  /** Whether users other than the installation owner may create workspaces. */
  membersMayCreateWorkspaces: boolean;
  /** Send Strict-Transport-Security (only behind TLS). */
  hsts: boolean;
  /** How often open sockets' credentials are checked again (removed members, revoked keys, expiry). */
  socketRecheckSeconds: number;
  /** Failed sign-ins allowed per account and per client address within a window. */
  loginThrottle: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; windowSeconds: number };
  /** How long an invitation can be accepted. */
  invitationTtlHours: number;
  /** How wide one Map or loop may fan out. */
  fanOut: { maxStepConcurrency: number; maxItems: number; maxExecutionEvents: number };
  /** Bounds of every JSONata evaluation (README "Security"). */
  expressionLimits: ExpressionLimitSettings;
  /** Where nodes may send HTTP requests (README "Security"). */
  outboundHttp: { allowHosts: string[]; maxResponseBytes: number; timeoutMs: number };
  /** Browser nodes: Debian's Chromium (never a downloaded build) and how many run at once per process. */
  browser: { chromiumPath: string; poolSize: number };
  /** Files steps produce (README "Artifacts"). */
  artifacts: ArtifactSettings;
}

/** Where artifact bytes go and how big they and their public links may get. */
export interface ArtifactSettings {
  /** Largest artifact one step may store. */
  maxBytes: number;
  /** Longest lifetime a signed public link may be given. */
  linkMaxTtlSeconds: number;
  /** S3-compatible object storage; null: PostgreSQL chunks with DATABASE_URL, files in the data dir without. */
  s3: {
    url: string;
    bucket: string;
    region: string;
    accessKeyId: string;
    secretAccessKey: string;
    prefix: string;
  } | null;
}

/** Time, depth and size bounds of one JSONata evaluation. */
export interface ExpressionLimitSettings {
  timeoutMs: number;
  maxDepth: number;
  maxSequence: number;
}

/** Retention of finished executions and the operations jobs' pace. */
export interface OperationsSettings {
  /** Days finished executions are kept when their workflow sets none. */
  retentionDays: number;
  /** Days failed executions are kept at least; null: like every other finished execution. */
  retentionFailedDays: number | null;
  /** How often each process tries the retention job (one process at a time runs it). */
  retentionIntervalSeconds: number;
  /** Executions deleted per transaction. */
  retentionBatchSize: number;
}

/** Cron scheduler and webhook settings (README "Triggers"). */
export interface TriggerSettings {
  /** Whether this process ticks the scheduler (only processes that serve the API ever do). */
  schedulerEnabled: boolean;
  schedulerTickMs: number;
  /** The shortest gap a cron expression may have between two runs. */
  cronMinIntervalSeconds: number;
  /** Upper bound of missed runs started at once under the `all` catch-up policy. */
  catchUpMax: number;
  webhookMaxBodyBytes: number;
  /** How long a `sync` webhook waits for the output before answering 202. */
  webhookSyncTimeoutMs: number;
  /** Accepted age of a signed request's `t=` timestamp, either way. */
  webhookSignatureToleranceSeconds: number;
  /** Default per-trigger request limit per minute. */
  webhookRateLimitPerMinute: number;
}

/** The deployment tier a configuration selects. */
export function tierOf(config: Pick<BatonConfig, 'databaseUrl' | 'redisUrl'>): 1 | 2 | 3 {
  if (!config.databaseUrl) return 1;
  return config.redisUrl ? 3 : 2;
}
