import SwaggerParser from '@apidevtools/swagger-parser';
import { createClient } from '@hey-api/openapi-ts';
import type { OpenAPIObject } from '@nestjs/swagger';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildOpenApiDocument } from '../../../api/src/bootstrap/build-openapi-document';
import { listOperations, type ListedOperation } from './list-operations';

// Issue 17: the document REST clients are generated from is a contract. It is built the way the
// build builds it (preview mode, no database), validated strictly, fed to two independent
// generators, and its operations are compared with a committed snapshot.
const SNAPSHOT_PATH = join(process.cwd(), 'apps/api-e2e/src/contract/operations.snapshot.json');
const UPDATE_COMMAND =
  'BATON_UPDATE_OPERATIONS_SNAPSHOT=1 NODE_OPTIONS=--experimental-vm-modules npx jest --config jest.config.mjs apps/api-e2e/src/contract/openapi-contract';
const ERROR_SCHEMA_REF = '#/components/schemas/ErrorResponseDto';
// What the build ships: the admin's generate-api-client target writes it, and both the console's
// client and @baton/client are generated from it (npm test builds before Jest runs).
const BUILT_DOCUMENT_PATH = join(process.cwd(), 'dist/apps/api-openapi/openapi.json');

// Operations that cannot answer with an error at all: liveness is public and has no input.
const NO_ERROR_ANSWERS = new Set(['HealthController_live']);
// The public form pages answer people in a browser, so their errors are HTML pages too.
const HTML_OPERATIONS = new Set(['FormController_show', 'FormController_submit', 'FormController_jobPage']);
// The main request bodies carry examples for people reading the docs and for generated clients.
const WITH_BODY_EXAMPLES = ['WorkflowsController_create', 'ExecutionsController_execute', 'TriggersController_create'];

describe('the OpenAPI contract (/api/docs-json)', () => {
  let document: OpenAPIObject;
  let operations: ListedOperation[];

  beforeAll(async () => {
    document = await buildOpenApiDocument();
    operations = listOperations(document);
  });

  it('validates against the OpenAPI schema with swagger-parser', async () => {
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('validates the document the build writes (dist/apps/api-openapi/openapi.json) with swagger-parser', async () => {
    if (!existsSync(BUILT_DOCUMENT_PATH))
      throw new Error(
        `${BUILT_DOCUMENT_PATH} is missing: run \`npm run build\` first (the admin's generate-api-client target writes it)`,
      );
    const built: unknown = JSON.parse(readFileSync(BUILT_DOCUMENT_PATH, 'utf8'));
    await expect(SwaggerParser.validate(built as never)).resolves.toBeDefined();
  });

  it('documents only the methods a webhook accepts on the catch-all route', () => {
    const methods = operations.filter((o) => o.path === '/api/hooks/{token}').map((o) => o.method);
    expect(methods.sort()).toEqual(['delete', 'get', 'patch', 'post', 'put']);
  });

  it('gives every operation a unique operationId, tags, security, a success and its error answers', () => {
    const problems: string[] = [];
    const ids = new Set<string>();
    for (const { id, method, path, operation } of operations) {
      const at = `${method.toUpperCase()} ${path} (${id})`;
      if (!/^[A-Z][A-Za-z]+Controller_[a-z][A-Za-z]*(_[a-z]+)?$/.test(id)) problems.push(`${at}: operationId`);
      if (ids.has(id)) problems.push(`${at}: duplicate operationId`);
      ids.add(id);
      if (!operation.tags?.length) problems.push(`${at}: no tag`);
      const statuses = Object.keys(operation.responses);
      if (!statuses.some((s) => s.startsWith('2'))) problems.push(`${at}: no success response`);
      const errors = statuses.filter((s) => /^[45]/.test(s));
      if (!errors.length && !NO_ERROR_ANSWERS.has(id)) problems.push(`${at}: no error response`);
      const security = operation.security ?? document.security ?? [];
      if (security.length && !(statuses.includes('401') && statuses.includes('403')))
        problems.push(`${at}: secured but no 401/403`);
      if (operation.requestBody && !(statuses.includes('400') && statuses.includes('413')))
        problems.push(`${at}: takes a body but documents no 400/413`);
      for (const status of errors.filter((s) => s.startsWith('4'))) {
        const content = (operation.responses[status] as { content?: Record<string, { schema?: unknown }> }).content;
        const shared =
          JSON.stringify(content?.['application/json']?.schema) === JSON.stringify({ $ref: ERROR_SCHEMA_REF });
        if (!shared && !(HTML_OPERATIONS.has(id) && content?.['text/html']))
          problems.push(`${at}: ${status} does not use the shared error schema`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents the answers that only some operations give', () => {
    const statusesOf = (id: string) => Object.keys(operations.find((o) => o.id === id)?.operation.responses ?? {});
    expect(statusesOf('AuthController_login')).toEqual(expect.arrayContaining(['401', '403', '429']));
    expect(statusesOf('WebhookController_call_post')).toEqual(
      expect.arrayContaining(['401', '404', '405', '409', '413', '429']),
    );
    expect(statusesOf('FormController_submit')).toEqual(expect.arrayContaining(['404', '409', '422', '429']));
    expect(statusesOf('ExecutionsController_cancel')).toEqual(expect.arrayContaining(['400', '404', '409']));
    const publicIds = operations.filter((o) => o.operation.security?.length === 0).map((o) => o.id);
    expect(publicIds).toEqual(expect.arrayContaining(['HealthController_live', 'AuthController_login']));
  });

  it('has examples for the main request bodies', () => {
    for (const id of WITH_BODY_EXAMPLES) {
      const body = operations.find((o) => o.id === id)?.operation.requestBody as
        { content: Record<string, { examples?: Record<string, unknown> }> } | undefined;
      expect({ id, examples: Object.keys(body?.content['application/json']?.examples ?? {}).length > 0 }).toEqual({
        id,
        examples: true,
      });
    }
  });

  it('generates types with openapi-typescript without a warning', async () => {
    const output = await captureConsole(async () => astToString(await openapiTS(structuredClone(document) as never)));
    expect(output.messages).toEqual([]);
    expect(output.result).toContain('"/api/workflows/{id}/execute"');
  });

  it('generates a client with @hey-api/openapi-ts without a warning', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'baton-hey-api-'));
    try {
      const output = await captureConsole(() =>
        createClient({
          input: structuredClone(document) as never,
          output: { path: directory },
          logs: { level: 'warn', file: false },
          // Its own validator reports what strict generators would stumble on.
          parser: { validate_EXPERIMENTAL: 'warn' },
          plugins: ['@hey-api/typescript', '@hey-api/sdk', '@hey-api/client-fetch'],
        }),
      );
      expect(output.messages.filter((m) => !/^(@hey-api\/openapi-ts v|\[Job \d+\]|$)/.test(m))).toEqual([]);
      expect(readFileSync(join(directory, 'sdk.gen.ts'), 'utf8')).toContain('executionsControllerExecute');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  // The breaking-change guard: clients call operations by id and path, so one that disappears or
  // moves breaks them. Adding operations is fine; removing or renaming one must be deliberate.
  it('keeps every operation of the committed snapshot (operationId -> method and path)', () => {
    const current = Object.fromEntries(
      [...operations]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((o) => [o.id, `${o.method.toUpperCase()} ${o.path}`]),
    );
    if (process.env['BATON_UPDATE_OPERATIONS_SNAPSHOT'] === '1')
      writeFileSync(SNAPSHOT_PATH, `${JSON.stringify(current, null, 2)}\n`);
    const snapshot = JSON.parse(readFileSync(SNAPSHOT_PATH, 'utf8')) as Record<string, string>;
    const broken = Object.entries(snapshot)
      .filter(([id, route]) => current[id] !== route)
      .map(([id, route]) => `${id} (${route}) is ${current[id] ? `now ${current[id]}` : 'gone'}`);
    if (broken.length)
      throw new Error(
        `Operations of the API contract disappeared or moved, which breaks generated clients:\n  ${broken.join('\n  ')}\n` +
          `If this is a deliberate breaking change, update the snapshot with\n  ${UPDATE_COMMAND}\n` +
          'and commit apps/api-e2e/src/contract/operations.snapshot.json with a note for client authors.',
      );
  });
});

/** Runs `work` and returns what it wrote with console.log/info/warn/error (printed nothing meanwhile). */
async function captureConsole<T>(work: () => Promise<T>): Promise<{ result: T; messages: string[] }> {
  const messages: string[] = [];
  const methods = ['log', 'info', 'warn', 'error'] as const;
  const originals = methods.map((name) => console[name]);
  for (const name of methods)
    console[name] = (...args: unknown[]) => {
      // Colours off, so the messages read as plain text.
      messages.push(
        args
          .map(String)
          .join(' ')
          .replace(/\u001b\[\d+m/g, ''),
      );
    };
  try {
    return { result: await work(), messages };
  } finally {
    methods.forEach((name, i) => (console[name] = originals[i]));
  }
}
