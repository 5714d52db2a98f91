import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database';

/** Polls until `check` passes or the deadline expires (then rethrows its last failure). */
async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

interface Listener {
  client: pg.Client;
  received: Array<{ channel: string; payload?: string }>;
}

describe('embedded database served to many pg connections (one PGlite session)', () => {
  let dataDir: string;
  let database: EmbeddedDatabase;
  const clients: pg.Client[] = [];

  async function connect(): Promise<Listener> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    clients.push(client);
    const received: Listener['received'] = [];
    client.on('notification', (message) => received.push({ channel: message.channel, payload: message.payload }));
    return { client, received };
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'baton-embedded-'));
    database = await startEmbeddedDatabase({ dataDir, maxConnections: 40 });
    const setup = await connect();
    await setup.client.query('CREATE TABLE counters (id int PRIMARY KEY, value int NOT NULL)');
    await setup.client.query('INSERT INTO counters VALUES (1, 0), (2, 0)');
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    await database?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers many concurrent parameterized queries from 8 pooled connections correctly while another holds a FOR UPDATE transaction', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 8 });
    const holder = await connect();
    try {
      // Large parameters make a message span several socket reads, which is when the stock queue
      // let another connection's Parse in between this one's Parse and Bind.
      const large = 'x'.repeat(100_000);
      const queries = Array.from({ length: 600 }, async (_, i) => {
        // Alternate statement shapes so a clobbered unnamed statement shows as an error or a wrong result.
        if (i % 3 === 0) {
          const { rows } = await pool.query('SELECT $1::int + $2::int AS sum, $3::text AS tag', [i, 1000, `q${i}`]);
          expect(rows).toEqual([{ sum: i + 1000, tag: `q${i}` }]);
        } else if (i % 3 === 1) {
          const { rows } = await pool.query('SELECT value, $2::text AS tag FROM counters WHERE id = $1', [2, `r${i}`]);
          expect(rows).toEqual([{ value: 0, tag: `r${i}` }]);
        } else {
          const { rows } = await pool.query('SELECT length($1::text) + $2::int AS size', [large, i]);
          expect(rows).toEqual([{ size: large.length + i }]);
        }
      });
      // The transaction keeps working in the middle of the storm and its rows stay its own.
      const transaction = (async () => {
        await queries[100];
        await holder.client.query('BEGIN');
        await holder.client.query('SELECT value FROM counters WHERE id = $1 FOR UPDATE', [1]);
        let outsideRead: Promise<pg.QueryResult> | null = null;
        for (let n = 1; n <= 20; n++) {
          await holder.client.query('UPDATE counters SET value = value + $1 WHERE id = $2', [1, 1]);
          // Another connection shares the one session, so it must wait for the commit rather
          // than see the half-done work.
          if (n === 10) outsideRead = pool.query('SELECT value FROM counters WHERE id = $1', [1]);
          await new Promise((resolve) => setImmediate(resolve));
        }
        await holder.client.query('COMMIT');
        expect((await outsideRead)?.rows).toEqual([{ value: 20 }]);
      })();
      await Promise.all([...queries, transaction]);
      const { rows } = await pool.query('SELECT value FROM counters WHERE id = $1', [1]);
      expect(rows).toEqual([{ value: 20 }]);
    } finally {
      await pool.end();
    }
  });

  it('delivers a NOTIFY to the connection that listens, with its payload, and not to the sender', async () => {
    const listener = await connect();
    const sender = await connect();
    await listener.client.query('LISTEN jobs');
    await sender.client.query('SELECT pg_notify($1, $2)', ['jobs', 'queue-a']);
    await eventually(() => expect(listener.received).toEqual([{ channel: 'jobs', payload: 'queue-a' }]));
    // A round trip on the sender proves nothing was queued for it either.
    await sender.client.query('SELECT 1');
    expect(sender.received).toEqual([]);
  });

  it('delivers to every listener of the channel (quoted names keep their case), to a listening sender too, after its commit', async () => {
    const first = await connect();
    const second = await connect();
    const other = await connect();
    await first.client.query('LISTEN "Live Events"');
    await second.client.query('LISTEN "Live Events"; LISTEN unrelated');
    await other.client.query('LISTEN unrelated');
    await second.client.query('BEGIN');
    await second.client.query(`NOTIFY "Live Events", 'one'`);
    await second.client.query('COMMIT');
    const expected = [{ channel: 'Live Events', payload: 'one' }];
    await eventually(() => expect(first.received).toEqual(expected));
    await eventually(() => expect(second.received).toEqual(expected));
    await other.client.query('SELECT 1');
    expect(other.received).toEqual([]);
  });

  it('stops delivering after UNLISTEN, for that connection only', async () => {
    const leaving = await connect();
    const staying = await connect();
    const sender = await connect();
    await leaving.client.query('LISTEN shared');
    await staying.client.query('LISTEN shared');
    // UNLISTEN * unsubscribes the one shared session: the other connection must keep its channel.
    await leaving.client.query('UNLISTEN *');
    await sender.client.query(`NOTIFY shared, 'after'`);
    await eventually(() => expect(staying.received).toEqual([{ channel: 'shared', payload: 'after' }]));
    await leaving.client.query('SELECT 1');
    expect(leaving.received).toEqual([]);
  });

  it('tracks LISTEN sent through the extended protocol', async () => {
    const listener = await connect();
    const sender = await connect();
    await listener.client.query({ text: 'LISTEN extended', values: [], queryMode: 'extended' } as pg.QueryConfig);
    await sender.client.query('SELECT pg_notify($1, $2)', ['extended', 'yes']);
    await eventually(() => expect(listener.received).toEqual([{ channel: 'extended', payload: 'yes' }]));
  });

  it('releases the session when a connection disconnects mid-transaction, rolling its work back', async () => {
    const leaving = await connect();
    const other = await connect();
    await leaving.client.query('BEGIN');
    await leaving.client.query('UPDATE counters SET value = 999 WHERE id = $1', [2]);
    // Queued behind the open transaction until the disconnect releases the session.
    leaving.client.on('error', () => undefined);
    const waiting = other.client.query('SELECT value FROM counters WHERE id = $1', [2]);
    (leaving.client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const { rows } = await waiting;
    expect(rows).toEqual([{ value: 0 }]);
    const { rows: after } = await other.client.query('SELECT 1 AS ok');
    expect(after).toEqual([{ ok: 1 }]);
  });

  it('recovers the session after an error inside an extended-protocol sequence', async () => {
    const failing = await connect();
    const other = await connect();
    await expect(failing.client.query('SELECT $1::int / 0 AS boom', [1])).rejects.toThrow('division by zero');
    const results = await Promise.all([
      failing.client.query('SELECT $1::int AS n', [7]),
      other.client.query('SELECT $1::text AS t', ['fine']),
    ]);
    expect(results.map((result) => result.rows[0])).toEqual([{ n: 7 }, { t: 'fine' }]);
  });
});
