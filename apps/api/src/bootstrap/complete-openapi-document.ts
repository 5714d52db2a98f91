import type { OpenAPIObject } from '@nestjs/swagger';
import { WEBHOOK_METHODS } from '../triggers/dto/webhook-trigger.dto';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Responses = Operation['responses'];

const ERROR_SCHEMA_REF = '#/components/schemas/ErrorResponseDto';
const WEBHOOK_PATH = '/api/hooks/{token}';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const PATH_ITEM_FIELDS = ['$ref', 'summary', 'description', 'servers', 'parameters'];

/**
 * Adds to the generated document what the app does globally rather than per route, so no
 * controller has to repeat it and none can forget it:
 * - the webhook catch-all (`@All`) lists only the methods a webhook trigger can accept; Nest
 *   would also emit `search`, which OpenAPI 3.0 does not have (strict generators reject it);
 * - every JSON error has the body DomainErrorFilter writes (the one place errors become HTTP);
 * - every operation with a request body can answer 400 (unreadable JSON, ValidationPipe) and
 *   413 (the body parsers' BATON_MAX_BODY_BYTES);
 * - every operation behind the global AuthGuard can answer 401 and 403;
 * - a DTO property typed `unknown` (an execution's input or output: any JSON) comes out of Nest
 *   as a bare `{ type: 'object' }`, which generators read as "an object with no properties"
 *   (`Record<string, never>`): it becomes a free-form value.
 * Operation-specific answers (404, 409, 429, ...) stay on the controllers.
 */
export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  const webhookMethods: string[] = WEBHOOK_METHODS.map((method) => method.toLowerCase());
  for (const [path, item] of Object.entries(document.paths)) {
    const fields = item as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      const method = (HTTP_METHODS as readonly string[]).includes(key);
      // `search` and other non-OpenAPI-3.0 methods would make the whole document invalid.
      if (!method && !PATH_ITEM_FIELDS.includes(key)) delete fields[key];
      else if (method && path === WEBHOOK_PATH && !webhookMethods.includes(key)) delete fields[key];
    }
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation) completeOperation(operation, document.security ?? []);
    }
  }
  for (const schema of Object.values(document.components?.schemas ?? {})) openFreeFormProperties(schema);
  return document;
}

function openFreeFormProperties(schema: unknown): void {
  if (typeof schema !== 'object' || schema === null) return;
  const { properties = {}, items } = schema as { properties?: Record<string, unknown>; items?: unknown };
  for (const child of [...Object.values(properties), items]) {
    if (typeof child !== 'object' || child === null) continue;
    const fields = child as Record<string, unknown>;
    if (fields['type'] === 'object' && !fields['properties'] && !('additionalProperties' in fields))
      delete fields['type'];
    else openFreeFormProperties(child);
  }
}

function completeOperation(operation: Operation, globalSecurity: NonNullable<OpenAPIObject['security']>): void {
  const responses = operation.responses;
  if (operation.requestBody) {
    addResponse(responses, '400', 'The body is not valid JSON or fails validation; each message names the field');
    addResponse(responses, '413', 'The body is larger than BATON_MAX_BODY_BYTES');
  }
  const security = operation.security ?? globalSecurity;
  if (security.length) {
    addResponse(responses, '401', 'Credentials missing, invalid, expired or revoked');
    addResponse(responses, '403', "The caller's role in the workspace is too low");
  }
  for (const [status, response] of Object.entries(responses)) {
    if (!response || !/^[45]\d\d$/.test(status) || '$ref' in response) continue;
    response.content ??= { 'application/json': { schema: { $ref: ERROR_SCHEMA_REF } } };
  }
}

function addResponse(responses: Responses, status: string, description: string): void {
  responses[status] ??= { description, content: { 'application/json': { schema: { $ref: ERROR_SCHEMA_REF } } } };
}
