import { chmodSync, lstatSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The `pg` driver connects to `${host}/.s.PGSQL.${port}` when `host` is a directory, as libpq does;
 * the port only names the file, so the conventional one keeps the name familiar.
 */
export const SOCKET_PORT = 5432;
const SOCKET_NAME = `.s.PGSQL.${SOCKET_PORT}`;

/**
 * sun_path holds 108 bytes on Linux and 104 on macOS, NUL included; 103 fits both. A longer path
 * makes listen() fail (or, on some systems, silently truncates it).
 */
export const MAX_SOCKET_PATH_BYTES = 103;

export interface SocketDir {
  /** A 0700 directory owned by this process's user: only that user can reach the socket in it. */
  dir: string;
  /** The socket file inside `dir`. */
  path: string;
  /** Removes what this start created outside the data dir (the temporary fallback directory). */
  release(): void;
}

/**
 * Picks the directory the embedded database's Unix socket lives in: `<dataDir>/socket`, or a fresh
 * 0700 directory under the system temp dir when the data dir's path would make the socket path too
 * long. Removes a stale socket file a crashed process left behind; the caller must hold the
 * data-dir lock, which makes this process the only owner.
 */
export function prepareSocketDir(dataDir: string): SocketDir {
  const inDataDir = join(dataDir, 'socket');
  if (Buffer.byteLength(join(inDataDir, SOCKET_NAME)) <= MAX_SOCKET_PATH_BYTES) {
    mkdirSync(inDataDir, { mode: 0o700, recursive: true });
    const stats = lstatSync(inDataDir);
    if (!stats.isDirectory()) throw new Error(`${inDataDir} must be a directory (it holds the database socket)`);
    // mkdir's mode is filtered by the umask and ignored for an existing directory.
    chmodSync(inDataDir, 0o700);
    const path = join(inDataDir, SOCKET_NAME);
    rmSync(path, { force: true });
    return { dir: inDataDir, path, release: () => rmSync(path, { force: true }) };
  }
  // A deep data dir (long home or CI paths) cannot hold the socket; mkdtemp makes a directory
  // with a name nobody can predict, mode 0700, so another user can neither pre-create nor enter it.
  const dir = mkdtempSync(join(tmpdir(), 'baton-pg-'));
  const path = join(dir, SOCKET_NAME);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH_BYTES) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`The temp dir ${tmpdir()} is too long to hold the embedded database's socket: set TMPDIR`);
  }
  return { dir, path, release: () => rmSync(dir, { recursive: true, force: true }) };
}
