import { createGuardedFetch } from './create-guarded-fetch.js';

let defaultFetch: typeof fetch | undefined;

/**
 * The fetch nodes use when the composition root handed them none: the guarded one with the
 * default policy (public destinations only), never the unrestricted global fetch.
 */
export function defaultOutboundFetch(): typeof fetch {
  defaultFetch ??= createGuardedFetch();
  return defaultFetch;
}
