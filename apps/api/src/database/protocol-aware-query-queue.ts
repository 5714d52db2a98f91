import type { PGlite } from '@electric-sql/pglite';
import { Logger } from '@nestjs/common';
import { BackendMessageStream, READY_FOR_QUERY, type BackendNotification } from './backend-message-stream';
import { ListenRegistry } from './listen-registry';
import { parseListenStatements, type ListenEffect } from './parse-listen-statements';

type OnData = (data: Uint8Array) => void;

interface QueuedMessage {
  kind: 'message';
  handlerId: number;
  message: Uint8Array;
  onData: OnData;
  resolve(written: number): void;
  reject(error: Error): void;
}

interface QueuedRelease {
  kind: 'release';
  handlerId: number;
  done(): void;
}

const STARTUP = 0x00; // a startup packet has no type byte; its length's high byte is 0
const QUERY = 0x51; // 'Q'
const PARSE = 0x50; // 'P'
const TERMINATE = 0x58; // 'X'
const SYNC_MESSAGE = Uint8Array.from([0x53, 0, 0, 0, 4]); // 'S'

/**
 * Replaces pglite-socket's QueryQueueManager (same four methods, which is all its connection
 * handlers call). PGlite is ONE PostgreSQL session shared by every client connection, and the
 * original queue interleaves the single messages of different connections outside transactions
 * and lets a NOTIFY surface in the sender's stream. This queue:
 *
 * - gives one connection the session from its first message until a ReadyForQuery ends its
 *   exchange (a Sync, a simple Query, a finished COPY) outside a transaction block; the others
 *   wait, first come first served. So an extended-protocol sequence (Parse/Bind/Execute/Sync)
 *   never shares the unnamed statement and portal with another client, and a transaction
 *   (explicit, or failed and awaiting ROLLBACK) is never entered by another client's statements;
 * - remembers who ran LISTEN/UNLISTEN, strips NotificationResponse messages from the stream of
 *   a connection that did not ask for them, and writes them to the connections that did.
 *
 * Still one session, so session state stays shared by all clients: SET (not SET LOCAL),
 * set_config(..., false), temporary tables not dropped at commit, prepared statement names and
 * session-level advisory locks (pg_advisory_lock is re-entrant within a session, so it excludes
 * nothing here). Code that may run embedded must keep such state transaction-scoped.
 */
export class ProtocolAwareQueryQueue {
  private readonly logger = new Logger('EmbeddedDatabase');
  private queue: Array<QueuedMessage | QueuedRelease> = [];
  /** The connection that holds the session, or null when the next in line may take it. */
  private owner: number | null = null;
  private processing = false;
  private draining: Promise<void> = Promise.resolve();
  private closed = false;
  /** Each connection's socket writer (pglite-socket's onData), for notifications it is owed. */
  private readonly writers = new Map<number, OnData>();
  private readonly listens = new ListenRegistry();
  /** LISTEN/UNLISTEN seen in a connection's exchange, applied when its ReadyForQuery arrives. */
  private readonly pendingEffects = new Map<number, ListenEffect[]>();
  /** Channels the shared session was last told to listen on. */
  private sessionChannels = new Set<string>();
  private channelsChanged = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: OnData): Promise<number> {
    if (this.closed) return Promise.reject(new Error('Embedded database stopped'));
    // PGlite ignores Terminate; the disconnect that follows is what releases the session.
    if (message[0] === TERMINATE) return Promise.resolve(0);
    this.writers.set(handlerId, onData);
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ kind: 'message', handlerId, message, onData, resolve, reject });
      this.pump();
    });
  }

  getQueueLength(): number {
    return this.queue.filter((entry) => entry.kind === 'message').length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((entry) => {
      if (entry.kind !== 'message' || entry.handlerId !== handlerId) return true;
      entry.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  /**
   * Called when a connection goes away: it releases the session if it held it (rolling back its
   * open transaction) and forgets its subscriptions. Queued like a message so it runs after one
   * of the connection's messages that may be executing now. Never rejects: pglite-socket's stop()
   * does not await it.
   */
  clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise<void>((done) => {
      this.queue.push({ kind: 'release', handlerId, done });
      this.pump();
    });
  }

  /** Refuses new work, drops what waits and lets the running message finish (before db.close()). */
  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.queue.splice(0)) {
      if (entry.kind === 'message') entry.reject(new Error('Embedded database stopped'));
      else entry.done();
    }
    await this.draining;
  }

  private pump(): void {
    if (!this.processing) this.draining = this.drain();
  }

  private async drain(): Promise<void> {
    this.processing = true;
    try {
      // No await between the last takeNext() and processing = false, so an enqueue always
      // either lands before the final check or finds processing false and pumps again.
      for (let entry = this.takeNext(); entry; entry = this.takeNext()) {
        if (entry.kind === 'message') await this.execute(entry);
        else await this.release(entry);
      }
    } finally {
      this.processing = false;
    }
  }

  private takeNext(): QueuedMessage | QueuedRelease | undefined {
    const index = this.owner === null ? 0 : this.queue.findIndex((entry) => entry.handlerId === this.owner);
    if (index < 0 || index >= this.queue.length) return undefined;
    return this.queue.splice(index, 1)[0];
  }

  private async execute(entry: QueuedMessage): Promise<void> {
    let written = 0;
    const forward = (bytes: Uint8Array) => {
      written += bytes.length;
      entry.onData(bytes);
    };
    let stream: BackendMessageStream;
    try {
      stream = await this.run(entry.message, forward, entry.handlerId);
    } catch (error) {
      entry.reject(error as Error);
      return;
    }
    this.collectListenEffects(entry.handlerId, entry.message);
    if (stream.lastMessageType === READY_FOR_QUERY) {
      this.applyListenEffects(entry.handlerId);
      this.owner = this.db.isInTransaction() ? entry.handlerId : null;
    } else if (entry.message[0] !== STARTUP) {
      // Mid-exchange (Parse, Bind, Execute, Flush, COPY data...): the session stays this client's.
      this.owner = entry.handlerId;
    }
    entry.resolve(written);
    if (this.owner === null) await this.reconcileSessionChannels();
  }

  private async release(entry: QueuedRelease): Promise<void> {
    const { handlerId } = entry;
    if (this.owner === handlerId) {
      // A Sync ends an unfinished extended-protocol sequence (and an error's skip-until-Sync
      // state, which would swallow the next client's messages); then the open transaction, if
      // any, is rolled back as PostgreSQL does when a client disconnects. A client that vanished
      // between Execute and Sync outside a transaction thus has that last statement committed;
      // drivers send the whole sequence in one write, so this is a crash-time corner only.
      await this.runInternal(SYNC_MESSAGE);
      if (!this.db.closed && this.db.isInTransaction()) await this.runInternal(queryMessage('ROLLBACK'));
      this.owner = null;
    }
    this.writers.delete(handlerId);
    this.pendingEffects.delete(handlerId);
    if (this.listens.remove(handlerId)) this.channelsChanged = true;
    if (this.owner === null) await this.reconcileSessionChannels();
    entry.done();
  }

  /** Runs one frontend message with PGlite to itself, routing notifications as they stream out. */
  private async run(message: Uint8Array, forward: OnData, executing: number | null): Promise<BackendMessageStream> {
    const stream = new BackendMessageStream();
    // runExclusive also keeps out direct db.query() callers in this process.
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(message, {
        onRawData: (chunk) =>
          stream.push(chunk, forward, (notification) => this.deliver(notification, executing, forward)),
      }),
    );
    return stream;
  }

  /** Messages Baton sends itself: output discarded, notifications still delivered. */
  private async runInternal(message: Uint8Array): Promise<void> {
    if (this.db.closed) return;
    try {
      await this.run(message, () => undefined, null);
    } catch (error) {
      this.logger.warn(`Embedded database housekeeping failed: ${(error as Error).message}`);
    }
  }

  private deliver(notification: BackendNotification, executing: number | null, forward: OnData): void {
    for (const listener of this.listens.listenersOf(notification.channel)) {
      // The executing client gets it in place; an idle listener gets the whole message now,
      // which the protocol allows at any time (it never lands inside another response because
      // only one message runs at a time and each response is written as it streams).
      if (listener === executing) forward(notification.message);
      else this.writers.get(listener)?.(notification.message);
    }
  }

  private collectListenEffects(handlerId: number, message: Uint8Array): void {
    let sql: string | null = null;
    if (message[0] === QUERY) sql = readCString(message, 5);
    else if (message[0] === PARSE) sql = readCString(message, message.indexOf(0, 5) + 1); // after the statement name
    if (!sql) return;
    const effects = parseListenStatements(sql);
    if (effects.length) this.pendingEffects.set(handlerId, [...(this.pendingEffects.get(handlerId) ?? []), ...effects]);
  }

  private applyListenEffects(handlerId: number): void {
    const effects = this.pendingEffects.get(handlerId);
    if (!effects) return;
    this.pendingEffects.delete(handlerId);
    for (const effect of effects) this.listens.apply(handlerId, effect);
    this.channelsChanged = true;
  }

  /**
   * Makes the session listen on exactly the channels some client listens on. Needed because one
   * client's UNLISTEN (or UNLISTEN *) unsubscribes the shared session for everyone. Runs only
   * between exchanges, never inside another client's sequence or transaction.
   */
  private async reconcileSessionChannels(): Promise<void> {
    if (!this.channelsChanged) return;
    this.channelsChanged = false;
    const wanted = this.listens.allChannels();
    const statements = [...wanted].map((channel) => `LISTEN ${quoteIdentifier(channel)}`);
    for (const channel of this.sessionChannels)
      if (!wanted.has(channel)) statements.push(`UNLISTEN ${quoteIdentifier(channel)}`);
    this.sessionChannels = wanted;
    if (statements.length) await this.runInternal(queryMessage(statements.join('; ')));
  }
}

function readCString(message: Uint8Array, offset: number): string | null {
  if (offset <= 0 || offset >= message.length) return null;
  const end = message.indexOf(0, offset);
  return Buffer.from(message.buffer, message.byteOffset + offset, (end < 0 ? message.length : end) - offset).toString(
    'utf8',
  );
}

function queryMessage(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const message = Buffer.alloc(5 + text.length);
  message[0] = QUERY;
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
