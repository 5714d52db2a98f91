import { Inject, Injectable } from '@nestjs/common';
import { NodeRegistry, type ValidationProblem } from '@baton/engine';
import { CredentialRepository } from '@baton/persistence';
import { findCredentialReferences } from './find-credential-references';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The seed's "credential requirements" check at save time: each credential a node names must
 * exist in the saving workspace and be of a kind the node type accepts. Another workspace's
 * credential is "not found", exactly like one that never existed (the vault says the same at run time).
 */
@Injectable()
export class CredentialReferenceChecker {
  constructor(
    private readonly registry: NodeRegistry,
    @Inject(CredentialRepository) private readonly credentials: Pick<CredentialRepository, 'findInWorkspace'>,
  ) {}

  async findProblems(workspaceId: string, definition: unknown): Promise<ValidationProblem[]> {
    const references = findCredentialReferences(definition, this.registry);
    const ids = [...new Set(references.map((reference) => reference.credentialId))];
    const kinds = new Map<string, string>();
    await Promise.all(
      ids.map(async (id) => {
        const record = UUID.test(id) ? await this.credentials.findInWorkspace(workspaceId, id) : null;
        if (record) kinds.set(id, record.kind);
      }),
    );
    const problems: ValidationProblem[] = [];
    for (const { nodeId, path, credentialId, kinds: accepted } of references) {
      const kind = kinds.get(credentialId);
      if (kind === undefined)
        problems.push({ path, nodeId, message: `credential "${credentialId}" was not found in this workspace` });
      else if (!(accepted as readonly string[]).includes(kind))
        problems.push({
          path,
          nodeId,
          message: `credential "${credentialId}" is a ${kind} credential; this node accepts ${accepted.join(', ')}`,
        });
    }
    return problems;
  }
}
