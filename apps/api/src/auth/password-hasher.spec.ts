import { describe, expect, it } from '@jest/globals';
import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('verifies the password it hashed and refuses another', async () => {
    const stored = await hasher.hash('correct horse battery');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[\w-]+\$[\w-]+$/);
    await expect(hasher.verify('correct horse battery', stored)).resolves.toBe(true);
    await expect(hasher.verify('correct horse batterY', stored)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords are stored differently', async () => {
    const [a, b] = await Promise.all([hasher.hash('same password'), hasher.hash('same password')]);
    expect(a).not.toBe(b);
  });

  it('treats a malformed or tampered stored hash as a mismatch, never a throw', async () => {
    await expect(hasher.verify('whatever1', 'not-a-hash')).resolves.toBe(false);
    await expect(hasher.verify('whatever1', 'scrypt$1073741824$8$1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaA')).resolves.toBe(
      false,
    );
    const stored = await hasher.hash('whatever1');
    await expect(hasher.verify('whatever1', stored.slice(0, -4))).resolves.toBe(false);
  });

  it('bounds new passwords to 8..200 characters', async () => {
    await expect(hasher.hash('short')).rejects.toThrow(RangeError);
    await expect(hasher.hash('x'.repeat(201))).rejects.toThrow(RangeError);
    await expect(hasher.hash('x'.repeat(200))).resolves.toMatch(/^scrypt\$/);
  });

  it('refuses an over-long offered password without hashing it', async () => {
    const stored = await hasher.hash('x'.repeat(200));
    await expect(hasher.verify('x'.repeat(201), stored)).resolves.toBe(false);
  });
});
