import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signatures of signed webhook calls already accepted, kept until their timestamp leaves the
 * tolerance window: the same signed request is accepted once, whichever API process receives it.
 */
export class WebhookSeenSignatures1763800000000 implements MigrationInterface {
  name = 'WebhookSeenSignatures1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_seen_signatures (
        trigger_id uuid NOT NULL REFERENCES triggers(id) ON DELETE CASCADE,
        signature_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (trigger_id, signature_hash)
      )`);
    await q.query(`CREATE INDEX webhook_seen_signatures_expiry_idx ON webhook_seen_signatures (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_seen_signatures`);
  }
}
