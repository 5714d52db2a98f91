import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions, runMigrationsUnderLock } from '@baton/persistence';
import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BATON_CONFIG } from '../config/baton-config.token';
import { BATON_RUNTIME, type BatonRuntime } from '../bootstrap/baton-runtime';
import { DomainErrorFilter } from '../common/domain-error.filter';
import { createValidationPipe } from '../common/validation.pipe';
import type { BatonConfig } from '../config/baton-config';
import { startEmbeddedDatabase } from '../database/embedded-database';
import { AuthModule } from './auth.module';

// AuthModule alone on the embedded PGlite database, driven over HTTP like the real app
// (same prefix, pipe and filter); the whole-app tests live in apps/api-e2e.
const OWNER = { email: 'Owner@Example.com', password: 'owner-password', name: 'Olive Owner', workspaceName: 'Main' };

interface AuthApp {
  app: INestApplication;
  base: string;
  close(): Promise<void>;
}

async function startAuthApp(owner: BatonConfig['owner']): Promise<AuthApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-auth-'));
  const database = await startEmbeddedDatabase({ dataDir, maxConnections: 20 });
  let app: INestApplication | undefined;
  const close = async () => {
    await app?.close();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await runMigrationsUnderLock({ url: database.url, poolSize: 2 });
    const runtime = {
      config: {
        jwtSecret: null,
        jwtTtlSeconds: 3600,
        owner,
        membersMayCreateWorkspaces: false,
        invitationTtlHours: 1,
        loginThrottle: { maxFailuresPerAccount: 5, maxFailuresPerAddress: 1000, windowSeconds: 60 },
      },
      encryptionKey: Buffer.alloc(32, 7),
    } as unknown as BatonRuntime;

    @Global()
    @Module({
      providers: [
        { provide: BATON_RUNTIME, useValue: runtime },
        { provide: BATON_CONFIG, useValue: runtime.config },
      ],
      exports: [BATON_RUNTIME, BATON_CONFIG],
    })
    class TestRuntimeModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [
        TestRuntimeModule,
        TypeOrmModule.forRoot(buildDataSourceOptions({ url: database.url, poolSize: 4 })),
        AuthModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    app.setGlobalPrefix('api');
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new DomainErrorFilter());
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api`;
    return { app, base, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function request(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; apiKey?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  const response = await fetch(base + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('AuthModule over HTTP', () => {
  let auth: AuthApp;

  beforeAll(async () => {
    auth = await startAuthApp(null);
  });

  afterAll(async () => {
    await auth?.close();
  });

  const call = (method: string, path: string, options?: { body?: unknown; token?: string; apiKey?: string }) =>
    request(auth.base, method, path, options);

  const login = async (email: string, password: string, workspaceId?: string) =>
    (await call('POST', '/auth/login', { body: { email, password, workspaceId } })).body.accessToken as string;

  it('runs first-run setup exactly once, even when two calls race', async () => {
    expect((await call('GET', '/auth/status')).body).toEqual({ setupRequired: true });
    const results = await Promise.all([
      call('POST', '/auth/setup', { body: OWNER }),
      call('POST', '/auth/setup', { body: OWNER }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)?.body.error).toBe('SETUP_ALREADY_DONE');
    expect(results.find((r) => r.status === 201)?.body).toEqual({ accessToken: expect.any(String) });
    expect((await call('GET', '/auth/status')).body).toEqual({ setupRequired: false });
  });

  it('requires credentials everywhere except public endpoints', async () => {
    const response = await call('GET', '/auth/me');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ statusCode: 401, error: 'UNAUTHENTICATED', message: expect.any(String) });
    expect((await call('GET', '/auth/me', { token: 'not.a.jwt' })).status).toBe(401);
  });

  it('logs in case-insensitively and answers the same 401 for a wrong email or password', async () => {
    const wrongPassword = await call('POST', '/auth/login', {
      body: { email: OWNER.email, password: 'nope-nope-nope' },
    });
    const wrongEmail = await call('POST', '/auth/login', {
      body: { email: 'nobody@example.com', password: OWNER.password },
    });
    expect([wrongPassword.status, wrongEmail.status]).toEqual([401, 401]);
    expect(wrongPassword.body.message).toBe(wrongEmail.body.message);

    const token = await login('OWNER@example.com', OWNER.password);
    const me = await call('GET', '/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      user: { id: expect.any(String), email: 'owner@example.com', name: 'Olive Owner' },
      workspace: { id: expect.any(String), name: 'Main' },
      role: 'owner',
    });
  });

  it('names the offending field on bad input', async () => {
    const response = await call('POST', '/auth/login', {
      body: { email: 'not-an-email', password: 'x'.repeat(201), extra: 1 },
    });
    expect(response.status).toBe(400);
    expect(response.body.message.join(' ')).toMatch(/email/);
    expect(response.body.message.join(' ')).toMatch(/password/);
    expect(response.body.message.join(' ')).toMatch(/extra/);
    const token = await login(OWNER.email, OWNER.password);
    const badId = await call('DELETE', '/users/not-a-uuid', { token });
    expect(badId).toEqual({ status: 400, body: expect.objectContaining({ message: ['id must be a UUID'] }) });
  });

  /** Invites `email` as `role` and accepts as a new user with their own password; returns the acceptance. */
  const inviteAndAccept = async (owner: string, email: string, role: string, name: string, password: string) => {
    const invitation = await call('POST', '/users', { token: owner, body: { email, role } });
    expect(invitation.status).toBe(201);
    return call('POST', `/invitations/${invitation.body.token}/accept`, { body: { name, password } });
  };

  it('manages members through invitations, enforces roles and cuts a removed member off at once', async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const invitation = await call('POST', '/users', {
      token: owner,
      body: { email: 'Vera@Example.com', role: 'viewer' },
    });
    expect(invitation.status).toBe(201);
    expect(invitation.body).toEqual({
      id: expect.any(String),
      email: 'vera@example.com',
      role: 'viewer',
      invitedBy: expect.any(String),
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      inviteUrl: `/invite/${invitation.body.token}`,
    });
    // Nobody sets a password for someone else.
    const withPassword = await call('POST', '/users', {
      token: owner,
      body: { email: 'x@example.com', role: 'viewer', password: 'chosen-by-owner' },
    });
    expect(withPassword.status).toBe(400);
    expect(withPassword.body.message.join(' ')).toMatch(/password/);

    const pending = await call('GET', '/invitations', { token: owner });
    expect(pending.body.map((i: { email: string }) => i.email)).toEqual(['vera@example.com']);
    expect(JSON.stringify(pending.body)).not.toContain(invitation.body.token);

    const accepted = await call('POST', `/invitations/${invitation.body.token}/accept`, {
      body: { name: 'Vera Viewer', password: 'viewer-password' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ accessToken: expect.any(String), workspaceId: expect.any(String), role: 'viewer' });
    // Single use.
    const replay = await call('POST', `/invitations/${invitation.body.token}/accept`, {
      body: { name: 'Mallory', password: 'mallory-password' },
    });
    expect(replay.status).toBe(404);
    expect((await call('GET', '/invitations', { token: owner })).body).toEqual([]);

    const again = await call('POST', '/users', { token: owner, body: { email: 'vera@example.com', role: 'editor' } });
    expect(again.status).toBe(409);

    const viewer = await login('vera@example.com', 'viewer-password');
    const members = await call('GET', '/users', { token: viewer });
    expect(members.status).toBe(200);
    expect(members.body).toHaveLength(2);
    expect(JSON.stringify(members.body)).not.toMatch(/password|scrypt/i);
    expect(
      (await call('POST', '/users', { token: viewer, body: { email: 'x@example.com', role: 'owner' } })).status,
    ).toBe(403);
    expect((await call('GET', '/invitations', { token: viewer })).status).toBe(403);
    // Only the installation owner creates workspaces (BATON_MEMBERS_CREATE_WORKSPACES is off).
    const ownSpace = await call('POST', '/workspaces', { token: viewer, body: { name: 'Vera space' } });
    expect(ownSpace.status).toBe(403);

    const veraId = (await call('GET', '/auth/me', { token: viewer })).body.user.id as string;
    const ownerId = (await call('GET', '/auth/me', { token: owner })).body.user.id as string;
    expect((await call('DELETE', `/users/${ownerId}`, { token: owner })).status).toBe(409);
    expect((await call('DELETE', `/users/${veraId}`, { token: owner })).status).toBe(204);
    expect((await call('GET', '/users', { token: viewer })).status).toBe(401);
    expect((await call('DELETE', `/users/${veraId}`, { token: owner })).status).toBe(404);
  });

  it('never lets a pre-registered account take over an invitation (account takeover, issue 11)', async () => {
    const owner = await login(OWNER.email, OWNER.password);
    // Mallory is a member somewhere and registers herself under the victim's future address by
    // accepting an invitation to it — impossible now: only the invitee holds a token for their email.
    await inviteAndAccept(owner, 'mallory@example.com', 'viewer', 'Mallory', 'mallory-password');
    const mallory = await login('mallory@example.com', 'mallory-password');
    expect((await call('POST', '/workspaces', { token: mallory, body: { name: 'Mallory HQ' } })).status).toBe(403);

    // An existing account (Eve) is invited: an anonymous accept with a new password is refused,
    // and so is anyone else signed in; only Eve, signed in, joins, and her password is unchanged.
    await inviteAndAccept(owner, 'eve@example.com', 'viewer', 'Eve', 'eve-password');
    const second = await call('POST', '/workspaces', { token: owner, body: { name: 'Second team' } });
    const ownerInSecond = await login(OWNER.email, OWNER.password, second.body.id);
    const invitation = await call('POST', '/users', {
      token: ownerInSecond,
      body: { email: 'eve@example.com', role: 'editor' },
    });
    const fresh = await call('POST', '/users', {
      token: ownerInSecond,
      body: { email: 'new@example.com', role: 'editor' },
    });
    // The inviter cannot tell an existing account from a new address.
    expect(Object.keys(invitation.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(invitation.body).not.toHaveProperty('name');

    const anonymousTakeover = await call('POST', `/invitations/${invitation.body.token}/accept`, {
      body: { name: 'Attacker', password: 'attacker-password' },
    });
    expect(anonymousTakeover.status).toBe(401);
    const asMallory = await call('POST', `/invitations/${invitation.body.token}/accept`, { token: mallory, body: {} });
    expect(asMallory.status).toBe(403);
    expect(await login('eve@example.com', 'attacker-password')).toBeUndefined();

    const eve = await login('eve@example.com', 'eve-password');
    const joined = await call('POST', `/invitations/${invitation.body.token}/accept`, { token: eve, body: {} });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ workspaceId: second.body.id, role: 'editor' });
    const eveInSecond = await login('eve@example.com', 'eve-password', second.body.id);
    expect((await call('GET', '/auth/me', { token: eveInSecond })).body.role).toBe('editor');
  });

  it('refuses expired and revoked invitations', async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const revoked = await call('POST', '/users', { token: owner, body: { email: 'rex@example.com', role: 'viewer' } });
    expect((await call('DELETE', `/invitations/${revoked.body.id}`, { token: owner })).status).toBe(204);
    const accept = await call('POST', `/invitations/${revoked.body.token}/accept`, {
      body: { name: 'Rex', password: 'rex-password' },
    });
    expect(accept.status).toBe(404);
    expect(
      (await call('POST', '/invitations/short/accept', { body: { name: 'x', password: 'xxxxxxxx' } })).status,
    ).toBe(404);
  });

  it('throttles repeated failed sign-ins of an account with 429 and Retry-After, even for the right password', async () => {
    const owner = await login(OWNER.email, OWNER.password);
    await inviteAndAccept(owner, 'target@example.com', 'viewer', 'Target', 'target-password');
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call('POST', '/auth/login', { body: { email: 'target@example.com', password: `guess-${i}-xxxx` } }),
      ),
    );
    expect(attempts.filter((a) => a.status === 401).length).toBeLessThanOrEqual(8);
    const next = await fetch(`${auth.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'target@example.com', password: 'target-password' }),
    });
    expect(next.status).toBe(429);
    const retryAfter = Number(next.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await next.json()) as { error: string }).error).toBe('RATE_LIMITED');
    // Other accounts are not locked out by it.
    expect(await login(OWNER.email, OWNER.password)).toEqual(expect.any(String));
  });

  it('upgrades a password hash made with an older scrypt cost at the next sign-in', async () => {
    const owner = await login(OWNER.email, OWNER.password);
    await inviteAndAccept(owner, 'legacy@example.com', 'viewer', 'Legacy', 'legacy-password');
    const dataSource = auth.app.get(DataSource);
    const salt = randomBytes(16);
    const old = scryptSync('legacy-password', salt, 64, { N: 2 ** 14, r: 8, p: 1 });
    const oldHash = ['scrypt', 2 ** 14, 8, 1, salt.toString('base64url'), old.toString('base64url')].join('$');
    await dataSource.query('UPDATE users SET password_hash = $1 WHERE email = $2', [oldHash, 'legacy@example.com']);
    expect(await login('legacy@example.com', 'legacy-password')).toEqual(expect.any(String));
    const [row] = await dataSource.query('SELECT password_hash FROM users WHERE email = $1', ['legacy@example.com']);
    expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await login('legacy@example.com', 'legacy-password')).toEqual(expect.any(String));
  });

  it('signs out everywhere, and a password change ends the other sessions', async () => {
    const owner = await login(OWNER.email, OWNER.password);
    await inviteAndAccept(owner, 'sam@example.com', 'viewer', 'Sam', 'sam-password');
    const first = await login('sam@example.com', 'sam-password');
    const second = await login('sam@example.com', 'sam-password');
    expect((await call('POST', '/auth/logout', { token: first })).status).toBe(204);
    expect((await call('GET', '/auth/me', { token: first })).status).toBe(401);
    expect((await call('GET', '/auth/me', { token: second })).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await login('sam@example.com', 'sam-password');
    expect((await call('GET', '/auth/me', { token: again })).status).toBe(200);

    const other = await login('sam@example.com', 'sam-password');
    const wrong = await call('POST', '/auth/password', {
      token: again,
      body: { currentPassword: 'not-it-at-all', newPassword: 'new-sam-password' },
    });
    expect(wrong.status).toBe(401);
    const changed = await call('POST', '/auth/password', {
      token: again,
      body: { currentPassword: 'sam-password', newPassword: 'new-sam-password' },
    });
    expect(changed.status).toBe(200);
    expect((await call('GET', '/auth/me', { token: changed.body.accessToken })).status).toBe(200);
    expect((await call('GET', '/auth/me', { token: other })).status).toBe(401);
    expect(await login('sam@example.com', 'sam-password')).toBeUndefined();
    expect(await login('sam@example.com', 'new-sam-password')).toEqual(expect.any(String));
  });

  it('creates workspaces, lists them with roles and logs in to a chosen one', async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const created = await call('POST', '/workspaces', { token: owner, body: { name: '  Second  ' } });
    expect(created).toEqual({
      status: 201,
      body: { id: expect.any(String), name: 'Second', createdAt: expect.any(String) },
    });
    const list = await call('GET', '/workspaces', { token: owner });
    // (Earlier tests in this file created workspaces of their own.)
    expect(list.body.map((w: { name: string; role: string }) => [w.name, w.role])).toEqual(
      expect.arrayContaining([
        ['Main', 'owner'],
        ['Second', 'owner'],
      ]),
    );
    const scoped = await login(OWNER.email, OWNER.password, created.body.id);
    expect((await call('GET', '/auth/me', { token: scoped })).body.workspace).toEqual({
      id: created.body.id,
      name: 'Second',
    });
  });

  it('issues API keys once, authenticates with them and refuses them once revoked', async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const created = await call('POST', '/api-keys', { token: owner, body: { name: 'CI', role: 'editor' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'CI',
      prefix: expect.stringMatching(/^bk_/),
      role: 'editor',
      createdAt: expect.any(String),
      key: expect.stringMatching(/^bk_/),
    });
    const key = created.body.key as string;
    expect((await call('GET', '/auth/me', { apiKey: key })).body.role).toBe('editor');
    expect((await call('GET', '/api-keys', { apiKey: key })).status).toBe(403);
    expect((await call('POST', '/workspaces', { apiKey: key, body: { name: 'nope' } })).status).toBe(403);

    const listed = await call('GET', '/api-keys', { token: owner });
    expect(listed.body).toEqual([expect.objectContaining({ id: created.body.id, name: 'CI', revokedAt: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(listed.body[0]).not.toHaveProperty('keyHash');

    expect((await call('DELETE', `/api-keys/${created.body.id}`, { token: owner })).status).toBe(204);
    expect((await call('GET', '/auth/me', { apiKey: key })).status).toBe(401);
    expect((await call('DELETE', '/api-keys/00000000-0000-4000-8000-000000000000', { token: owner })).status).toBe(404);
  });

  it("disables a member's API keys when the member is removed", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const invitation = await call('POST', '/users', {
      token: owner,
      body: { email: 'otto@example.com', role: 'owner' },
    });
    const joined = await call('POST', `/invitations/${invitation.body.token}/accept`, {
      body: { name: 'Otto', password: 'otto-password' },
    });
    const second = await call('GET', '/auth/me', { token: joined.body.accessToken });
    const otto = await login('otto@example.com', 'otto-password');
    const key = (await call('POST', '/api-keys', { token: otto, body: { name: 'Otto CI', role: 'viewer' } })).body
      .key as string;
    expect((await call('GET', '/auth/me', { apiKey: key })).status).toBe(200);
    expect((await call('DELETE', `/users/${second.body.user.id}`, { token: owner })).status).toBe(204);
    expect((await call('GET', '/auth/me', { apiKey: key })).status).toBe(401);
  });

  it('documents every endpoint in OpenAPI', () => {
    const document = SwaggerModule.createDocument(auth.app, new DocumentBuilder().build());
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/api-keys',
      '/api/api-keys/{id}',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/auth/password',
      '/api/auth/setup',
      '/api/auth/status',
      '/api/invitations',
      '/api/invitations/{id}',
      '/api/invitations/{token}/accept',
      '/api/users',
      '/api/users/{id}',
      '/api/workspaces',
    ]);
  });
});

describe('Unattended install (BATON_OWNER_*)', () => {
  it('creates the configured owner at start-up, so setup is already done', async () => {
    const auth = await startAuthApp({
      email: 'ops@example.com',
      password: 'ops-password',
      name: 'Ops',
      workspaceName: 'Ops space',
    });
    try {
      expect((await request(auth.base, 'GET', '/auth/status')).body).toEqual({ setupRequired: false });
      const login = await request(auth.base, 'POST', '/auth/login', {
        body: { email: 'ops@example.com', password: 'ops-password' },
      });
      expect(login.status).toBe(200);
      const me = await request(auth.base, 'GET', '/auth/me', { token: login.body.accessToken });
      expect(me.body).toMatchObject({
        user: { email: 'ops@example.com', name: 'Ops' },
        workspace: { name: 'Ops space' },
        role: 'owner',
      });
    } finally {
      await auth.close();
    }
  });
});
