import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, TestApiClient } from '../support/api-client';
import { doublingGraph } from '../support/graphs';
import { setUpOwner } from '../support/identities';
import { spawnBaton, type SpawnedBaton } from '../support/spawned-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';

// The built server as its own OS process with stdout on a pipe and no BATON_LOG_FORMAT: not a
// terminal, so it must write JSON, and a queued run's engine lines carry the step's coordinates.
describe('JSON logs on the stdout of a spawned process', () => {
  let environment: TierEnvironment;
  let baton: SpawnedBaton;

  beforeAll(async () => {
    environment = await prepareTier('embedded');
    baton = await spawnBaton(environment.env);
  });

  afterAll(async () => {
    await baton?.stop();
    await environment?.cleanup();
  });

  it('writes only JSON lines, engine ones with executionId, stepId and attempt', async () => {
    const owner = await setUpOwner(new TestApiClient(baton.url));
    const workflowId = (
      await owner.post('/api/workflows', { name: 'Doubler', format: 'graph', definition: doublingGraph() })
    ).body.id;
    const started = await owner.post(`/api/workflows/${workflowId}/execute`, { input: { value: 4 }, mode: 'queued' });
    const { executionId } = started.body;
    const entries = () =>
      baton
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    const line = await eventually(async () =>
      entries().find((entry) => entry['executionId'] === executionId && entry['msg'] === 'doubled'),
    );
    expect(line).toMatchObject({ level: 'info', context: 'Engine', role: 'all', stepId: 'log', attempt: 1 });
    // Every line of the process is JSON: stdout and stderr together hold nothing else.
    const other = baton
      .output()
      .split('\n')
      .filter((text) => text.trim() && !text.startsWith('{'));
    expect(other).toEqual([]);
  });
});
