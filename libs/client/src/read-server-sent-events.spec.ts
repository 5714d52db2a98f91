import { readServerSentEvents } from './read-server-sent-events';

/** A body that delivers `text` in the given pieces, as a network would. */
function bodyOf(pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

async function readAll(pieces: string[]) {
  const messages = [];
  for await (const message of readServerSentEvents(bodyOf(pieces))) messages.push(message);
  return messages;
}

describe('readServerSentEvents', () => {
  it('yields id and data of each message, skipping retry fields and heartbeat comments', async () => {
    const text = 'retry: 2000\n\nid: 1\ndata: {"a":1}\n\n: heartbeat\n\nid: 2\ndata: {"a":2}\n\n';
    expect(await readAll([text])).toEqual([
      { id: '1', data: '{"a":1}' },
      { id: '2', data: '{"a":2}' },
    ]);
  });

  it('joins messages split across chunks anywhere, CRLF line ends and multi-line data included', async () => {
    const text = 'id: 7\r\ndata: first\r\ndata: second\r\n\r\nid: 8\ndata: x\n\n';
    const pieces = text
      .split('')
      .reduce<string[]>((all, char, i) => (i % 3 ? [...all.slice(0, -1), all.at(-1) + char] : [...all, char]), []);
    expect(await readAll(pieces)).toEqual([
      { id: '7', data: 'first\nsecond' },
      { id: '8', data: 'x' },
    ]);
  });
});
