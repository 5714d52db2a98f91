import { SecretBox } from '../secrets/secret-box';

/**
 * Seals secret fields with the same AES-256-GCM box and key derivation as webhook secrets. The
 * plaintext names its credential and field, so a sealed value copied into another row or field
 * (by anyone who can write the table) refuses to open there. Values sealed under the previous key
 * (BATON_ENCRYPTION_KEY_PREVIOUS) still open, until `credentials:rotate` re-seals them.
 */
export class CredentialSealer {
  constructor(
    private readonly box: SecretBox,
    private readonly previous: readonly SecretBox[] = [],
  ) {}

  /** The sealer for a process: the current key plus the previous one when configured. */
  static forKeys(current: Buffer, previous: Buffer | null): CredentialSealer {
    return new CredentialSealer(new SecretBox(current), previous ? [new SecretBox(previous)] : []);
  }

  seal(credentialId: string, field: string, value: string): string {
    return this.box.encrypt(JSON.stringify([credentialId, field, value]));
  }

  open(credentialId: string, field: string, sealed: string): string {
    const parsed: unknown = JSON.parse(this.decrypt(sealed).plaintext);
    if (!Array.isArray(parsed) || parsed[0] !== credentialId || parsed[1] !== field || typeof parsed[2] !== 'string')
      throw new Error(`Sealed value of credential ${credentialId} does not belong to field ${field}`);
    return parsed[2];
  }

  /** The value sealed under the current key, or null when it already is. */
  resealIfStale(credentialId: string, field: string, sealed: string): string | null {
    if (this.decrypt(sealed).current) return null;
    return this.seal(credentialId, field, this.open(credentialId, field, sealed));
  }

  private decrypt(sealed: string): { plaintext: string; current: boolean } {
    try {
      return { plaintext: this.box.decrypt(sealed), current: true };
    } catch (error) {
      for (const box of this.previous) {
        try {
          return { plaintext: box.decrypt(sealed), current: false };
        } catch {
          // Not this key either; the next one, or the first error below.
        }
      }
      throw error;
    }
  }
}
