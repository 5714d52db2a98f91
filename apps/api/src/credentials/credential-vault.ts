import { type CredentialKind, PermanentError, type ResolvedCredential } from '@baton/engine';
import type { CredentialRecord, CredentialRepository } from '@baton/persistence';
import { isCredentialKind, secretFieldsOf } from './credential-kinds';
import type { CredentialSealer } from './credential-sealer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The workspace an execution runs in, express runs held in memory included; null when unknown. */
export type ExecutionWorkspaceLookup = (executionId: string) => Promise<string | null>;

/** Decrypts credentials for running nodes: only ones of the execution's own workspace. */
export class CredentialVault {
  private workspaceOf: ExecutionWorkspaceLookup = async () => null;

  constructor(
    private readonly credentials: Pick<CredentialRepository, 'findInWorkspace'>,
    private readonly sealer: CredentialSealer,
  ) {}

  /** Bound once the engine exists: the engine needs the node registry, which needs this vault. */
  attachWorkspaceLookup(lookup: ExecutionWorkspaceLookup): void {
    this.workspaceOf = lookup;
  }

  async resolve<K extends CredentialKind>(
    executionId: string,
    id: string,
    kinds: K | readonly K[],
  ): Promise<ResolvedCredential<K>> {
    const accepted: readonly CredentialKind[] = Array.isArray(kinds) ? kinds : [kinds];
    const workspaceId = UUID.test(id) ? await this.workspaceOf(executionId) : null;
    // Another workspace's credential is "not found", exactly like one that never existed.
    const record = workspaceId ? await this.credentials.findInWorkspace(workspaceId, id) : null;
    if (!record || !isCredentialKind(record.kind))
      throw new PermanentError(`Credential ${id} was not found`, 'CREDENTIAL_NOT_FOUND');
    if (!accepted.includes(record.kind)) {
      throw new PermanentError(
        `Credential ${id} is a ${record.kind} credential; this node accepts ${accepted.join(', ')}`,
        'CREDENTIAL_KIND_MISMATCH',
      );
    }
    return { id: record.id, kind: record.kind, name: record.name, values: this.open(record) } as ResolvedCredential<K>;
  }

  private open(record: CredentialRecord): Record<string, unknown> {
    const values: Record<string, unknown> = { ...record.fields };
    for (const field of secretFieldsOf(record.kind as CredentialKind)) {
      const sealed = record.secrets[field];
      if (sealed !== undefined) values[field] = this.sealer.open(record.id, field, sealed);
    }
    return values;
  }
}
