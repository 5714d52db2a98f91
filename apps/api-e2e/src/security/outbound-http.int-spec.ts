import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { TestApiClient } from '../support/api-client';
import { setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';

// Issue 11 (High 3): with the default configuration (no allow list) neither http.request nor
// ASL http:invoke reaches the machine's own services; the allow list opens a host deliberately.
describe('outbound HTTP policy through the API (embedded tier)', () => {
  let environment: TierEnvironment;
  let baton: RunningBaton;
  let owner: TestApiClient;
  let stub: Server;
  let stubUrl: string;
  let hits = 0;

  beforeAll(async () => {
    stub = createServer((_req, res) => {
      hits++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ secret: 'internal' }));
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    environment = await prepareTier('embedded');
    // The test tiers open loopback for their stubs; this suite runs with the production default.
    baton = await startInProcessBaton({ ...environment.env, BATON_ROLE: 'all', BATON_HTTP_ALLOW_HOSTS: '' });
    owner = await setUpOwner(new TestApiClient(baton.url));
  });
  afterAll(async () => {
    await baton?.close();
    await environment?.cleanup();
    await new Promise((resolve) => stub.close(resolve));
  });

  it('http.request to a loopback service fails with HTTP_DESTINATION_BLOCKED and sends nothing', async () => {
    const definition = {
      nodes: [
        { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { inputs: {} } },
        { id: 'call', type: 'http.request', position: { x: 200, y: 0 }, data: { inputs: { url: `${stubUrl}/x` } } },
      ],
      edges: [{ id: 'e', source: 'start', target: 'call', sourceHandle: 'out', targetHandle: 'in' }],
    };
    const run = await owner.post('/api/workflows/run', { format: 'graph', definition, mode: 'immediate' });
    expect(run.body).toMatchObject({ status: 'failed', error: 'HTTP_DESTINATION_BLOCKED' });
    expect(JSON.stringify(run.body)).not.toContain('internal');
    const execution = await owner.get(`/api/executions/${run.body.executionId}`);
    // Refused, not retried: the node's default retry policy never gets a second attempt.
    expect(execution.body.steps.find((s: { nodeId: string }) => s.nodeId === 'call')).toMatchObject({
      status: 'failed',
      attempt: 1,
    });
    expect(hits).toBe(0);
  });

  it('ASL http:invoke refuses loopback, metadata and data: endpoints', async () => {
    for (const endpoint of [`${stubUrl}/x`, 'http://169.254.169.254/latest/meta-data/', 'data:text/plain,hi']) {
      const machine = {
        StartAt: 'Call',
        States: {
          Call: {
            Type: 'Task',
            Resource: 'arn:aws:states:::http:invoke',
            Parameters: { ApiEndpoint: endpoint, Method: 'GET' },
            End: true,
          },
        },
      };
      const run = await owner.post('/api/workflows/run', { format: 'asl', definition: machine, mode: 'immediate' });
      expect(run.body.status).toBe('failed');
      expect(`${run.body.error} ${run.body.cause}`).toMatch(/HTTP_DESTINATION_BLOCKED|http: or https:/);
    }
    expect(hits).toBe(0);
  });
});
