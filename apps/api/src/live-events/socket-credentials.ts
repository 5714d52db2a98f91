import type { CredentialHeaders } from '../auth/principal-resolver.service';
import { looksLikeApiKey } from '../auth/generate-api-key';

/**
 * The socket.io handshake carries credentials in `auth.token` (browsers cannot set headers on a
 * WebSocket): an access token, optionally as "Bearer <token>", or an API key. Turned into the
 * headers PrincipalResolver reads, so sockets and HTTP accept exactly the same credentials.
 * Non-browser clients may send the usual headers instead.
 */
export function socketCredentials(auth: unknown, headers: CredentialHeaders): CredentialHeaders {
  const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
  if (typeof token === 'string' && token.trim() !== '') {
    const value = token.trim();
    if (/^Bearer\s/i.test(value)) return { authorization: value };
    return looksLikeApiKey(value) ? { 'x-api-key': value } : { authorization: `Bearer ${value}` };
  }
  return { authorization: headers['authorization'], 'x-api-key': headers['x-api-key'] };
}
