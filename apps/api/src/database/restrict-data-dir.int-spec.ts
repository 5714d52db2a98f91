import { afterAll, describe, expect, it } from '@jest/globals';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database';
import { MAX_SOCKET_PATH_BYTES } from './prepare-socket-dir';

/** Inodes of the TCP sockets (IPv4 and IPv6) this process is listening on, from /proc. */
function listeningTcpInodes(): Set<string> {
  const listening = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      if (columns[3] === '0A') listening.add(columns[9]!);
    }
  }
  const own = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue; // closed between the listing and the read
    }
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode && listening.has(inode)) own.add(inode);
  }
  return own;
}

/** Where the `pg` driver will connect for this URL: for a Unix socket, a directory as host. */
function connectionTarget(url: string): { host: string; port: number } {
  const client = new pg.Client({ connectionString: url }) as unknown as { host: string; port: number };
  return { host: client.host, port: client.port };
}

async function queryOnce(database: EmbeddedDatabase): Promise<unknown> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query('SELECT 1 AS ok')).rows;
  } finally {
    await client.end();
  }
}

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

  it('serves the database on a Unix socket in a 0700 directory of this user and listens on no TCP port', async () => {
    const before = listeningTcpInodes();
    const dataDir = join(parent, 'socket');
    const database = await startEmbeddedDatabase({ dataDir, maxConnections: 4 });
    try {
      expect(listeningTcpInodes()).toEqual(before);
      const { host, port } = connectionTarget(database.url);
      expect(host).toBe(database.socketDir);
      expect(host).toBe(join(dataDir, 'socket'));
      const dir = statSync(host);
      expect(dir.isDirectory()).toBe(true);
      expect(dir.mode & 0o777).toBe(0o700);
      expect(dir.uid).toBe(process.getuid?.());
      expect(statSync(join(host, `.s.PGSQL.${port}`)).isSocket()).toBe(true);
      expect(await queryOnce(database)).toEqual([{ ok: 1 }]);
    } finally {
      await database.stop();
    }
  });

  it('replaces a stale socket file a crashed process left behind', async () => {
    const dataDir = join(parent, 'stale');
    mkdirSync(join(dataDir, 'socket'), { recursive: true, mode: 0o700 });
    writeFileSync(join(dataDir, 'socket', '.s.PGSQL.5432'), 'left over');
    const database = await startEmbeddedDatabase({ dataDir, maxConnections: 4 });
    try {
      expect(await queryOnce(database)).toEqual([{ ok: 1 }]);
    } finally {
      await database.stop();
    }
  });

  it('puts the socket in a private temp directory when the data dir is too deep for a socket path', async () => {
    const dataDir = join(parent, 'd'.repeat(MAX_SOCKET_PATH_BYTES));
    const database = await startEmbeddedDatabase({ dataDir, maxConnections: 4 });
    const { socketDir } = database;
    try {
      expect(connectionTarget(database.url).host).toBe(socketDir);
      expect(socketDir.startsWith(tmpdir())).toBe(true);
      expect(statSync(socketDir).mode & 0o777).toBe(0o700);
      expect(statSync(socketDir).uid).toBe(process.getuid?.());
      expect(await queryOnce(database)).toEqual([{ ok: 1 }]);
    } finally {
      await database.stop();
    }
    expect(existsSync(socketDir)).toBe(false);
  });
});
