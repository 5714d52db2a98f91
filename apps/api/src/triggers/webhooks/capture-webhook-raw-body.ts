import type { IncomingMessage, ServerResponse } from 'node:http';

/** Where the webhook routes live; the raw-body reader is mounted on this prefix only. */
export const WEBHOOK_PATH_PREFIX = '/api/hooks';

export type RawBodyRequest = IncomingMessage & { rawBody?: Buffer };

/**
 * Reads a webhook request's body as raw bytes, whatever its content type: the HMAC signature is
 * over the exact bytes sent, which JSON parsing would lose. Mounted (in start-baton.ts) before the
 * app's JSON and form parsers, which then see a consumed stream and skip; every other route keeps
 * the normal parsers. Over `maxBytes` is a 413 before anything else runs.
 */
export function captureWebhookRawBody(maxBytes: number) {
  return (req: RawBodyRequest, res: ServerResponse, next: (error?: unknown) => void): void => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) return tooLarge(req, res, maxBytes);
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        tooLarge(req, res, maxBytes);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      req.rawBody = Buffer.concat(chunks);
      next();
    });
    req.on('error', (error) => {
      if (!refused) next(error);
    });
  };
}

function tooLarge(req: IncomingMessage, res: ServerResponse, maxBytes: number): void {
  res.statusCode = 413;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('connection', 'close');
  res.end(
    JSON.stringify({ statusCode: 413, error: 'PAYLOAD_TOO_LARGE', message: `body: must be at most ${maxBytes} bytes` }),
  );
  // Stop reading: the client may keep sending, and we answered already.
  req.resume();
}
