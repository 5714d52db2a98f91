import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN = /^[A-Za-z0-9_-]{59}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The submitter's key to one job's status page: the execution id sealed with AES-256-GCM under a
 * sub-key HKDF derives from the encryption key, with the form trigger's id as associated data.
 * The token reveals nothing (not even the execution id), cannot be forged or guessed (a changed
 * byte fails authentication), and opens only on the form it was issued by. Nothing is stored: every
 * process sharing the encryption key reads every other's tokens.
 */
export class FormJobTokens {
  private readonly key: Buffer;

  constructor(encryptionKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'baton form job status v1', 32));
  }

  /** 59 URL-safe characters. */
  issue(triggerId: string, executionId: string): string {
    if (!UUID.test(executionId)) throw new Error('A form job token seals a UUID execution id');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(`form:${triggerId}`));
    const sealed = Buffer.concat([cipher.update(Buffer.from(executionId.replace(/-/g, ''), 'hex')), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  /** The execution id, or null for a malformed, changed or another form's token. */
  read(triggerId: string, token: string): string | null {
    if (!TOKEN.test(token)) return null;
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== IV_BYTES + 16 + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(`form:${triggerId}`));
      decipher.setAuthTag(bytes.subarray(IV_BYTES + 16));
      const hex = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, IV_BYTES + 16)), decipher.final()]).toString(
        'hex',
      );
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    } catch {
      return null;
    }
  }
}
