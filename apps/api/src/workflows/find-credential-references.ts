import type { CredentialKind, NodeRegistry } from '@baton/engine';

/** One node's `credentialId` setting, with the kinds its node type accepts. */
export interface CredentialReference {
  nodeId: string;
  /** Rooted at the request body, like every other definition problem. */
  path: string;
  credentialId: string;
  kinds: readonly CredentialKind[];
}

/**
 * The literal credential ids a graph definition's nodes name. A `{{ template }}` is only known at
 * run time, and a node type that declares no credential kinds takes no credential: both are left
 * to the run (and to the settings check, which already reports a missing required credentialId).
 */
export function findCredentialReferences(definition: unknown, registry: NodeRegistry): CredentialReference[] {
  const nodes = (definition as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return [];
  const references: CredentialReference[] = [];
  nodes.forEach((node: { id?: unknown; type?: unknown; data?: { inputs?: Record<string, unknown> } }, index) => {
    const credentialId = node?.data?.inputs?.credentialId;
    if (typeof credentialId !== 'string' || credentialId === '' || credentialId.includes('{{')) return;
    const kinds = typeof node.type === 'string' ? registry.find(node.type)?.credentialKinds : undefined;
    if (!kinds?.length) return;
    references.push({
      nodeId: String(node.id),
      path: `definition.nodes[${index}].data.inputs.credentialId`,
      credentialId,
      kinds,
    });
  });
  return references;
}
