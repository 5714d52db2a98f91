import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BATON_RUNTIME, type BatonRuntime } from '../bootstrap/baton-runtime';
import { DomainError } from '../common/domain.error';
import { deriveKey } from '../secrets/secret-box';

/** How long a stream token opens the stream: long enough to hand it to an EventSource and for a reconnect. */
export const STREAM_TOKEN_TTL_SECONDS = 120;

// Not a JWT on purpose: the bearer-token check cannot read it, so it is never a login token.
const PREFIX = 'bst1';

/** What a stream token grants: one execution's stream in one workspace, until `expiresAt`. */
export interface StreamGrant {
  executionId: string;
  workspaceId: string;
  userId: string;
}

/**
 * Short-lived tokens for `GET /api/executions/:id/stream?token=` (a browser EventSource cannot
 * send an Authorization header): HMAC-signed with a key of their own, derived from the
 * encryption key, so every process sharing it accepts them and no other token type verifies.
 */
@Injectable()
export class StreamTokens {
  private readonly key: Buffer;

  constructor(@Inject(BATON_RUNTIME) runtime: BatonRuntime) {
    this.key = deriveKey(runtime.encryptionKey, 'baton:execution-stream-token');
  }

  issue(grant: StreamGrant, now = Date.now()): { token: string; expiresAt: string } {
    const expiresAtMs = now + STREAM_TOKEN_TTL_SECONDS * 1000;
    const payload = Buffer.from(
      JSON.stringify({ x: grant.executionId, w: grant.workspaceId, u: grant.userId, e: expiresAtMs }),
    ).toString('base64url');
    return { token: `${PREFIX}.${payload}.${this.sign(payload)}`, expiresAt: new Date(expiresAtMs).toISOString() };
  }

  /** @throws DomainError UNAUTHENTICATED unless the token is genuine, unexpired and for this execution. */
  verify(token: string, executionId: string, now = Date.now()): StreamGrant {
    const [prefix, payload, signature, ...rest] = token.split('.');
    const expected = payload ? Buffer.from(this.sign(payload)) : Buffer.alloc(0);
    const given = Buffer.from(signature ?? '');
    if (prefix !== PREFIX || rest.length || given.length !== expected.length || !timingSafeEqual(given, expected))
      throw invalid();
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof claims.e !== 'number' || claims.e <= now)
      throw invalid('This stream token has expired; ask for a new one');
    if (claims.x !== executionId) throw invalid('This stream token is for another execution');
    return { executionId, workspaceId: String(claims.w), userId: String(claims.u) };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(`${PREFIX}.${payload}`).digest('base64url');
  }
}

function invalid(message = 'Invalid stream token'): DomainError {
  return new DomainError('UNAUTHENTICATED', message);
}
