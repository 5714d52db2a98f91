/** One parsed Server-Sent Events message. */
export interface SseMessage {
  id?: string;
  data: string;
}

export interface SseResult {
  status: number;
  contentType: string | null;
  messages: SseMessage[];
  comments: string[];
  /** The server closed the stream (rather than the test giving up). */
  ended: boolean;
}

/** Reads an SSE response until the server ends it or `timeoutMs` passes. */
export async function readSse(url: string, headers: Record<string, string>, timeoutMs = 30_000): Promise<SseResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const response = await fetch(url, { headers, signal: controller.signal });
  const result: SseResult = {
    status: response.status,
    contentType: response.headers.get('content-type'),
    messages: [],
    comments: [],
    ended: false,
  };
  if (!response.body || response.status !== 200) {
    clearTimeout(timer);
    return result;
  }
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        parseBlock(buffer.slice(0, end), result);
        buffer = buffer.slice(end + 2);
      }
    }
    result.ended = true;
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    clearTimeout(timer);
  }
  return result;
}

function parseBlock(block: string, result: SseResult): void {
  const message: SseMessage = { data: '' };
  let hasData = false;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) result.comments.push(line.slice(1).trim());
    else if (line.startsWith('id: ')) message.id = line.slice(4);
    else if (line.startsWith('data: ')) {
      message.data += line.slice(6);
      hasData = true;
    }
  }
  if (hasData) result.messages.push(message);
}
