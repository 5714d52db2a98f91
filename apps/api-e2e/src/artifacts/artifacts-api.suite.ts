import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { chromium } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ArtifactStore } from '@baton/engine';
import { ArtifactChunkRepository } from '@baton/persistence';
import { ArtifactLinkSigner } from '../../../api/src/artifacts/artifact-link-signer';
import { FilesystemArtifactBlobStore } from '../../../api/src/artifacts/drivers/filesystem-artifact.blob-store';
import { S3ArtifactBlobStore } from '../../../api/src/artifacts/drivers/s3-artifact.blob-store';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { ExecutionRetentionService } from '../../../api/src/operations/retention/execution-retention.service';
import { eventually, TestApiClient } from '../support/api-client';
import { edge, node } from '../support/graphs';
import { addMember, setUpOwner, signIn } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';

const TEMPLATE = `<!doctype html><html><head><title>Report for <%= it.name %></title></head>
<body><h1>Hello <%= it.name %></h1><ul><% for (const t of it.topics) { %><li><%= t %></li><% } %></ul></body></html>`;

export const reportGraph = () => ({
  nodes: [
    node('start', 'trigger.manual'),
    node('render', 'template.html', { template: TEMPLATE, fileName: 'report.html', publish: true }, 200),
  ],
  edges: [edge('start', 'render')],
});

const expectedHtml = (name: string, topics: string[]) =>
  `<!doctype html><html><head><title>Report for ${name}</title></head>
<body><h1>Hello ${name}</h1><ul>${topics.map((t) => `<li>${t}</li>`).join('')}</ul></body></html>`;

/**
 * Issue 13, items 1 and 3 through the API on one tier: a workflow with template.html stores its
 * page as an artifact, which the execution lists and the API streams (workspace-scoped, sandboxed
 * by CSP), and a signed link opens without signing in until it expires.
 */
const DRIVERS = { filesystem: FilesystemArtifactBlobStore, postgres: ArtifactChunkRepository, s3: S3ArtifactBlobStore };

export function describeArtifactsApi(
  tier: TierName,
  driver: keyof typeof DRIVERS,
  extraEnv: () => Record<string, string> = () => ({}),
): void {
  describe(`artifacts API (${tier} tier, ${driver} driver)`, () => {
    let environment: TierEnvironment;
    let baton: RunningBaton;
    let owner: TestApiClient;
    let anonymous: TestApiClient;
    let executionId: string;
    let artifact: { artifactId: string; name: string; contentType: string; size: number; sha256: string };
    const input = { name: '<Ada & "Bob">', topics: ['queues', '<script>x</script>'] };
    const html = expectedHtml('&lt;Ada &amp; &quot;Bob&quot;&gt;', ['queues', '&lt;script&gt;x&lt;/script&gt;']);

    beforeAll(async () => {
      environment = await prepareTier(tier);
      baton = await startInProcessBaton({ ...environment.env, ...extraEnv(), BATON_ROLE: 'all' });
      anonymous = new TestApiClient(baton.url);
      owner = await setUpOwner(anonymous);
      // Queued: on tier 3 the step runs from BullMQ on Redis, the artifact is written by the worker side.
      const run = await owner.post('/api/workflows/run', {
        format: 'graph',
        definition: reportGraph(),
        input,
        mode: 'queued',
      });
      expect(run.status).toBe(201);
      executionId = run.body.executionId;
      const done = await eventually(async () => {
        const execution = (await owner.get(`/api/executions/${executionId}`)).body;
        return execution.status === 'completed' || execution.status === 'failed' ? execution : undefined;
      });
      expect(done).toMatchObject({ status: 'completed' });
      artifact = done.output;
    });

    afterAll(async () => {
      await baton?.close();
      await environment?.cleanup();
    });

    it('outputs the reference of the rendered page, escaped, and lists it on the execution', async () => {
      expect(baton.app.get(ArtifactStore).blobs).toBeInstanceOf(DRIVERS[driver]);
      expect(artifact).toEqual({
        artifactId: expect.any(String),
        name: 'report.html',
        contentType: 'text/html; charset=utf-8',
        size: Buffer.byteLength(html),
        sha256: createHash('sha256').update(html).digest('hex'),
        publish: true,
        // A published artifact's reference carries its signed public link.
        url: expect.stringContaining(`/api/artifact-links/${artifact.artifactId}.`),
      });
      const listed = await owner.get(`/api/executions/${executionId}/artifacts`);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual([
        {
          artifactId: artifact.artifactId,
          executionId,
          stepId: 'render',
          name: 'report.html',
          contentType: 'text/html; charset=utf-8',
          size: artifact.size,
          sha256: artifact.sha256,
          publish: true,
          createdAt: expect.any(String),
        },
      ]);
    });

    it('streams the bytes with their type, name and a CSP sandbox; ?download=1 asks for an attachment', async () => {
      const response = await owner.get(`/api/artifacts/${artifact.artifactId}`);
      expect(response.status).toBe(200);
      expect(response.body).toBe(html);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-length')).toBe(String(artifact.size));
      expect(response.headers.get('content-disposition')).toBe(
        `inline; filename="report.html"; filename*=UTF-8''report.html`,
      );
      expect(response.headers.get('content-security-policy')).toMatch(/^sandbox;/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const download = await owner.get(`/api/artifacts/${artifact.artifactId}?download=1`);
      expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="report.html"/);
    });

    it('is workspace-scoped: signed-out 401, unknown or malformed ids 404/400, a viewer may read', async () => {
      expect((await anonymous.get(`/api/artifacts/${artifact.artifactId}`)).status).toBe(401);
      expect((await anonymous.get(`/api/executions/${executionId}/artifacts`)).status).toBe(401);
      const missing = await owner.get('/api/artifacts/00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      expect(missing.body.message).toContain('Artifact 00000000-0000-4000-8000-000000000000 was not found');
      const malformed = await owner.get('/api/artifacts/not-a-uuid');
      expect(malformed.status).toBe(400);
      expect(malformed.body.message).toEqual(['id must be a UUID']);
      const viewer = await addMember(owner, 'viewer', `viewer-${tier}@example.test`);
      expect((await viewer.get(`/api/artifacts/${artifact.artifactId}`)).body).toBe(html);
      // Creating a public link is a write: editors and owners only.
      expect((await viewer.post(`/api/artifacts/${artifact.artifactId}/links`, {})).status).toBe(403);
      // Another workspace's member (the same person, signed in to workspace B) sees nothing of it.
      const workspaceB = await owner.post('/api/workspaces', { name: `Artifacts B ${tier}` });
      expect(workspaceB.status).toBe(201);
      const ownerInB = await signIn(anonymous, 'owner@example.test', 'correct horse', workspaceB.body.id);
      expect((await ownerInB.get(`/api/artifacts/${artifact.artifactId}`)).status).toBe(404);
      expect((await ownerInB.get(`/api/executions/${executionId}/artifacts`)).status).toBe(404);
      expect((await ownerInB.post(`/api/artifacts/${artifact.artifactId}/links`, {})).status).toBe(404);
    });

    it('signs a link that opens the artifact without signing in, and refuses changed or expired ones', async () => {
      const created = await owner.post(`/api/artifacts/${artifact.artifactId}/links`, { expiresInSeconds: 3600 });
      expect(created.status).toBe(201);
      expect(new Date(created.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 3500_000);
      const url = new URL(created.body.url);
      expect(url.origin).toBe(baton.url);
      const opened = await anonymous.get(url.pathname);
      expect(opened.status).toBe(200);
      expect(opened.body).toBe(html);
      expect(opened.headers.get('content-security-policy')).toMatch(/^sandbox;/);

      const token = url.pathname.split('/').pop()!;
      const [id, seconds, signature] = token.split('.') as [string, string, string];
      const later = await anonymous.get(`/api/artifact-links/${id}.${Number(seconds) + 86_400}.${signature}`);
      expect(later.status).toBe(403);
      expect(later.body).toMatchObject({ error: 'FORBIDDEN', message: 'This artifact link is not valid' });
      expect((await anonymous.get('/api/artifact-links/garbage')).status).toBe(403);
      // Minted with the tier's key (prepareTier's BATON_ENCRYPTION_KEY), a minute in the past.
      const signer = new ArtifactLinkSigner(Buffer.from(environment.env['BATON_ENCRYPTION_KEY']!, 'hex'));
      const expired = await anonymous.get(
        `/api/artifact-links/${signer.sign(artifact.artifactId, new Date(Date.now() - 60_000))}`,
      );
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ error: 'UNAUTHENTICATED', message: 'This artifact link has expired' });
    });

    it('refuses a link lifetime that is not a whole number or is past the maximum, naming the field', async () => {
      const path = `/api/artifacts/${artifact.artifactId}/links`;
      const wrongType = await owner.post(path, { expiresInSeconds: 'soon' });
      expect(wrongType.status).toBe(400);
      expect(JSON.stringify(wrongType.body.message)).toContain('expiresInSeconds');
      const tooLong = await owner.post(path, { expiresInSeconds: 200 * 86_400 });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.message).toContain('expiresInSeconds must be at most 2592000');
    });

    it('never runs an HTML artifact’s script in Chromium, nor gives it the API’s origin', async () => {
      // The workflow writes attacker-controlled markup raw (<%~ %>), the worst case.
      const attack =
        `<script>document.title = 'script ran'; fetch('/api/csp-probe?from=script');</script>` +
        `<img src="x" onerror="document.title = 'handler ran'; fetch('/api/csp-probe?from=handler')">`;
      const definition = {
        nodes: [
          node('start', 'trigger.manual'),
          node('render', 'template.html', { template: '<title>static</title><%~ it.attack %>' }, 200),
        ],
        edges: [edge('start', 'render')],
      };
      const run = await owner.post('/api/workflows/run', {
        format: 'graph',
        definition,
        input: { attack },
        mode: 'immediate',
      });
      expect(run.body).toMatchObject({ status: 'completed' });
      const link = await owner.post(`/api/artifacts/${run.body.output.artifactId}/links`, {});
      const browser = await chromium.launch({
        executablePath: process.env['BATON_CHROMIUM_PATH'] ?? '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      try {
        const page = await browser.newPage();
        const probes: string[] = [];
        page.on('request', (request) => {
          if (request.url().includes('csp-probe')) probes.push(request.url());
        });
        const opened = await page.goto(link.body.url, { waitUntil: 'load' });
        expect(opened?.status()).toBe(200);
        expect(await page.locator('img').count()).toBe(1);
        expect(await page.title()).toBe('static');
        // The sandbox gives the document an opaque origin: nothing of the API's origin is its own.
        expect(await page.evaluate(() => window.origin)).toBe('null');
        expect(
          await page.evaluate(() => {
            try {
              return `readable ${window.localStorage.length}`;
            } catch {
              return 'denied';
            }
          }),
        ).toBe('denied');
        expect(probes).toEqual([]);
      } finally {
        await browser.close();
      }
    });

    it('deletes an execution’s artifacts with it: the retention job purges their bytes', async () => {
      const run = await owner.post('/api/workflows/run', {
        format: 'graph',
        definition: reportGraph(),
        input,
        mode: 'immediate',
      });
      expect(run.body).toMatchObject({ status: 'completed' });
      const doomed: string = run.body.output.artifactId;
      expect((await owner.get(`/api/artifacts/${doomed}`)).status).toBe(200);
      const dataSource = baton.app.get(DataSource);
      await dataSource.query(`DELETE FROM executions WHERE id = $1`, [run.body.executionId]);
      const report = await baton.app.get(ExecutionRetentionService).run();
      expect(report.artifacts).toBe(1);
      expect((await owner.get(`/api/artifacts/${doomed}`)).status).toBe(404);
      const [rows] = await dataSource.query(`SELECT count(*)::int AS n FROM artifacts WHERE id = $1`, [doomed]);
      expect(rows.n).toBe(0);
      // The first run's artifact is untouched.
      expect((await owner.get(`/api/artifacts/${artifact.artifactId}`)).status).toBe(200);
    });
  });
}
