import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildOpenApiDocument } from './build-openapi-document';

/**
 * Writes the API's OpenAPI document without a database (see build-openapi-document.ts). The
 * admin build and @baton/client generate their code from this file, so neither can drift from
 * the controllers. Usage: node dist/apps/api-openapi/main.js <output.json>
 */
async function writeOpenApiDocument(outputPath: string): Promise<void> {
  const document = await buildOpenApiDocument();
  mkdirSync(dirname(outputPath), { recursive: true });
  writeFileSync(outputPath, `${JSON.stringify(document, null, 2)}\n`);
}

const outputPath = resolve(process.argv[2] ?? 'dist/apps/api-openapi/openapi.json');
writeOpenApiDocument(outputPath).then(
  () => console.log(`OpenAPI document written to ${outputPath}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
