import { SecretBox } from '../secrets/secret-box';

/**
 * Seals secret fields with the same AES-256-GCM box and key derivation as webhook secrets. The
 * plaintext names its credential and field, so a sealed value copied into another row or field
 * (by anyone who can write the table) refuses to open there.
 */
export class CredentialSealer {
  constructor(private readonly box: SecretBox) {}

  seal(credentialId: string, field: string, value: string): string {
    return this.box.encrypt(JSON.stringify([credentialId, field, value]));
  }

  open(credentialId: string, field: string, sealed: string): string {
    const parsed: unknown = JSON.parse(this.box.decrypt(sealed));
    if (!Array.isArray(parsed) || parsed[0] !== credentialId || parsed[1] !== field || typeof parsed[2] !== 'string')
      throw new Error(`Sealed value of credential ${credentialId} does not belong to field ${field}`);
    return parsed[2];
  }
}
