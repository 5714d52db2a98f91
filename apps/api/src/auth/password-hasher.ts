import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Bounds the DTOs enforce too; the hasher re-checks them because it is the last line against huge inputs. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;

// OWASP's current recommendation for scrypt: N=2^17, r=8, p=1 (128 MiB, a few hundred ms per
// hash). The parameters are stored in each hash; older, cheaper hashes are upgraded at sign-in.
const COST = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 64;
const SALT_BYTES = 16;
// Node's default maxmem (32 MiB) is exactly 128*N*r here, which scrypt refuses; leave headroom.
const MAX_MEMORY = 64 * 1024 * 1024;

/** scrypt password hashes stored as `scrypt$<N>$<r>$<p>$<salt>$<hash>` (base64url parts). */
export class PasswordHasher {
  async hash(password: string): Promise<string> {
    assertBounded(password);
    const salt = randomBytes(SALT_BYTES);
    const derived = await derive(password, salt, KEY_LENGTH, COST);
    return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), derived.toString('base64url')].join('$');
  }

  /** Constant-time comparison; false (never an exception) for a malformed stored hash. */
  async verify(password: string, stored: string): Promise<boolean> {
    if (password.length > PASSWORD_MAX_LENGTH) return false;
    const parsed = parse(stored);
    if (!parsed) return false;
    const derived = await derive(password, parsed.salt, KEY_LENGTH, parsed.cost);
    return timingSafeEqual(derived, parsed.hash);
  }

  /** Whether a stored hash was made with a lower cost than today's (or is unreadable). */
  needsRehash(stored: string): boolean {
    const parsed = parse(stored);
    return !parsed || parsed.cost.N < COST.N || parsed.cost.r < COST.r || parsed.cost.p < COST.p;
  }

  /**
   * Spends the time of one verification without a stored hash, so a login for an unknown email
   * takes as long as one with a wrong password and does not reveal which emails exist.
   */
  async burnVerification(password: string): Promise<void> {
    await derive(password.slice(0, PASSWORD_MAX_LENGTH), DUMMY_SALT, KEY_LENGTH, COST);
  }
}

const DUMMY_SALT = randomBytes(SALT_BYTES);

function assertBounded(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new RangeError(`password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`);
  }
}

interface ParsedHash {
  cost: { N: number; r: number; p: number };
  salt: Buffer;
  hash: Buffer;
}

function parse(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64url');
  const hash = Buffer.from(parts[5], 'base64url');
  // Refuse parameters we would never write, so a tampered row cannot make verify allocate gigabytes.
  const sane =
    Number.isInteger(N) && N >= 2 && N <= 2 ** 20 && Number.isInteger(r) && r >= 1 && r <= 32 && p >= 1 && p <= 16;
  // The length is fixed too: scrypt's shorter outputs are prefixes of longer ones, so a
  // truncated hash would otherwise still verify.
  if (!sane || salt.length === 0 || hash.length !== KEY_LENGTH) return null;
  return { cost: { N, r, p }, salt, hash };
}

function derive(
  password: string,
  salt: Buffer,
  keyLength: number,
  cost: { N: number; r: number; p: number },
): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: Math.max(MAX_MEMORY, 256 * cost.N * cost.r) };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
