import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock';

describe('acquireDataDirLock', () => {
  it('refuses a directory locked by a live process, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-lock-'));
    // The parent of the test runner is alive and is not us.
    writeFileSync(join(dir, 'baton.lock'), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(`in use by process ${process.ppid}`);
  });

  it('takes over a lock left by a dead process and can be taken again after release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-lock-'));
    writeFileSync(join(dir, 'baton.lock'), '2147483646');
    const lock = acquireDataDirLock(dir);
    lock.release();
    acquireDataDirLock(dir).release();
  });
});
