import type { CredentialKind } from '@baton/engine';
import type { CredentialRecord } from '@baton/persistence';
import { hasRole, type Principal } from '../auth/principal';
import { CREDENTIAL_KINDS, secretFieldsOf } from './credential-kinds';
import type { CredentialDto, CredentialTypeDto } from './credential.dto';

/** Secrets are never part of a response; viewers see only which credentials exist. */
export function toCredentialDto(credential: CredentialRecord, principal: Principal): CredentialDto {
  const summary = { id: credential.id, name: credential.name, kind: credential.kind };
  if (!hasRole(principal, 'editor')) return summary;
  const secretsSet = Object.fromEntries(
    secretFieldsOf(credential.kind as CredentialKind).map((field) => [field, Object.hasOwn(credential.secrets, field)]),
  );
  return {
    ...summary,
    values: { ...credential.fields },
    secretsSet,
    createdAt: credential.createdAt.toISOString(),
    updatedAt: credential.updatedAt.toISOString(),
  };
}

export function toCredentialTypeDtos(): CredentialTypeDto[] {
  return Object.entries(CREDENTIAL_KINDS).map(([kind, schema]) => ({
    kind,
    title: schema.title,
    description: schema.description,
    secretFields: secretFieldsOf(kind as CredentialKind),
    schema: { ...schema },
  }));
}
