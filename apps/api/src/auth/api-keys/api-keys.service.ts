import { Injectable } from '@nestjs/common';
import { IdentityRepository, type ApiKeySummary, type WorkspaceRole } from '@baton/persistence';
import { randomUUID } from 'node:crypto';
import { notFound } from '../../common/domain.error';
import { generateApiKey } from '../generate-api-key';
import type { Principal } from '../principal';

/** API keys of the caller's workspace. Only the SHA-256 of a key is stored. */
@Injectable()
export class ApiKeysService {
  constructor(private readonly identity: IdentityRepository) {}

  /** The returned `key` exists nowhere else: it is shown to the caller once. */
  async create(principal: Principal, name: string, role: WorkspaceRole): Promise<ApiKeySummary & { key: string }> {
    const { key, prefix, hash } = generateApiKey();
    const created = await this.identity.createApiKey({
      id: randomUUID(),
      workspaceId: principal.workspaceId,
      createdBy: principal.userId,
      name,
      prefix,
      keyHash: hash,
      role,
    });
    return { ...created, key };
  }

  list(principal: Principal): Promise<ApiKeySummary[]> {
    return this.identity.listApiKeys(principal.workspaceId);
  }

  /** Idempotent: revoking a revoked key succeeds. */
  async revoke(principal: Principal, keyId: string): Promise<void> {
    if (!(await this.identity.revokeApiKey(principal.workspaceId, keyId))) throw notFound('API key', keyId);
  }
}
