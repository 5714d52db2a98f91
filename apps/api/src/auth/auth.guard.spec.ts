import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { WorkspaceRole } from '@baton/persistence';
import { DomainError } from '../common/domain.error';
import { AuthGuard, type AuthenticatedRequest } from './auth.guard';
import { MinRole } from './decorators/min-role.decorator';
import { Public } from './decorators/public.decorator';
import type { Principal } from './principal';
import type { CredentialHeaders, PrincipalResolver } from './principal-resolver.service';

class Endpoints {
  @Public()
  open() {}

  plain() {}

  @MinRole('owner')
  ownerOnly() {}

  @MinRole('viewer')
  anyoneMayWrite() {}
}

@MinRole('owner')
class OwnerEndpoints {
  inherited() {}

  @MinRole('viewer')
  relaxed() {}
}

/** Resolves `Authorization: Bearer <role>` to a principal with that role; anything else is a 401. */
const resolver = {
  async resolve(headers: CredentialHeaders): Promise<Principal> {
    const role = /^Bearer (owner|editor|viewer)$/.exec(String(headers['authorization'] ?? ''))?.[1];
    if (!role) throw new DomainError('UNAUTHENTICATED', 'no credentials');
    return { userId: 'u1', workspaceId: 'w1', role: role as WorkspaceRole, via: 'jwt' };
  },
} as PrincipalResolver;

const guard = new AuthGuard(new Reflector(), resolver);

function context(
  controller: new () => object,
  handler: string,
  request: AuthenticatedRequest,
  type = 'http',
): ExecutionContext {
  return {
    getType: () => type,
    getClass: () => controller,
    getHandler: () => (controller.prototype as Record<string, unknown>)[handler],
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

const request = (method: string, role?: WorkspaceRole): AuthenticatedRequest => ({
  method,
  headers: role ? { authorization: `Bearer ${role}` } : {},
});

async function outcome(promise: Promise<boolean>): Promise<string> {
  try {
    return (await promise) ? 'allowed' : 'denied';
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

describe('AuthGuard', () => {
  it('lets anyone reach a @Public endpoint', async () => {
    expect(await outcome(guard.canActivate(context(Endpoints, 'open', request('POST'))))).toBe('allowed');
  });

  it('refuses a request without valid credentials with UNAUTHENTICATED (401)', async () => {
    expect(await outcome(guard.canActivate(context(Endpoints, 'plain', request('GET'))))).toBe('UNAUTHENTICATED');
  });

  it('puts the resolved principal on the request', async () => {
    const req = request('GET', 'viewer');
    await guard.canActivate(context(Endpoints, 'plain', req));
    expect(req.principal).toEqual({ userId: 'u1', workspaceId: 'w1', role: 'viewer', via: 'jwt' });
  });

  it('requires viewer for reads and editor for writes when the endpoint sets no role', async () => {
    const cases: Array<[string, WorkspaceRole, string]> = [
      ['GET', 'viewer', 'allowed'],
      ['HEAD', 'viewer', 'allowed'],
      ['POST', 'viewer', 'FORBIDDEN'],
      ['DELETE', 'viewer', 'FORBIDDEN'],
      ['POST', 'editor', 'allowed'],
      ['PATCH', 'owner', 'allowed'],
    ];
    for (const [method, role, expected] of cases) {
      expect([
        method,
        role,
        await outcome(guard.canActivate(context(Endpoints, 'plain', request(method, role)))),
      ]).toEqual([method, role, expected]);
    }
  });

  it('applies @MinRole from the handler, which overrides the method default', async () => {
    expect(await outcome(guard.canActivate(context(Endpoints, 'ownerOnly', request('GET', 'editor'))))).toBe(
      'FORBIDDEN',
    );
    expect(await outcome(guard.canActivate(context(Endpoints, 'ownerOnly', request('GET', 'owner'))))).toBe('allowed');
    expect(await outcome(guard.canActivate(context(Endpoints, 'anyoneMayWrite', request('POST', 'viewer'))))).toBe(
      'allowed',
    );
  });

  it('applies a controller-level @MinRole unless the handler sets its own', async () => {
    expect(await outcome(guard.canActivate(context(OwnerEndpoints, 'inherited', request('GET', 'editor'))))).toBe(
      'FORBIDDEN',
    );
    expect(await outcome(guard.canActivate(context(OwnerEndpoints, 'relaxed', request('GET', 'viewer'))))).toBe(
      'allowed',
    );
  });

  it('leaves non-HTTP contexts to their own authentication', async () => {
    expect(await outcome(guard.canActivate(context(Endpoints, 'plain', request('GET'), 'ws')))).toBe('allowed');
  });
});
