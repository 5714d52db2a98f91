import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { completeOpenApiDocument } from './complete-openapi-document';

/** Swagger UI at /api/docs, the OpenAPI JSON at /api/docs-json (REST clients are generated from it). */
export function setupSwagger(app: INestApplication): void {
  const document = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

/** The OpenAPI document of the app's controllers; build-openapi-document.ts makes it without a database. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Baton API')
    .setDescription(
      'Workflow orchestration: workflows, versions, executions, triggers. Authenticate with a bearer token from POST /api/auth/login or an X-API-Key header.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'apiKey')
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('apiKey')
    .build();
  // operationIds stay Nest's `<Controller>_<method>`: the admin's generated client and @baton/client
  // are named after them, and the contract test's snapshot guards them against silent renames.
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey}_${methodKey}`,
  });
  return completeOpenApiDocument(document);
}
