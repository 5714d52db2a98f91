import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDatabase } from './embedded-database';

// Issue 11 (Medium 8): the embedded database's files must not be open to other local users.
describe('embedded data directory permissions', () => {
  const parent = mkdtempSync(join(tmpdir(), 'baton-perms-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('keeps the data dir 0700 and every file in it 0600 (directories 0700)', async () => {
    const dataDir = join(parent, 'data');
    const database = await startEmbeddedDatabase({ dataDir, maxConnections: 4 });
    await database.stop();
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const loose: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        const stats = statSync(path);
        if (stats.isDirectory()) {
          if ((stats.mode & 0o077) !== 0) loose.push(`${path} ${(stats.mode & 0o777).toString(8)}`);
          walk(path);
        } else if ((stats.mode & 0o077) !== 0) loose.push(`${path} ${(stats.mode & 0o777).toString(8)}`);
      }
    };
    walk(dataDir);
    expect(loose).toEqual([]);
  });
});
