import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/load-config';
import type { BatonRuntime } from './baton-runtime';
import { createOpenApiDocument } from './setup-swagger';

/**
 * Writes the API's OpenAPI document without a database, queue or port: Nest's preview mode
 * registers every module and controller but instantiates no provider, so nothing connects.
 * The admin build generates its API client from this file, so the client cannot drift from
 * the controllers. Usage: node dist/apps/api-openapi/main.js <output.json>
 */
async function writeOpenApiDocument(outputPath: string): Promise<void> {
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
  app.setGlobalPrefix('api');
  const document = createOpenApiDocument(app);
  mkdirSync(dirname(outputPath), { recursive: true });
  writeFileSync(outputPath, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
}

const outputPath = resolve(process.argv[2] ?? 'dist/apps/api-openapi/openapi.json');
writeOpenApiDocument(outputPath).then(
  () => console.log(`OpenAPI document written to ${outputPath}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
