import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { TestApiClient } from '../support/api-client';
import { SERVER_BUNDLE, spawnBaton, type SpawnedBaton } from '../support/spawned-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';

describe('Baton processes', () => {
  const started: SpawnedBaton[] = [];
  const environments: TierEnvironment[] = [];

  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.stop('SIGKILL')));
    await Promise.all(environments.splice(0).map((e) => e.cleanup()));
  });

  it('starts several processes together on one fresh database, applying each migration once', async () => {
    const environment = await prepareTier('redis');
    environments.push(environment);
    const processes = await Promise.all(
      (['api', 'api', 'worker'] as const).map((role) => spawnBaton({ ...environment.env, BATON_ROLE: role })),
    );
    started.push(...processes);
    for (const process of processes) {
      expect((await new TestApiClient(process.url).get('/api/health/ready')).status).toBe(200);
    }
    const client = new pg.Client({ connectionString: environment.env['DATABASE_URL'] });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT name, count(*)::int AS n FROM baton_migrations GROUP BY name');
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      await client.end();
    }
    const applied = processes.map((p) => (p.output().match(/Applied migrations/g) ?? []).length);
    expect(applied.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('drains and exits 0 on SIGTERM', async () => {
    const environment = await prepareTier('postgres');
    environments.push(environment);
    const baton = await spawnBaton(environment.env);
    started.push(baton);
    expect(await baton.stop('SIGTERM')).toBe(0);
    expect(baton.output()).toContain('SIGTERM received: draining');
  });

  it('refuses a second process on the same embedded data directory with a clear message', async () => {
    const environment = await prepareTier('embedded');
    environments.push(environment);
    const first = await spawnBaton(environment.env);
    started.push(first);
    const second = spawn(process.execPath, [SERVER_BUNDLE], {
      env: { PATH: process.env['PATH'] ?? '', ...environment.env },
    });
    let output = '';
    second.stdout.on('data', (c) => (output += c));
    second.stderr.on('data', (c) => (output += c));
    const code = await new Promise((resolve) => second.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain(`is in use by process ${first.process.pid}`);
    // The first process is unaffected.
    expect((await new TestApiClient(first.url).get('/api/health')).status).toBe(200);
  });

  it('exits 1 naming the variable when the configuration is invalid', async () => {
    const child = spawn(process.execPath, [SERVER_BUNDLE], {
      env: { PATH: process.env['PATH'] ?? '', PORT: 'eighty', BATON_ROLE: 'boss' },
    });
    let output = '';
    child.stderr.on('data', (c) => (output += c));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('PORT must be a whole number');
    expect(output).toContain('BATON_ROLE must be one of all, api, worker');
  });
});
