import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { TestApiClient } from '../support/api-client';
import { addMember, sampleGraph, setUpOwner, signIn } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';

/**
 * The foundation's contract, run against one deployment tier: health and docs, auth and
 * tenancy, workflows CRUD with versions, 4xx for bad input, data surviving a restart.
 */
export function describeFoundation(tier: TierName): void {
  describe(`foundation on the ${tier} tier`, () => {
    let environment: TierEnvironment;
    let baton: RunningBaton;
    let anonymous: TestApiClient;
    let owner: TestApiClient;

    beforeAll(async () => {
      environment = await prepareTier(tier);
      baton = await startInProcessBaton(environment.env);
      anonymous = new TestApiClient(baton.url);
      owner = await setUpOwner(anonymous);
    });

    afterAll(async () => {
      await baton?.close();
      await environment?.cleanup();
    });

    it('reports liveness, readiness of database and queue, and serves the OpenAPI document', async () => {
      const live = await anonymous.get('/api/health');
      expect(live.status).toBe(200);
      expect(live.body).toMatchObject({
        status: 'ok',
        role: 'all',
        queueBackend: tier === 'redis' ? 'redis' : 'postgres',
      });
      const ready = await anonymous.get('/api/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.details).toMatchObject({ database: { status: 'up' }, queue: { status: 'up' } });
      const docs = await anonymous.get('/api/docs-json');
      expect(docs.status).toBe(200);
      expect(Object.keys(docs.body.components.securitySchemes).sort()).toEqual(['apiKey', 'bearer']);
      expect(docs.body.paths['/api/workflows/{id}/versions/{n}']).toBeDefined();
      expect(docs.body.components.schemas.CreateWorkflowDto.required).toEqual(
        expect.arrayContaining(['name', 'format', 'definition']),
      );
      const ui = await anonymous.get('/api/docs');
      expect(ui.status).toBe(200);
      expect(String(ui.body)).toContain('swagger');
    });

    it('refuses requests without valid credentials with 401', async () => {
      expect((await anonymous.get('/api/workflows')).status).toBe(401);
      expect((await anonymous.withToken('not-a-jwt').get('/api/workflows')).status).toBe(401);
      expect((await anonymous.withApiKey('bk_nope').get('/api/workflows')).status).toBe(401);
      expect(
        (await anonymous.post('/api/auth/login', { email: 'owner@example.test', password: 'wrong password' })).status,
      ).toBe(401);
    });

    it('allows the owner set-up only once', async () => {
      expect((await anonymous.get('/api/auth/status')).body).toEqual({ setupRequired: false });
      const again = await anonymous.post('/api/auth/setup', {
        email: 'x@example.test',
        password: 'password x',
        name: 'X',
        workspaceName: 'X',
      });
      expect(again.status).toBe(409);
    });

    it('creates, reads, lists, updates into new versions and deletes workflows', async () => {
      const created = await owner.post('/api/workflows', {
        name: 'Order intake',
        format: 'graph',
        definition: sampleGraph(),
        tags: ['orders'],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Order intake',
        format: 'graph',
        status: 'draft',
        tags: ['orders'],
        currentVersion: 1,
      });
      const id = created.body.id;

      const renamed = { ...sampleGraph(), nodes: sampleGraph().nodes.slice(0, 1), edges: [] };
      const updated = await owner.put(`/api/workflows/${id}`, { definition: renamed, status: 'active' });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ currentVersion: 2, status: 'active', definition: renamed });
      const nameOnly = await owner.put(`/api/workflows/${id}`, { name: 'Order intake v3' });
      expect(nameOnly.body).toMatchObject({ currentVersion: 3, name: 'Order intake v3', definition: renamed });

      const versions = await owner.get(`/api/workflows/${id}/versions`);
      expect(versions.body.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
      const first = await owner.get(`/api/workflows/${id}/versions/1`);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ version: 1, name: 'Order intake', definition: sampleGraph() });
      expect((await owner.get(`/api/workflows/${id}/versions/9`)).status).toBe(404);

      const fetched = await owner.get(`/api/workflows/${id}`);
      expect(fetched.body).toMatchObject({ id, currentVersion: 3, definition: renamed });
      expect((await owner.delete(`/api/workflows/${id}`)).status).toBe(204);
      expect((await owner.get(`/api/workflows/${id}`)).status).toBe(404);
      expect((await owner.get(`/api/workflows/${id}/versions/1`)).status).toBe(404);
    });

    it('lists with cursor pagination and status, tag and name filters', async () => {
      const names = ['Alpha report', 'Beta sync', 'Gamma report', 'Delta 50% off', 'Epsilon'];
      for (const [i, name] of names.entries()) {
        const status = i % 2 === 0 ? 'active' : 'draft';
        const created = await owner.post('/api/workflows', {
          name,
          format: 'graph',
          definition: sampleGraph(),
          status,
          tags: i < 2 ? ['list', 'first'] : ['list'],
        });
        expect(created.status).toBe(201);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/api/workflows?tag=list&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await owner.get(query);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((w: { name: string }) => w.name));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...names].reverse());
      const active = await owner.get('/api/workflows?tag=list&status=active');
      expect(active.body.items.map((w: { name: string }) => w.name)).toEqual([
        'Epsilon',
        'Gamma report',
        'Alpha report',
      ]);
      const search = await owner.get('/api/workflows?search=REPORT');
      expect(search.body.items.map((w: { name: string }) => w.name)).toEqual(['Gamma report', 'Alpha report']);
      const literalPercent = await owner.get(`/api/workflows?search=${encodeURIComponent('50%')}`);
      expect(literalPercent.body.items.map((w: { name: string }) => w.name)).toEqual(['Delta 50% off']);
      const tagged = await owner.get('/api/workflows?tag=first');
      expect(tagged.body.items.map((w: { name: string }) => w.name)).toEqual(['Beta sync', 'Alpha report']);
    });

    it('answers malformed input with 400 naming the field, never 500', async () => {
      const cases: [string, string, unknown, string][] = [
        ['POST', '/api/workflows', { format: 'graph', definition: sampleGraph() }, 'name'],
        ['POST', '/api/workflows', { name: 'x', format: 'yaml', definition: sampleGraph() }, 'format'],
        ['POST', '/api/workflows', { name: 'x', format: 'graph', definition: 'nodes' }, 'definition'],
        ['POST', '/api/workflows', { name: 'x', format: 'graph', definition: { nodes: 'no' } }, 'definition.nodes'],
        [
          'POST',
          '/api/workflows',
          { name: 'x', format: 'graph', definition: { nodes: [{ id: 'a' }] } },
          'definition.nodes[0].type',
        ],
        ['POST', '/api/workflows', { name: 'x', format: 'asl', definition: { States: {} } }, 'definition.StartAt'],
        ['POST', '/api/workflows', { name: 'x', format: 'graph', definition: sampleGraph(), tags: 'a' }, 'tags'],
        ['POST', '/api/workflows', { name: 'x', format: 'graph', definition: sampleGraph(), owner: 'me' }, 'owner'],
        ['POST', '/api/workflows', { name: 'x'.repeat(201), format: 'graph', definition: sampleGraph() }, 'name'],
        ['GET', '/api/workflows/not-a-uuid', undefined, 'id'],
        ['GET', '/api/workflows?limit=0', undefined, 'limit'],
        ['GET', '/api/workflows?limit=abc', undefined, 'limit'],
        ['GET', '/api/workflows?status=gone', undefined, 'status'],
        ['GET', '/api/workflows?cursor=bm90LWEtY3Vyc29y', undefined, 'cursor'],
        ['POST', '/api/auth/login', { email: 'not-an-email', password: 'x' }, 'email'],
      ];
      for (const [method, path, body, field] of cases) {
        const response = await owner.request(method, path, body);
        expect({ path, body, status: response.status }).toEqual({ path, body, status: 400 });
        expect(JSON.stringify(response.body.message)).toContain(field);
      }
      const malformedJson = await owner.request('POST', '/api/workflows', '{"name": ');
      expect(malformedJson.status).toBe(400);
      const oversized = await owner.request('POST', '/api/workflows', {
        name: 'x',
        format: 'graph',
        definition: { nodes: [], pad: 'x'.repeat(3 * 1024 * 1024) },
      });
      expect(oversized.status).toBe(413);
    });

    it('scopes every workflow to its workspace and enforces roles on writes', async () => {
      const secret = await owner.post('/api/workflows', { name: 'A only', format: 'graph', definition: sampleGraph() });
      expect(secret.status).toBe(201);

      const workspaceB = await owner.post('/api/workspaces', { name: 'Workspace B' });
      expect(workspaceB.status).toBe(201);
      const ownerInB = await signIn(anonymous, 'owner@example.test', 'correct horse', workspaceB.body.id);
      const memberOfB = await addMember(ownerInB, 'editor', 'b-editor@example.test');
      expect((await memberOfB.get(`/api/workflows/${secret.body.id}`)).status).toBe(404);
      expect((await memberOfB.put(`/api/workflows/${secret.body.id}`, { name: 'stolen' })).status).toBe(404);
      expect((await memberOfB.delete(`/api/workflows/${secret.body.id}`)).status).toBe(404);
      expect((await memberOfB.get(`/api/workflows/${secret.body.id}/versions`)).status).toBe(404);
      const listedInB = await memberOfB.get('/api/workflows');
      expect(listedInB.body.items).toEqual([]);

      const viewer = await addMember(owner, 'viewer', 'a-viewer@example.test');
      expect((await viewer.get(`/api/workflows/${secret.body.id}`)).status).toBe(200);
      expect(
        (await viewer.post('/api/workflows', { name: 'no', format: 'graph', definition: sampleGraph() })).status,
      ).toBe(403);
      expect((await viewer.put(`/api/workflows/${secret.body.id}`, { name: 'no' })).status).toBe(403);
      expect((await viewer.delete(`/api/workflows/${secret.body.id}`)).status).toBe(403);
      const editor = await addMember(owner, 'editor', 'a-editor@example.test');
      expect((await editor.put(`/api/workflows/${secret.body.id}`, { name: 'edited' })).status).toBe(200);
      expect((await editor.post('/api/api-keys', { name: 'not mine to make', role: 'viewer' })).status).toBe(403);
    });

    it('authenticates REST clients with API keys that are shown once, stored hashed and revocable', async () => {
      const created = await owner.post('/api/api-keys', { name: 'ci', role: 'editor' });
      expect(created.status).toBe(201);
      const key: string = created.body.key;
      expect(key.length).toBeGreaterThan(30);
      const listed = await owner.get('/api/api-keys');
      expect(JSON.stringify(listed.body)).not.toContain(key);
      const client = anonymous.withApiKey(key);
      const made = await client.post('/api/workflows', {
        name: 'via key',
        format: 'asl',
        definition: { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
      });
      expect(made.status).toBe(201);
      expect((await client.get(`/api/workflows/${made.body.id}`)).body.definition).toEqual({
        StartAt: 'A',
        States: { A: { Type: 'Pass', End: true } },
      });
      expect((await owner.delete(`/api/api-keys/${created.body.id}`)).status).toBe(204);
      expect((await client.get('/api/workflows')).status).toBe(401);
    });

    it('keeps workflows across a restart of the process', async () => {
      const kept = await owner.post('/api/workflows', {
        name: 'Survives restart',
        format: 'graph',
        definition: sampleGraph(),
      });
      await owner.put(`/api/workflows/${kept.body.id}`, { tags: ['kept'] });
      await baton.close();
      baton = await startInProcessBaton(environment.env);
      const again = await signIn(new TestApiClient(baton.url), 'owner@example.test', 'correct horse');
      const fetched = await again.get(`/api/workflows/${kept.body.id}`);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toMatchObject({
        name: 'Survives restart',
        currentVersion: 2,
        tags: ['kept'],
        definition: sampleGraph(),
      });
    });
  });
}
