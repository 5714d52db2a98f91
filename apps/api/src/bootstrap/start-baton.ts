import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import { runMigrationsUnderLock } from '@baton/persistence';
import { AppModule } from '../app.module';
import { securityHeaders } from './security-headers';
import { unstorableTextMiddleware } from '../common/unstorable-text.middleware';
import { DomainErrorFilter } from '../common/domain-error.filter';
import { createValidationPipe } from '../common/validation.pipe';
import { tierOf, type BatonConfig } from '../config/baton-config';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../database/embedded-database';
import { guardPoolClients } from '../database/guard-pool-clients';
import { BatonLogger } from '../observability/logging/baton-logger';
import { installRequestMetrics, mountMetricsEndpoint } from '../observability/install-observability';
import { configureQueueBackend } from '../queue/queue-backend';
import { loadOrCreateEncryptionKey } from '../secrets/encryption-key';
import { captureWebhookRawBody, WEBHOOK_PATH_PREFIX } from '../triggers/webhooks/capture-webhook-raw-body';
import type { BatonRuntime } from './baton-runtime';
import { setupSwagger } from './setup-swagger';

export interface RunningBaton {
  app: INestApplication;
  runtime: BatonRuntime;
  /** Base URL of the HTTP server (http://127.0.0.1:<port>). */
  url: string;
  close(): Promise<void>;
}

/** Pools the embedded server must accept: TypeORM, the migration run, and a few BullMQ backends per queue. */
const EMBEDDED_MAX_CONNECTIONS = 200;

export interface StartOptions {
  /** Where JSON log lines go instead of stdout (tests read them). */
  logDestination?: DestinationStream;
}

/**
 * Starts one Baton process for any tier and role: database (embedded or external), migrations
 * under a lock, queue backend, then the Nest application. Used by main.ts and by the tests.
 */
export async function startBaton(config: BatonConfig, options: StartOptions = {}): Promise<RunningBaton> {
  const appLogger = new BatonLogger({
    format: config.logFormat,
    level: config.logLevel,
    role: config.role,
    destination: options.logDestination,
  });
  // Before the first line: start-up (migrations, the embedded database) logs through it too.
  Logger.overrideLogger(appLogger);
  const logger = new Logger('Baton');
  let embedded: EmbeddedDatabase | null = null;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, maxConnections: EMBEDDED_MAX_CONNECTIONS });
  }
  let app: NestExpressApplication | null = null;
  try {
    const databaseUrl = embedded?.url ?? (config.databaseUrl as string);
    const applied = await runMigrationsUnderLock({ url: databaseUrl, poolSize: 2 });
    if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);
    const runtime: BatonRuntime = {
      config,
      databaseUrl,
      embedded: Boolean(embedded),
      encryptionKey: loadOrCreateEncryptionKey(config.encryptionKey, config.dataDir),
      queue: configureQueueBackend({
        databaseUrl,
        redisUrl: config.redisUrl,
        embedded: Boolean(embedded),
        prefix: config.queuePrefix,
      }),
    };
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime), {
      logger: appLogger,
      bodyParser: false,
    });
    guardPoolClients(app.get(DataSource), (error) => logger.warn(`database connection lost: ${error.message}`));
    // First: request timing covers every later middleware.
    installRequestMetrics(app);
    app.use(securityHeaders({ hsts: config.hsts }));
    mountMetricsEndpoint(app, config);
    // Webhooks first: their signature covers the raw bytes, so they get a raw reader of their own.
    app.use(WEBHOOK_PATH_PREFIX, captureWebhookRawBody(config.triggers.webhookMaxBodyBytes));
    app.useBodyParser('json', { limit: config.maxBodyBytes });
    app.useBodyParser('urlencoded', { limit: config.maxBodyBytes, extended: false });
    app.use(unstorableTextMiddleware);
    app.setGlobalPrefix('api');
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new DomainErrorFilter());
    if (config.role !== 'worker') setupSwagger(app);
    await app.listen(config.port, config.host);
    const address = app.getHttpServer().address() as { port: number };
    const url = `http://127.0.0.1:${address.port}`;
    logger.log(`Baton ${config.role} ready on ${url} (tier ${tierOf(config)}, queue on ${runtime.queue.kind})`);
    const started = app;
    return {
      app: started,
      runtime,
      url,
      async close() {
        await started.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}
