import { resolve } from 'node:path';
import { parseAllowHosts } from '@baton/engine';
import type { ArtifactSettings, BatonConfig, BatonRole } from './baton-config';

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIGURATION';
}

type Env = Record<string, string | undefined>;

const ROLES: readonly BatonRole[] = ['all', 'api', 'worker'];
const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
const LOG_FORMATS = ['json', 'pretty'] as const;
// Shorter tokens are guessable by a scraper that keeps trying; 16 characters is a generated token's least.
const MIN_METRICS_TOKEN_LENGTH = 16;

/** What loadConfig knows about where the process writes its logs (a terminal gets pretty lines). */
export interface ConfigTerminal {
  stdoutIsTty: boolean;
}

/**
 * Reads and validates every BATON_* and service variable at start-up. All problems are
 * reported together, each naming its variable, so a bad deployment fails before it serves.
 */
export function loadConfig(
  env: Env = process.env,
  terminal: ConfigTerminal = { stdoutIsTty: process.stdout.isTTY === true },
): BatonConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const databaseUrl = read.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = read.url('REDIS_URL', ['redis:', 'rediss:']);
  if (redisUrl && !databaseUrl) {
    problems.push(
      'REDIS_URL is set without DATABASE_URL: Redis only carries the queue, Baton also needs PostgreSQL (tier 3 = DATABASE_URL + REDIS_URL)',
    );
  }
  const ownerEmail = read.string('BATON_OWNER_EMAIL');
  const ownerPassword = read.string('BATON_OWNER_PASSWORD');
  if (Boolean(ownerEmail) !== Boolean(ownerPassword)) {
    problems.push('BATON_OWNER_EMAIL and BATON_OWNER_PASSWORD must be set together');
  }
  if (redisUrl && databaseUrl && !env['BATON_ENCRYPTION_KEY']?.trim()) {
    // Tier 3 runs on several machines: a key generated on one of them would not open the others' secrets or tokens.
    problems.push(
      'BATON_ENCRYPTION_KEY is required when REDIS_URL is set (every process must share it; generate one with "openssl rand -hex 32")',
    );
  }
  if (ownerEmail && !/^[^@\s]+@[^@\s]+$/.test(ownerEmail)) problems.push('BATON_OWNER_EMAIL must be an email address');
  if (ownerPassword && ownerPassword.length < 8) problems.push('BATON_OWNER_PASSWORD must be at least 8 characters');

  const metricsToken = read.string('BATON_METRICS_TOKEN') ?? null;
  if (metricsToken && metricsToken.length < MIN_METRICS_TOKEN_LENGTH) {
    problems.push(`BATON_METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters`);
  }

  const lambdaEndpoint = read.url('BATON_LAMBDA_ENDPOINT', ['http:', 'https:']);
  const retentionFailedDays = read.string('BATON_RETENTION_FAILED_DAYS')
    ? read.integer('BATON_RETENTION_FAILED_DAYS', 0, 1, 3650)
    : null;
  const artifacts = readArtifactSettings(read, problems);
  const config: BatonConfig = {
    role: read.oneOf('BATON_ROLE', ROLES, 'all'),
    host: read.string('HOST') ?? '0.0.0.0',
    port: read.integer('PORT', 3000, 0, 65535),
    databaseUrl,
    redisUrl,
    dataDir: resolve(read.string('BATON_DATA_DIR') ?? '.data'),
    encryptionKey: read.key('BATON_ENCRYPTION_KEY'),
    encryptionKeyPrevious: read.key('BATON_ENCRYPTION_KEY_PREVIOUS'),
    jwtSecret: read.string('BATON_JWT_SECRET') ?? null,
    jwtTtlSeconds: read.integer('BATON_JWT_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    owner:
      ownerEmail && ownerPassword
        ? {
            email: ownerEmail.toLowerCase(),
            password: ownerPassword,
            name: read.string('BATON_OWNER_NAME') ?? 'Owner',
            workspaceName: read.string('BATON_WORKSPACE_NAME') ?? 'Default workspace',
          }
        : null,
    queuePrefix: read.pattern(
      'BATON_QUEUE_PREFIX',
      /^[a-zA-Z0-9_-]{1,40}$/,
      'baton',
      'letters, digits, "_" or "-", at most 40',
    ),
    workerConcurrency: read.integer('BATON_WORKER_CONCURRENCY', 10, 1, 1000),
    stepLockMs: read.integer('BATON_STEP_LOCK_MS', 30_000, 1000, 600_000),
    stalledCheckMs: read.integer('BATON_STALLED_CHECK_MS', 30_000, 1000, 600_000),
    recoveryIntervalMs: read.integer('BATON_RECOVERY_INTERVAL_MS', 30_000, 1000, 600_000),
    shutdownGraceMs: read.integer('BATON_SHUTDOWN_GRACE_MS', 30_000, 0, 3_600_000),
    dbPoolSize: read.integer('BATON_DB_POOL_SIZE', 10, 2, 200),
    maxBodyBytes: read.integer('BATON_MAX_BODY_BYTES', 2 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    adminDir: resolve(read.string('BATON_ADMIN_DIR') ?? 'dist/apps/admin/browser'),
    logLevel: read.oneOf('BATON_LOG_LEVEL', LOG_LEVELS, 'log'),
    logFormat: read.oneOf('BATON_LOG_FORMAT', LOG_FORMATS, terminal.stdoutIsTty ? 'pretty' : 'json'),
    metricsToken,
    triggers: {
      schedulerEnabled: read.oneOf('BATON_SCHEDULER', ['on', 'off'] as const, 'on') === 'on',
      schedulerTickMs: read.integer('BATON_SCHEDULER_TICK_MS', 1000, 100, 60_000),
      cronMinIntervalSeconds: read.integer('BATON_CRON_MIN_INTERVAL_SECONDS', 300, 1, 31 * 24 * 3600),
      catchUpMax: read.integer('BATON_CRON_CATCH_UP_MAX', 10, 1, 1000),
      webhookMaxBodyBytes: read.integer('BATON_WEBHOOK_MAX_BODY_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
      webhookSyncTimeoutMs: read.integer('BATON_WEBHOOK_SYNC_TIMEOUT_MS', 30_000, 100, 600_000),
      webhookSignatureToleranceSeconds: read.integer('BATON_WEBHOOK_SIGNATURE_TOLERANCE_SECONDS', 300, 1, 3600),
      webhookRateLimitPerMinute: read.integer('BATON_WEBHOOK_RATE_LIMIT_PER_MINUTE', 120, 1, 100_000),
    },
    operations: {
      retentionDays: read.integer('BATON_RETENTION_DAYS', 30, 1, 3650),
      retentionFailedDays,
      retentionIntervalSeconds: read.integer('BATON_RETENTION_INTERVAL_SECONDS', 3600, 10, 7 * 24 * 3600),
      retentionBatchSize: read.integer('BATON_RETENTION_BATCH_SIZE', 500, 1, 10_000),
    },
    otlpEndpoint: read.url('OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:']),
    lambdaEndpoint,
    publicUrl: read.url('BATON_PUBLIC_URL', ['http:', 'https:']),
    creditsPer1kTokens: Number(
      read.pattern('BATON_CREDITS_PER_1K_TOKENS', /^\d{1,9}(\.\d{1,4})?$/, '1', 'a number ≥ 0 with at most 4 decimals'),
    ),
    membersMayCreateWorkspaces:
      read.oneOf('BATON_MEMBERS_CREATE_WORKSPACES', ['true', 'false'] as const, 'false') === 'true',
    hsts: read.oneOf('BATON_HSTS', ['true', 'false'] as const, 'false') === 'true',
    socketRecheckSeconds: read.integer('BATON_SOCKET_RECHECK_SECONDS', 30, 1, 3600),
    loginThrottle: {
      maxFailuresPerAccount: read.integer('BATON_LOGIN_MAX_FAILURES', 10, 1, 10_000),
      maxFailuresPerAddress: read.integer('BATON_LOGIN_MAX_FAILURES_PER_ADDRESS', 50, 1, 100_000),
      windowSeconds: read.integer('BATON_LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
    },
    invitationTtlHours: read.integer('BATON_INVITATION_TTL_HOURS', 168, 1, 24 * 90),
    outboundHttp: {
      allowHosts: read.allowHosts('BATON_HTTP_ALLOW_HOSTS'),
      maxResponseBytes: read.integer('BATON_HTTP_MAX_RESPONSE_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      timeoutMs: read.integer('BATON_HTTP_TIMEOUT_MS', 30_000, 100, 600_000),
    },
    browser: {
      chromiumPath: read.string('BATON_CHROMIUM_PATH') ?? '/usr/bin/chromium',
      poolSize: read.integer('BATON_BROWSER_POOL_SIZE', 2, 1, 64),
    },
    artifacts,
    fanOut: {
      maxStepConcurrency: read.integer('BATON_MAX_STEP_CONCURRENCY', 40, 1, 10_000),
      maxItems: read.integer('BATON_MAX_ITEMS', 10_000, 1, 1_000_000),
      maxExecutionEvents: read.integer('BATON_MAX_EXECUTION_EVENTS', 25_000, 100, 10_000_000),
    },
    expressionLimits: {
      timeoutMs: read.integer('BATON_EXPRESSION_TIMEOUT_MS', 1000, 10, 60_000),
      maxDepth: read.integer('BATON_EXPRESSION_MAX_DEPTH', 500, 10, 10_000),
      maxSequence: read.integer('BATON_EXPRESSION_MAX_ITEMS', 1_000_000, 1000, 10_000_000),
    },
  };
  if (problems.length) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}

/** Artifact limits and the S3-compatible driver, which needs all four BATON_ARTIFACTS_S3_* values or none. */
function readArtifactSettings(read: EnvReader, problems: string[]): ArtifactSettings {
  const url = read.url('BATON_ARTIFACTS_S3_URL', ['http:', 'https:']);
  const s3Names = [
    'BATON_ARTIFACTS_S3_ACCESS_KEY_ID',
    'BATON_ARTIFACTS_S3_SECRET_ACCESS_KEY',
    'BATON_ARTIFACTS_S3_BUCKET',
  ];
  const [accessKeyId, secretAccessKey, bucket] = s3Names.map((name) => read.string(name));
  const missing = s3Names.filter((name) => !read.string(name));
  if (url && missing.length) problems.push(`BATON_ARTIFACTS_S3_URL is set without ${missing.join(', ')}`);
  if (!read.string('BATON_ARTIFACTS_S3_URL') && missing.length < s3Names.length)
    problems.push('BATON_ARTIFACTS_S3_* credentials are set without BATON_ARTIFACTS_S3_URL');
  const prefix = read.pattern(
    'BATON_ARTIFACTS_S3_PREFIX',
    /^[a-zA-Z0-9/_.-]{0,200}$/,
    '',
    'letters, digits, "/", "_", "." or "-"',
  );
  return {
    maxBytes: read.integer('BATON_ARTIFACT_MAX_BYTES', 100 * 1024 * 1024, 1, 10 * 1024 * 1024 * 1024),
    linkMaxTtlSeconds: read.integer('BATON_ARTIFACT_LINK_MAX_TTL_SECONDS', 30 * 86_400, 60, 366 * 86_400),
    s3:
      url && accessKeyId && secretAccessKey && bucket
        ? {
            url,
            accessKeyId,
            secretAccessKey,
            bucket,
            region: read.string('BATON_ARTIFACTS_S3_REGION') ?? 'us-east-1',
            prefix,
          }
        : null,
  };
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  string(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (!allowed.includes(raw as T)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  }

  pattern(name: string, pattern: RegExp, fallback: string, rule: string): string {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (!pattern.test(raw)) {
      this.problems.push(`${name} must be ${rule} (got "${raw}")`);
      return fallback;
    }
    return raw;
  }

  url(name: string, protocols: string[]): string | null {
    const raw = this.string(name);
    if (raw === undefined) return null;
    try {
      const url = new URL(raw);
      if (!protocols.includes(url.protocol)) {
        this.problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
        return null;
      }
      return raw;
    } catch {
      this.problems.push(`${name} is not a valid URL`);
      return null;
    }
  }

  /** A comma-separated list of host names and CIDRs. */
  allowHosts(name: string): string[] {
    const raw = this.string(name);
    if (raw === undefined) return [];
    try {
      return parseAllowHosts(raw);
    } catch (error) {
      this.problems.push(`${name}: ${(error as Error).message}`);
      return [];
    }
  }

  /** A 32-byte key given as 64 hex characters or base64. */
  key(name: string): Buffer | null {
    const raw = this.string(name);
    if (raw === undefined) return null;
    const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
    if (key.length !== 32) {
      this.problems.push(`${name} must be 32 bytes, as 64 hex characters or base64 (e.g. "openssl rand -hex 32")`);
      return null;
    }
    return key;
  }
}
