import type { DataSource, EntityManager } from 'typeorm';
import { SecretBox } from '../secrets/secret-box';
import { CredentialSealer } from './credential-sealer';

export interface RotationResult {
  credentials: number;
  /** Credential secret fields re-sealed under the current key. */
  resealed: number;
  /** Webhook signing secrets re-sealed (they share the key and its derivation). */
  webhookSecrets: number;
}

/**
 * Re-seals every secret at rest still sealed under `previous` with `current`, in one transaction:
 * credential fields and webhook signing secrets. Afterwards BATON_ENCRYPTION_KEY_PREVIOUS can be
 * removed. A value neither key opens stops the rotation with nothing changed.
 */
export async function rotateCredentialKeys(
  dataSource: DataSource,
  current: Buffer,
  previous: Buffer | null,
): Promise<RotationResult> {
  const sealer = CredentialSealer.forKeys(current, previous);
  return dataSource.transaction(async (tx) => {
    const rows: Array<{ id: string; secrets: Record<string, string> }> = await tx.query(
      `SELECT id, secrets FROM credentials ORDER BY id FOR UPDATE`,
    );
    let resealed = 0;
    for (const row of rows) {
      const secrets = { ...row.secrets };
      let changed = false;
      for (const [field, sealed] of Object.entries(row.secrets)) {
        const fresh = sealer.resealIfStale(row.id, field, sealed);
        if (fresh === null) continue;
        secrets[field] = fresh;
        changed = true;
        resealed++;
      }
      if (changed)
        await tx.query(`UPDATE credentials SET secrets = $2::jsonb WHERE id = $1`, [row.id, JSON.stringify(secrets)]);
    }
    const webhookSecrets = await resealWebhookSecrets(tx, new SecretBox(current), previous && new SecretBox(previous));
    return { credentials: rows.length, resealed, webhookSecrets };
  });
}

async function resealWebhookSecrets(tx: EntityManager, current: SecretBox, previous: SecretBox | null) {
  const rows: Array<{ id: string; secret_sealed: string }> = await tx.query(
    `SELECT id, secret_sealed FROM triggers WHERE secret_sealed IS NOT NULL ORDER BY id FOR UPDATE`,
  );
  let resealed = 0;
  for (const row of rows) {
    try {
      current.decrypt(row.secret_sealed);
      continue;
    } catch (error) {
      if (!previous) throw error;
    }
    const secret = previous.decrypt(row.secret_sealed);
    await tx.query(`UPDATE triggers SET secret_sealed = $2 WHERE id = $1`, [row.id, current.encrypt(secret)]);
    resealed++;
  }
  return resealed;
}
