import { Injectable } from '@nestjs/common';
import type { CredentialKind } from '@baton/engine';
import { type CredentialRecord, CredentialRepository } from '@baton/persistence';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { notFound, validationFailed } from '../common/domain.error';
import { checkCredentialValues } from './check-credential-values';
import { CREDENTIAL_KINDS, isCredentialKind, secretFieldsOf } from './credential-kinds';
import { CredentialSealer } from './credential-sealer';

export interface CredentialInput {
  name: string;
  kind: string;
  values: Record<string, unknown>;
}

export interface CredentialChangesInput {
  name?: string;
  /** Fields to change; a secret left out keeps its value, `null` clears an optional field. */
  values?: Record<string, unknown>;
}

/** A workspace's credentials: values are checked against their kind, secrets sealed before storage. */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly credentials: CredentialRepository,
    private readonly sealer: CredentialSealer,
  ) {}

  async create(principal: Principal, input: CredentialInput): Promise<CredentialRecord> {
    if (!isCredentialKind(input.kind)) throw validationFailed(`kind: unknown credential kind "${input.kind}"`);
    const schema = CREDENTIAL_KINDS[input.kind];
    const values = { ...defaultsOf(input.kind), ...input.values };
    assertValid(checkCredentialValues(schema, values));
    const id = randomUUID();
    const { fields, secrets } = this.split(id, input.kind, values);
    return this.credentials.create({
      id,
      workspaceId: principal.workspaceId,
      name: input.name,
      kind: input.kind,
      fields,
      secrets,
      createdBy: principal.userId,
    });
  }

  list(principal: Principal): Promise<CredentialRecord[]> {
    return this.credentials.listForWorkspace(principal.workspaceId);
  }

  async get(principal: Principal, id: string): Promise<CredentialRecord> {
    const credential = await this.credentials.findInWorkspace(principal.workspaceId, id);
    if (!credential) throw notFound('Credential', id);
    return credential;
  }

  async update(principal: Principal, id: string, input: CredentialChangesInput): Promise<CredentialRecord> {
    const current = await this.get(principal, id);
    const kind = current.kind as CredentialKind;
    const secretFields = new Set(secretFieldsOf(kind));
    const given = input.values ?? {};
    const fields = { ...current.fields };
    const secrets = { ...current.secrets };
    for (const [key, value] of Object.entries(given)) {
      if (value !== null) continue;
      delete fields[key];
      delete secrets[key];
    }
    const kept = new Set(Object.keys(secrets).filter((key) => !Object.hasOwn(given, key)));
    const merged = { ...fields, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== null)) };
    for (const key of secretFields) if (!Object.hasOwn(given, key)) delete merged[key];
    assertValid(checkCredentialValues(CREDENTIAL_KINDS[kind], merged, kept));
    const split = this.split(id, kind, merged);
    for (const key of secretFields) if (kept.has(key)) split.secrets[key] = secrets[key];
    const updated = await this.credentials.update(principal.workspaceId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      fields: split.fields,
      secrets: split.secrets,
    });
    if (!updated) throw notFound('Credential', id);
    return updated;
  }

  async remove(principal: Principal, id: string): Promise<void> {
    if (!(await this.credentials.delete(principal.workspaceId, id))) throw notFound('Credential', id);
  }

  private split(id: string, kind: CredentialKind, values: Record<string, unknown>) {
    const secretFields = new Set(secretFieldsOf(kind));
    const fields: Record<string, unknown> = {};
    const secrets: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined || value === null) continue;
      if (secretFields.has(key)) secrets[key] = this.sealer.seal(id, key, value as string);
      else fields[key] = value;
    }
    return { fields, secrets };
  }
}

function defaultsOf(kind: CredentialKind): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(CREDENTIAL_KINDS[kind].properties)
      .filter(([, field]) => field.default !== undefined)
      .map(([key, field]) => [key, field.default]),
  );
}

function assertValid(problems: string[]): void {
  if (problems.length) throw validationFailed(problems.join('; '), { problems });
}
