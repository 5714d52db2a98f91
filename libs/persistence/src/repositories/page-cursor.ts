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
  if (rest.length || !createdAt || !id || !uuid.test(id) || !isStorableInstant(createdAt)) return null;
  return { createdAt, id };
}

// Only instants we could have issued: ISO 8601 in years 1-9999 that round-trip (so "2026-02-30"
// or "+275760-..." never reach PostgreSQL, which would refuse them).
function isStorableInstant(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(text)) return false;
  const parsed = new Date(text);
  return (
    !Number.isNaN(parsed.getTime()) &&
    parsed.getUTCFullYear() >= 1 &&
    parsed.toISOString().slice(0, 10) === text.slice(0, 10)
  );
}
