import { DestinationRules, PermanentError } from '@baton/engine';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * `resolveOutboundHost` for non-HTTP connections, under the rules `createGuardedFetch` applies:
 * public unicast addresses only unless the host or a range is allowed. The caller connects to the
 * answered address, so a second lookup cannot rebind the name to an internal one.
 */
export function createGuardedHostResolver(allowHosts: readonly string[] = []): (hostname: string) => Promise<string> {
  const rules = new DestinationRules(allowHosts);
  return async (hostname) => {
    const addresses = isIP(hostname)
      ? [{ address: hostname }]
      : await lookup(hostname, { all: true }).catch((error: unknown) => {
          throw Object.assign(new Error(`${hostname} could not be resolved`), {
            code: (error as NodeJS.ErrnoException).code ?? 'ENOTFOUND',
          });
        });
    if (!rules.allowsName(hostname)) {
      // Every address must pass: a name resolving to both a public and a private address is refused.
      const refused = addresses.find((a) => !rules.allowsAddress(a.address));
      if (refused)
        throw new PermanentError(
          `${hostname} resolves to ${refused.address}, which outbound connections may not reach (BATON_HTTP_ALLOW_HOSTS opens it)`,
          'DESTINATION_BLOCKED',
        );
    }
    const first = addresses[0];
    if (!first) throw Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
    return first.address;
  };
}

let publicOnly: ((hostname: string) => Promise<string>) | undefined;

/** The resolver nodes use when the composition root handed them none: public destinations only. */
export function defaultGuardedHostResolver(): (hostname: string) => Promise<string> {
  publicOnly ??= createGuardedHostResolver();
  return publicOnly;
}
