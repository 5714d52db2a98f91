import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApiClient } from '../../api-e2e/src/support/api-client';
import { type EmbeddedOwnerBaton, startEmbeddedOwnerBaton } from '../../api-e2e/src/support/embedded-owner-baton';
import { EXAMPLE_WORKFLOWS } from '../../admin/src/app/workflows/example-workflows';

// The examples a new workspace is offered must be valid and must run on an empty input, or the
// first thing a newcomer sees is an error.
describe('example workflows offered on first run', () => {
  let app: EmbeddedOwnerBaton;
  let owner: TestApiClient;

  beforeAll(async () => {
    app = await startEmbeddedOwnerBaton();
    owner = app.owner;
  });

  afterAll(async () => {
    await app?.close();
  });

  // An example with `setup` (the lead magnet: credentials to choose) is tested in apps/api-e2e/src/lead-magnet.
  it.each(EXAMPLE_WORKFLOWS.filter((example) => !example.setup).map((example) => [example.key, example] as const))(
    '%s validates and runs to completion',
    async (_key, example) => {
      const validation = await owner.post('/api/workflows/validate', {
        format: example.format,
        definition: example.definition,
      });
      expect(validation.status).toBe(200);
      expect(validation.body.problems).toEqual([]);
      const run = await owner.post('/api/workflows/run', {
        format: example.format,
        definition: example.definition,
        input: {},
        mode: 'immediate',
      });
      expect(run.status).toBe(201);
      const execution = await owner.get(`/api/executions/${run.body.executionId}`);
      expect({ status: execution.body.status, error: execution.body.error, cause: execution.body.cause }).toEqual({
        status: 'completed',
        error: null,
        cause: null,
      });
    },
  );
});
