import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import type { ApiKeyGrant, IdentityRepository, WorkspaceRole } from '@baton/persistence';
import { DomainError } from '../common/domain.error';
import type { AccessTokenService } from './access-token.service';
import { generateApiKey } from './generate-api-key';
import { PrincipalResolver } from './principal-resolver.service';

const USER = '11111111-1111-4111-8111-111111111111';
const WORKSPACE = '22222222-2222-4222-8222-222222222222';

function setup(options: { memberRole?: WorkspaceRole | null; grant?: Partial<ApiKeyGrant> | null } = {}) {
  const key = generateApiKey();
  const used: string[] = [];
  const tokens = {
    async verify(token: string) {
      return token === 'good'
        ? { userId: USER, workspaceId: WORKSPACE, issuedAtMs: 1000 }
        : token === 'odd'
          ? { userId: 'x', workspaceId: 'y', issuedAtMs: 1000 }
          : null;
    },
  } as AccessTokenService;
  const identity = {
    async findTokenAccess() {
      const role = options.memberRole === undefined ? 'editor' : options.memberRole;
      return role ? { role, tokensValidAfter: null } : null;
    },
    async findActiveApiKeyGrant(hash: string) {
      if (hash !== key.hash || options.grant === null) return null;
      return {
        id: 'k1',
        workspaceId: WORKSPACE,
        createdBy: USER,
        role: 'editor',
        creatorRole: 'owner',
        ...options.grant,
      };
    },
    async recordApiKeyUse(id: string) {
      used.push(id);
    },
  } as unknown as IdentityRepository;
  return { resolver: new PrincipalResolver(tokens, identity), key: key.key, used };
}

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
  );
}

describe('PrincipalResolver', () => {
  it('resolves a bearer token with the current membership role', async () => {
    const { resolver } = setup({ memberRole: 'viewer' });
    await expect(resolver.resolve({ authorization: 'Bearer good' })).resolves.toEqual({
      userId: USER,
      workspaceId: WORKSPACE,
      role: 'viewer',
      via: 'jwt',
    });
  });

  it('refuses missing, malformed, invalid and no-longer-member credentials as UNAUTHENTICATED', async () => {
    expect(await code(setup().resolver.resolve({}))).toBe('UNAUTHENTICATED');
    expect(await code(setup().resolver.resolve({ authorization: 'Basic abc' }))).toBe('UNAUTHENTICATED');
    expect(await code(setup().resolver.resolve({ authorization: 'Bearer bad' }))).toBe('UNAUTHENTICATED');
    expect(await code(setup().resolver.resolve({ authorization: 'Bearer odd' }))).toBe('UNAUTHENTICATED');
    expect(await code(setup({ memberRole: null }).resolver.resolve({ authorization: 'Bearer good' }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('resolves an active API key and records its use', async () => {
    const { resolver, key, used } = setup();
    await expect(resolver.resolve({ 'x-api-key': key })).resolves.toEqual({
      userId: USER,
      workspaceId: WORKSPACE,
      role: 'editor',
      via: 'apiKey',
    });
    expect(used).toEqual(['k1']);
  });

  it('caps an API key at its creator’s current role', async () => {
    const { resolver, key } = setup({ grant: { role: 'owner', creatorRole: 'viewer' } });
    await expect(resolver.resolve({ 'x-api-key': key })).resolves.toMatchObject({ role: 'viewer' });
  });

  it('refuses unknown, revoked and garbage API keys', async () => {
    expect(await code(setup({ grant: null }).resolver.resolve({ 'x-api-key': setup().key }))).toBe('UNAUTHENTICATED');
    expect(await code(setup().resolver.resolve({ 'x-api-key': 'bk_unknown' }))).toBe('UNAUTHENTICATED');
    expect(await code(setup().resolver.resolve({ 'x-api-key': 'x'.repeat(10_000) }))).toBe('UNAUTHENTICATED');
  });
});
