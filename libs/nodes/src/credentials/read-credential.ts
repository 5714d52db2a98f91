import {
  type CredentialKind,
  InvalidInputError,
  type NodeContext,
  PermanentError,
  type ResolvedCredential,
} from '@baton/engine';

/** The `credentialId` setting every credential-using node declares (the editor shows a picker). */
export function credentialIdSetting(kinds: readonly CredentialKind[]) {
  return {
    type: 'string' as const,
    format: 'credential',
    description: `Id of a stored credential (${kinds.join(', ')}); its values reach the node only at run time.`,
  };
}

/** Reads the credential a node's settings name, through `ctx` (never through settings). */
export async function readCredential<K extends CredentialKind>(
  ctx: NodeContext,
  credentialId: unknown,
  kinds: K | readonly K[],
): Promise<ResolvedCredential<K>> {
  if (typeof credentialId !== 'string' || credentialId === '')
    throw new InvalidInputError('credentialId must name a stored credential', 'INVALID_CREDENTIAL_ID');
  if (!ctx.credentials)
    throw new PermanentError('No credentials vault is bound to this engine', 'CREDENTIALS_UNAVAILABLE');
  return ctx.credentials.get(credentialId, kinds);
}
