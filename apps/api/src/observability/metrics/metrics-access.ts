import { createHash, timingSafeEqual } from 'node:crypto';

/** Whether a socket's remote address is this machine's loopback (IPv4, IPv6 or IPv4-mapped IPv6). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

export type MetricsAccess = 'allowed' | 'unauthorized' | 'forbidden';

/**
 * With a token: the `Authorization: Bearer <token>` header, from anywhere. Without one: only
 * clients on loopback, judged by the socket's own remote address; X-Forwarded-For and the like
 * are ignored because any client can send them.
 */
export function decideMetricsAccess(
  token: string | null,
  request: { authorization: string | undefined; remoteAddress: string | undefined },
): MetricsAccess {
  if (!token) return isLoopbackAddress(request.remoteAddress) ? 'allowed' : 'forbidden';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.authorization ?? '');
  return match && sameSecret(match[1], token) ? 'allowed' : 'unauthorized';
}

// Digests first: timingSafeEqual needs equal lengths, and comparing digests leaks no length either.
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
