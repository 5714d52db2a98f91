import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApiClient } from '../support/api-client';
import { type EmbeddedOwnerBaton, startEmbeddedOwnerBaton } from '../support/embedded-owner-baton';
import { describeNodeLibrary } from './node-library.suite';
import { describeSeedImport } from './seed-import.suite';
import { describeStepLogs } from './step-logs.suite';

// The whole app on the embedded tier: the catalogue is read through the real registry binding.
describe('GET /api/nodes', () => {
  let app: EmbeddedOwnerBaton;
  let owner: TestApiClient;

  beforeAll(async () => {
    app = await startEmbeddedOwnerBaton();
    owner = app.owner;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists every registered node type with handles, settings schema and start flag', async () => {
    const response = await owner.get('/api/nodes');
    expect(response.status).toBe(200);
    const types = response.body.map((entry: { type: string }) => entry.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'trigger.manual',
        'http.request',
        'data.transform',
        'data.set',
        'flow.condition',
        'flow.switch',
        'flow.loop',
        'flow.merge',
        'flow.delay',
        'flow.fail',
        'util.log',
      ]),
    );
    const manual = response.body.find((entry: { type: string }) => entry.type === 'trigger.manual');
    expect(manual).toMatchObject({
      version: 1,
      group: 'trigger',
      canStart: true,
      inputs: [],
      kind: 'task',
      dynamicOutputs: false,
    });
    expect(manual.outputs).toEqual([{ name: 'out', dataType: 'any', required: false, multiple: false }]);
    const transform = response.body.find((entry: { type: string }) => entry.type === 'data.transform');
    expect(transform.settingsSchema).toMatchObject({
      type: 'object',
      properties: { expression: { type: 'string', format: 'jsonata' } },
    });
    const loop = response.body.find((entry: { type: string }) => entry.type === 'flow.loop');
    expect(loop).toMatchObject({ kind: 'loop', canStart: false });
    expect(loop.outputs).toContainEqual(expect.objectContaining({ name: 'done', dataType: 'array' }));
    const switchNode = response.body.find((entry: { type: string }) => entry.type === 'flow.switch');
    expect(switchNode.dynamicOutputs).toBe(true);
    // Grouped for the palette: entries come sorted by group, then type.
    const groups = response.body.map((entry: { group: string }) => entry.group);
    expect(groups).toEqual([...groups].sort());
  });

  it('needs credentials', async () => {
    const response = await new TestApiClient(app.baton.url).get('/api/nodes');
    expect(response.status).toBe(401);
  });

  it('is in the OpenAPI document the admin client is generated from', async () => {
    const document = await new TestApiClient(app.baton.url).get('/api/docs-json');
    expect(document.body.paths['/api/nodes'].get.operationId).toBe('NodesController_list');
    expect(document.body.components.schemas.NodeTypeDto.required).toEqual(
      expect.arrayContaining(['type', 'inputs', 'outputs', 'settingsSchema', 'canStart']),
    );
  });

  // The node library's runs share this suite's Baton.
  describeNodeLibrary(() => app);
  describeSeedImport(() => app);
  describeStepLogs(() => app);
});
