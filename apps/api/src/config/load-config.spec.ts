import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { tierOf } from './baton-config';
import { ConfigError, loadConfig } from './load-config';

const failureOf = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('loadConfig', () => {
  it('defaults to the embedded tier, role all, port 3000 and .data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      role: 'all',
      port: 3000,
      databaseUrl: null,
      redisUrl: null,
      dataDir: resolve('.data'),
      owner: null,
    });
    expect(tierOf(config)).toBe(1);
  });

  it('selects tier 2 with DATABASE_URL and tier 3 with REDIS_URL too', () => {
    expect(tierOf(loadConfig({ DATABASE_URL: 'postgres://h/db' }))).toBe(2);
    expect(
      tierOf(
        loadConfig({
          DATABASE_URL: 'postgres://h/db',
          REDIS_URL: 'redis://h:6379',
          BATON_ENCRYPTION_KEY: 'ab'.repeat(32),
        }),
      ),
    ).toBe(3);
  });

  it('names every bad variable in one message', () => {
    const message = failureOf({
      PORT: 'eighty',
      BATON_ROLE: 'boss',
      DATABASE_URL: 'mysql://h/db',
      BATON_ENCRYPTION_KEY: 'short',
      BATON_WORKER_CONCURRENCY: '0',
      BATON_QUEUE_PREFIX: 'has space',
    });
    for (const name of [
      'PORT',
      'BATON_ROLE',
      'DATABASE_URL',
      'BATON_ENCRYPTION_KEY',
      'BATON_WORKER_CONCURRENCY',
      'BATON_QUEUE_PREFIX',
    ]) {
      expect(message).toContain(name);
    }
  });

  it('refuses REDIS_URL without DATABASE_URL, and tier 3 without a shared encryption key', () => {
    expect(failureOf({ REDIS_URL: 'redis://h:6379' })).toContain('REDIS_URL is set without DATABASE_URL');
    expect(failureOf({ DATABASE_URL: 'postgres://h/db', REDIS_URL: 'redis://h:6379' })).toContain(
      'BATON_ENCRYPTION_KEY is required',
    );
  });

  it('takes the unattended owner only as a complete, valid pair', () => {
    expect(failureOf({ BATON_OWNER_EMAIL: 'a@b.c' })).toContain('BATON_OWNER_PASSWORD');
    expect(failureOf({ BATON_OWNER_EMAIL: 'a@b.c', BATON_OWNER_PASSWORD: 'short' })).toContain(
      'BATON_OWNER_PASSWORD must be at least 8',
    );
    expect(loadConfig({ BATON_OWNER_EMAIL: 'Admin@Example.com', BATON_OWNER_PASSWORD: 'long enough' }).owner).toEqual({
      email: 'admin@example.com',
      password: 'long enough',
      name: 'Owner',
      workspaceName: 'Default workspace',
    });
  });

  it('accepts the encryption key as hex or base64 of 32 bytes', () => {
    expect(loadConfig({ BATON_ENCRYPTION_KEY: 'ff'.repeat(32) }).encryptionKey?.length).toBe(32);
    expect(loadConfig({ BATON_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }).encryptionKey).toEqual(
      Buffer.alloc(32, 7),
    );
  });

  it('writes pretty logs on a terminal and JSON otherwise, unless BATON_LOG_FORMAT says', () => {
    expect(loadConfig({}, { stdoutIsTty: true }).logFormat).toBe('pretty');
    expect(loadConfig({}, { stdoutIsTty: false }).logFormat).toBe('json');
    expect(loadConfig({ BATON_LOG_FORMAT: 'json' }, { stdoutIsTty: true }).logFormat).toBe('json');
    expect(failureOf({ BATON_LOG_FORMAT: 'xml' })).toContain('BATON_LOG_FORMAT must be one of json, pretty');
  });

  it('takes a metrics token of at least 16 characters, none meaning loopback-only scraping', () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    expect(loadConfig({ BATON_METRICS_TOKEN: 'm'.repeat(16) }).metricsToken).toBe('m'.repeat(16));
    expect(failureOf({ BATON_METRICS_TOKEN: 'short' })).toContain('BATON_METRICS_TOKEN must be at least 16');
  });

  it('keeps finished executions 30 days by default, failed ones as long unless told, and traces only with an endpoint', () => {
    const defaults = loadConfig({});
    expect(defaults.operations).toEqual({
      retentionDays: 30,
      retentionFailedDays: null,
      retentionIntervalSeconds: 3600,
      retentionBatchSize: 500,
    });
    expect(defaults.otlpEndpoint).toBeNull();
    const set = loadConfig({
      BATON_RETENTION_DAYS: '7',
      BATON_RETENTION_FAILED_DAYS: '90',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
    });
    expect(set.operations).toMatchObject({ retentionDays: 7, retentionFailedDays: 90 });
    expect(set.otlpEndpoint).toBe('http://otel-collector:4318');
    const message = failureOf({
      BATON_RETENTION_DAYS: '0',
      BATON_RETENTION_FAILED_DAYS: 'forever',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector',
    });
    expect(message).toContain('BATON_RETENTION_DAYS must be a whole number from 1 to 3650');
    expect(message).toContain('BATON_RETENTION_FAILED_DAYS must be a whole number from 1 to 3650');
    expect(message).toContain('OTEL_EXPORTER_OTLP_ENDPOINT must start with http:// or https://');
  });

  it('stores artifacts in S3 only with the URL, both keys and the bucket, and bounds their size', () => {
    expect(loadConfig({}).artifacts).toEqual({ maxBytes: 100 * 1024 * 1024, linkMaxTtlSeconds: 30 * 86_400, s3: null });
    const s3 = {
      BATON_ARTIFACTS_S3_URL: 'http://127.0.0.1:9000',
      BATON_ARTIFACTS_S3_ACCESS_KEY_ID: 'key',
      BATON_ARTIFACTS_S3_SECRET_ACCESS_KEY: 'secret',
      BATON_ARTIFACTS_S3_BUCKET: 'baton',
    };
    expect(loadConfig(s3).artifacts.s3).toEqual({
      url: 'http://127.0.0.1:9000',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
      bucket: 'baton',
      region: 'us-east-1',
      prefix: '',
    });
    expect(failureOf({ BATON_ARTIFACTS_S3_URL: 'http://127.0.0.1:9000', BATON_ARTIFACTS_S3_BUCKET: 'b' })).toContain(
      'BATON_ARTIFACTS_S3_URL is set without BATON_ARTIFACTS_S3_ACCESS_KEY_ID, BATON_ARTIFACTS_S3_SECRET_ACCESS_KEY',
    );
    expect(failureOf({ BATON_ARTIFACTS_S3_BUCKET: 'b' })).toContain(
      'BATON_ARTIFACTS_S3_* credentials are set without BATON_ARTIFACTS_S3_URL',
    );
    expect(failureOf({ ...s3, BATON_ARTIFACTS_S3_URL: 'ftp://x' })).toContain(
      'BATON_ARTIFACTS_S3_URL must start with http:// or https://',
    );
    expect(failureOf({ BATON_ARTIFACT_MAX_BYTES: '0' })).toContain('BATON_ARTIFACT_MAX_BYTES must be a whole number');
  });
});
