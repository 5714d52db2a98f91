import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes the embedded data directory private to the user running Baton: the directory 0700 (so
 * nobody else can even reach what is inside, whatever modes PGlite gives new files) and what
 * already exists in it 0700 for directories and 0600 for files. PGlite's file system layer
 * creates files world-writable, so this runs at every start.
 */
export function restrictDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const pending = [dataDir];
  while (pending.length) {
    const dir = pending.pop()!;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stats = lstatSync(path);
      if (stats.isSymbolicLink()) continue;
      if (stats.isDirectory()) {
        chmodSync(path, 0o700);
        pending.push(path);
      } else chmodSync(path, 0o600);
    }
  }
}
