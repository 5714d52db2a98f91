import { PGlite } from '@electric-sql/pglite';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { chmodSync, mkdirSync } from 'node:fs';
import { restrictDataDir } from './restrict-data-dir';
import { resolve } from 'node:path';
import { acquireDataDirLock } from './data-dir-lock';
import { prepareSocketDir, SOCKET_PORT, type SocketDir } from './prepare-socket-dir';
import { ProtocolAwareQueryQueue } from './protocol-aware-query-queue';

export interface EmbeddedDatabase {
  /** A postgres:// URL for the normal `pg` driver whose host is the socket directory (no TCP port). */
  url: string;
  /** The 0700 directory holding the Unix socket. */
  socketDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  /** Must cover every pool the process opens (TypeORM plus each BullMQ backend). */
  maxConnections: number;
}

/**
 * Tier 1: an embedded PostgreSQL (PGlite) served over the wire protocol by pglite-socket,
 * so TypeORM and BullMQ talk to it through the same `pg` driver they use in production.
 * pglite-socket accepts any user and password as superuser, so it listens on a Unix socket in a
 * 0700 directory rather than a TCP port: the file system, not a password, keeps other local users out.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const pgDir = resolve(options.dataDir, 'pglite');
  restrictDataDir(options.dataDir);
  mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  // PGlite does not lock its directory itself; two processes on one directory would corrupt it.
  const lock = acquireDataDirLock(options.dataDir);
  let socket: SocketDir | null = null;
  try {
    const db = await PGlite.create({ dataDir: pgDir, extensions: { uuid_ossp } });
    await db.exec('CREATE EXTENSION IF NOT EXISTS "uuid-ossp"');
    // Files PGlite created on a first start come out world-writable: close them too.
    restrictDataDir(options.dataDir);
    const openSocket = prepareSocketDir(options.dataDir);
    socket = openSocket;
    const server = new PGLiteSocketServer({ db, path: openSocket.path, maxConnections: options.maxConnections });
    const queue = new ProtocolAwareQueryQueue(db);
    installQueryQueue(server, queue);
    await server.start();
    // The directory already keeps others out; the socket's own mode (umask-derived) need not be wider.
    chmodSync(openSocket.path, 0o600);
    const host = encodeURIComponent(openSocket.dir);
    return {
      url: `postgres://postgres@/postgres?host=${host}&port=${SOCKET_PORT}`,
      socketDir: openSocket.dir,
      async stop() {
        await server.stop();
        // stop() detaches the connections without waiting; let the running message finish first.
        await queue.close();
        await db.close();
        openSocket.release();
        lock.release();
      },
    };
  } catch (error) {
    socket?.release();
    lock.release();
    throw error;
  }
}

/**
 * pglite-socket keeps its query queue in a private field and hands it to each connection handler
 * it creates; replacing it before start() is the only seam the package offers (its class cannot
 * be subclassed over a private field). Checked so an upgrade that renames it fails loudly.
 */
function installQueryQueue(server: PGLiteSocketServer, queue: ProtocolAwareQueryQueue): void {
  const internals = server as unknown as { queryQueue?: { enqueue?: unknown } };
  if (typeof internals.queryQueue?.enqueue !== 'function') {
    throw new Error(
      'pglite-socket has no queryQueue to replace: check ProtocolAwareQueryQueue against the installed version',
    );
  }
  (internals as { queryQueue: unknown }).queryQueue = queue;
}
