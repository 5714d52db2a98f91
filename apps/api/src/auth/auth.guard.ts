import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { WorkspaceRole } from '@baton/persistence';
import { forbidden } from '../common/domain.error';
import { MIN_ROLE } from './decorators/min-role.decorator';
import { IS_PUBLIC } from './decorators/public.decorator';
import { hasRole, type Principal } from './principal';
import { PrincipalResolver, type CredentialHeaders } from './principal-resolver.service';
import { requiredRole } from './required-role';

/** The slice of an HTTP request the guard reads and writes. */
export interface AuthenticatedRequest {
  method: string;
  headers: CredentialHeaders;
  principal?: Principal;
}

/**
 * Registered as the global APP_GUARD: every HTTP endpoint needs credentials unless marked
 * @Public(), and the caller's role must reach the endpoint's required role (required-role.ts).
 * Missing or bad credentials are a 401, too low a role a 403 (via DomainErrorFilter).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // WebSocket gateways and queue processors authenticate on their own terms (a gateway checks
    // its handshake with PrincipalResolver); HTTP request semantics do not apply to them.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.principals.resolve(request.headers);
    request.principal = principal;
    const needed = requiredRole(
      request.method,
      this.reflector.getAllAndOverride<WorkspaceRole | undefined>(MIN_ROLE, targets),
    );
    if (!hasRole(principal, needed)) {
      throw forbidden(`This action needs the ${needed} role in the workspace; you have ${principal.role}`);
    }
    return true;
  }
}
