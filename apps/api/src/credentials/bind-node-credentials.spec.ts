import { describe, expect, it } from '@jest/globals';
import { classifyError, createNodeTestContext, type NodeType, PermanentError } from '@baton/engine';
import type { CredentialRecord } from '@baton/persistence';
import { randomBytes, randomUUID } from 'node:crypto';
import { SecretBox } from '../secrets/secret-box';
import { bindNodeCredentials } from './bind-node-credentials';
import { CredentialSealer } from './credential-sealer';
import { CredentialVault } from './credential-vault';

const TOKEN = 'tok-planted-5f3a9c';

/** A vault over rows kept in memory. */
function vaultWith(records: CredentialRecord[]) {
  const sealer = new CredentialSealer(new SecretBox(randomBytes(32)));
  const sealed = records.map((record) => ({
    ...record,
    secrets: Object.fromEntries(Object.entries(record.secrets).map(([k, v]) => [k, sealer.seal(record.id, k, v)])),
  }));
  const repository = {
    findInWorkspace: async (workspaceId: string, id: string) =>
      sealed.find((r) => r.workspaceId === workspaceId && r.id === id) ?? null,
  };
  const vault = new CredentialVault(repository, sealer);
  // exec-1 runs in workspace ws-1; the other execution in ws-2.
  vault.attachWorkspaceLookup(async (executionId) => ({ 'exec-1': 'ws-1', 'exec-2': 'ws-2' })[executionId] ?? null);
  return vault;
}

const bearer = (id: string, workspaceId = 'ws-1') => ({
  id,
  workspaceId,
  name: 'API',
  kind: 'http.bearer',
  fields: {},
  secrets: { token: TOKEN },
  createdBy: null,
  createdAt: new Date(),
  updatedAt: new Date(),
});

/** A node that leaks what it reads into its output, its logs or its error. */
const leaky: NodeType<{ credentialId: string; fail?: boolean }> = {
  type: 'test.leaky',
  version: 1,
  title: 'Leaky',
  group: 'util',
  description: '',
  inputs: [],
  outputs: [{ name: 'out', dataType: 'any' }],
  settingsSchema: { type: 'object', properties: {} },
  canStart: true,
  replaySafe: true,
  async run({ settings }, ctx) {
    const credential = await ctx.credentials!.get(settings.credentialId, 'http.bearer');
    const token = credential.values.token;
    ctx.log.info(`using ${token}`, { header: `Bearer ${token}` });
    if (settings.fail) throw new Error(`server said: bad token ${token} (${encodeURIComponent(token)})`);
    return { output: { echoed: token, nested: [{ [token]: Buffer.from(token).toString('base64') }] } };
  },
};

describe('bindNodeCredentials', () => {
  it('hands the node the decrypted values and redacts them from output and logs', async () => {
    const id = randomUUID();
    const node = bindNodeCredentials(leaky, vaultWith([bearer(id)]));
    const { ctx, logs } = createNodeTestContext();
    const result = await node.run({ data: null, handles: {}, settings: { credentialId: id }, bindings: {} }, ctx);
    expect(result.output).toEqual({ echoed: '[redacted]', nested: [{ '[redacted]': '[redacted]' }] });
    expect(logs).toEqual([{ level: 'info', message: 'using [redacted]', data: { header: 'Bearer [redacted]' } }]);
  });

  it('redacts thrown errors and drops their cause, keeping the retry decision', async () => {
    const id = randomUUID();
    const node = bindNodeCredentials(leaky, vaultWith([bearer(id)]));
    const { ctx } = createNodeTestContext();
    const error = await node
      .run({ data: null, handles: {}, settings: { credentialId: id, fail: true }, bindings: {} }, ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(classifyError(error)).toMatchObject({
      code: 'NODE_ERROR',
      retryable: false,
      message: 'server said: bad token [redacted] ([redacted])',
    });
    expect((error as Error).stack).not.toContain(TOKEN);
    expect((error as Error).cause).toBeUndefined();
  });

  it("refuses another execution's workspace credential, an unknown id and the wrong kind", async () => {
    const id = randomUUID();
    const elsewhere = randomUUID();
    const vault = vaultWith([bearer(id), bearer(elsewhere, 'ws-2')]);
    await expect(vault.resolve('exec-1', elsewhere, 'http.bearer')).rejects.toMatchObject({
      code: 'CREDENTIAL_NOT_FOUND',
    });
    await expect(vault.resolve('exec-2', elsewhere, 'http.bearer')).resolves.toMatchObject({ id: elsewhere });
    await expect(vault.resolve('exec-1', 'not-a-uuid', 'http.bearer')).rejects.toMatchObject({
      code: 'CREDENTIAL_NOT_FOUND',
    });
    await expect(vault.resolve('unknown-execution', id, 'http.bearer')).rejects.toMatchObject({
      code: 'CREDENTIAL_NOT_FOUND',
    });
    await expect(vault.resolve('exec-1', id, ['http.basic', 'http.header'])).rejects.toMatchObject({
      code: 'CREDENTIAL_KIND_MISMATCH',
      message: `Credential ${id} is a http.bearer credential; this node accepts http.basic, http.header`,
    });
  });

  it('leaves results untouched when no credential was read', async () => {
    const plain: NodeType = { ...leaky, run: async () => ({ output: { same: TOKEN } }) };
    const { ctx } = createNodeTestContext();
    const result = await bindNodeCredentials(plain, vaultWith([])).run(
      { data: null, handles: {}, settings: {}, bindings: {} },
      ctx,
    );
    expect(result.output).toEqual({ same: TOKEN });
  });
});

describe('CredentialSealer', () => {
  it('opens a value only for the credential and field it was sealed for', () => {
    const sealer = new CredentialSealer(new SecretBox(randomBytes(32)));
    const sealed = sealer.seal('c1', 'token', TOKEN);
    expect(sealed).not.toContain(TOKEN);
    expect(sealer.open('c1', 'token', sealed)).toBe(TOKEN);
    expect(() => sealer.open('c2', 'token', sealed)).toThrow();
    expect(() => sealer.open('c1', 'password', sealed)).toThrow();
  });

  it('opens values of the previous key and re-seals only those under the current one', () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const before = CredentialSealer.forKeys(oldKey, null).seal('c1', 'token', TOKEN);
    const rotated = CredentialSealer.forKeys(newKey, oldKey);
    expect(rotated.open('c1', 'token', before)).toBe(TOKEN);
    const fresh = rotated.resealIfStale('c1', 'token', before)!;
    expect(CredentialSealer.forKeys(newKey, null).open('c1', 'token', fresh)).toBe(TOKEN);
    expect(rotated.resealIfStale('c1', 'token', fresh)).toBeNull();
    expect(() => CredentialSealer.forKeys(newKey, null).open('c1', 'token', before)).toThrow();
  });
});
