import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { OpenedArtifact } from './artifacts.service';

/** The slice of Express's response used to stream an artifact (keeps @types/express out of the build). */
export interface ArtifactResponse extends Writable {
  status(code: number): ArtifactResponse;
  setHeader(name: string, value: string): void;
  removeHeader(name: string): void;
}

// Shown in the browser; everything else downloads.
const INLINE = /^(text\/(html|plain|csv)|image\/(png|jpeg|gif|webp)|application\/(pdf|json))(;|$)/i;

/**
 * Streams an artifact with its own type and name. Whatever the type, the response carries
 * `Content-Security-Policy: sandbox`: the browser treats the document as coming from a unique
 * opaque origin with scripts, forms, popups and plugins off, so HTML (or SVG) a workflow
 * produced can never run script in, or read from, Baton's origin. Only the console may frame it
 * (frame-ancestors 'self', for its preview), and only images and styles embedded in it load.
 */
export async function sendArtifact(
  response: ArtifactResponse,
  artifact: OpenedArtifact,
  download: boolean,
): Promise<void> {
  const { record, body } = artifact;
  const disposition = download || !INLINE.test(record.contentType) ? 'attachment' : 'inline';
  response.setHeader('content-type', record.contentType);
  response.setHeader('content-length', String(record.size));
  response.setHeader('content-disposition', contentDisposition(disposition, record.name));
  response.setHeader(
    'content-security-policy',
    "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
  );
  response.setHeader('x-frame-options', 'SAMEORIGIN');
  response.setHeader('cache-control', 'private, no-store');
  response.setHeader('etag', `"${record.sha256}"`);
  response.status(200);
  await pipeline(body, response).catch(() => {
    // The client went away (or the driver failed mid-body): the response is cut short, nothing else to do.
    body.destroy();
  });
}

/** The header with `filename` for old clients (ASCII, quotes replaced) and RFC 5987 `filename*` for the real name. */
export function contentDisposition(disposition: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
