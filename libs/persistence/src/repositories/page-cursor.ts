/** Keyset-pagination cursor over (created_at DESC, id DESC), opaque to clients. */
export interface PageCursor {
  createdAt: string;
  id: string;
}

export function encodePageCursor(cursor: PageCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, 'utf8').toString('base64url');
}

/** Returns null for anything that is not a cursor we issued (callers turn that into a 400). */
export function decodePageCursor(raw: string): PageCursor | null {
  const [createdAt, id, ...rest] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (rest.length || !createdAt || !id || !uuid.test(id) || Number.isNaN(Date.parse(createdAt))) return null;
  return { createdAt, id };
}
