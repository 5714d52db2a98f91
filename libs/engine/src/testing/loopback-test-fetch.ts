import { createGuardedFetch } from '../http/create-guarded-fetch.js';

/** Loopback, where tests run their stub servers. */
export const LOOPBACK_ALLOW_HOSTS = ['127.0.0.1', '::1', 'localhost'];

let loopbackFetch: typeof fetch | undefined;

/** The guarded outbound fetch with loopback opened, as an operator would open a host. */
export function loopbackTestFetch(): typeof fetch {
  loopbackFetch ??= createGuardedFetch({ allowHosts: LOOPBACK_ALLOW_HOSTS });
  return loopbackFetch;
}
