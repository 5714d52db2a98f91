import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/load-config';
import type { BatonRuntime } from './baton-runtime';
import { createOpenApiDocument } from './setup-swagger';

/**
 * The API's OpenAPI document without a database, queue or port: Nest's preview mode registers
 * every module and controller but instantiates no provider, so nothing connects. The admin's
 * and @baton/client's generated code and the contract test all start from this document.
 */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  // role 'api' loads exactly the modules that serve HTTP; the URLs below are never dialled.
  const config = loadConfig({ BATON_ROLE: 'api', BATON_LOG_LEVEL: 'error' });
  const runtime: BatonRuntime = {
    config,
    databaseUrl: 'postgres://openapi-preview.invalid/baton',
    embedded: false,
    encryptionKey: Buffer.alloc(32),
    queue: { kind: 'postgres', options: { connection: {} } },
  };
  const app = await NestFactory.create(AppModule.forRoot(runtime), {
    preview: true,
    logger: ['error'],
    abortOnError: false,
  });
  try {
    app.setGlobalPrefix('api');
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
