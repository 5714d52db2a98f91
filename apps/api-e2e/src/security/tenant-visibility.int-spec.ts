import { doublingGraph } from '../support/graphs';
import { addMember } from '../support/identities';
import { startEmbeddedOwnerBaton, type EmbeddedOwnerBaton } from '../support/embedded-owner-baton';

// Issue 11 (Low 13): installation-wide queue counts only for the installation owner; trigger URLs
// (whose token alone starts runs) only for editors and owners.
describe('what each role may see (embedded tier)', () => {
  let app: EmbeddedOwnerBaton;

  beforeAll(async () => {
    app = await startEmbeddedOwnerBaton();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows queue depth to the installation owner only', async () => {
    const editor = await addMember(app.owner, 'editor', 'editor@example.test');
    const viewer = await addMember(app.owner, 'viewer', 'viewer@example.test');
    const own = await app.owner.get('/api/executions/stats');
    expect(own.status).toBe(200);
    expect(own.body.queue).toEqual({
      waiting: expect.any(Number),
      active: expect.any(Number),
      delayed: expect.any(Number),
    });
    for (const member of [editor, viewer]) {
      const stats = await member.get('/api/executions/stats');
      expect(stats.status).toBe(200);
      expect(stats.body.queue).toBeNull();
      expect(stats.body.open).toEqual(expect.objectContaining({ running: expect.any(Number) }));
    }
  });

  it('hides webhook and form URLs from viewers', async () => {
    const viewer = await addMember(app.owner, 'viewer', 'viewer2@example.test');
    const workflow = await app.owner.post('/api/workflows', {
      name: 'Hooked',
      format: 'graph',
      status: 'active',
      definition: doublingGraph(),
    });
    const hook = await app.owner.post(`/api/workflows/${workflow.body.id}/triggers`, { type: 'webhook' });
    expect(hook.body.url).toMatch(/\/api\/hooks\//);
    const token = new URL(hook.body.url).pathname.split('/').pop()!;
    const seen = await viewer.get(`/api/triggers/${hook.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).not.toHaveProperty('url');
    const listed = await viewer.get(`/api/workflows/${workflow.body.id}/triggers`);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect((await app.owner.get(`/api/triggers/${hook.body.id}`)).body.url).toBe(hook.body.url);
  });
});
