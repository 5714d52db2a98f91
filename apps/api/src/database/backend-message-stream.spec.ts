import { describe, expect, it } from '@jest/globals';
import { BackendMessageStream, type BackendNotification } from './backend-message-stream';

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

function notification(channel: string, payload: string): Buffer {
  const pid = Buffer.alloc(4);
  pid.writeInt32BE(42);
  return message('A', Buffer.concat([pid, Buffer.from(`${channel}\0${payload}\0`)]));
}

/** Feeds `bytes` in chunks of `size` and returns what was forwarded and what was taken out. */
function split(bytes: Buffer, size: number) {
  const stream = new BackendMessageStream();
  const forwarded: Buffer[] = [];
  const notifications: BackendNotification[] = [];
  const order: string[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    stream.push(
      bytes.subarray(i, i + size),
      (b) => {
        forwarded.push(Buffer.from(b));
        order.push('data');
      },
      (n) => {
        notifications.push(n);
        order.push(`A:${n.channel}`);
      },
    );
  }
  return {
    stream,
    forwarded: Buffer.concat(forwarded),
    notifications,
    order: order.filter((o, i) => o !== 'data' || order[i - 1] !== 'data'),
  };
}

describe('BackendMessageStream', () => {
  const row = message('D', Buffer.alloc(3000, 7));
  const complete = message('C', Buffer.from('SELECT 1\0'));
  const ready = message('Z', Buffer.from('I'));
  const note = notification('jobs', 'queue-a');
  const output = Buffer.concat([row, note, complete, notification('other', ''), ready]);

  it.each([1, 2, 5, 7, 64, 100_000])(
    'takes notifications out whole and passes the rest through unchanged (chunks of %i)',
    (size) => {
      const { stream, forwarded, notifications, order } = split(output, size);
      expect(forwarded.equals(Buffer.concat([row, complete, ready]))).toBe(true);
      expect(notifications.map((n) => n.channel)).toEqual(['jobs', 'other']);
      expect(Buffer.from(notifications[0].message).equals(note)).toBe(true);
      expect(order).toEqual(['data', 'A:jobs', 'data', 'A:other', 'data']);
      expect(stream.lastMessageType).toBe('Z'.charCodeAt(0));
      expect(stream.atMessageBoundary).toBe(true);
    },
  );

  it('forwards views of the chunk without copying when there is no notification', () => {
    const stream = new BackendMessageStream();
    const seen: Uint8Array[] = [];
    stream.push(
      row,
      (b) => seen.push(b),
      () => undefined,
    );
    expect(seen).toHaveLength(1);
    expect(seen[0].buffer).toBe(row.buffer);
  });
});
