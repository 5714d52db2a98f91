import ipaddr from 'ipaddr.js';
import { InvalidInputError } from '../errors/engine.error.js';

/**
 * Where nodes may send HTTP requests and how much they may read back. By default only public
 * unicast addresses: loopback, private, link-local (cloud metadata), unique-local, CGNAT and the
 * other special ranges are refused, so a workflow cannot reach the machine's own services.
 */
export interface OutboundHttpPolicy {
  /** Host names (exact, or `*.example.com`) and CIDRs (`10.0.0.0/8`, `::1/128`) opened anyway. */
  allowHosts: readonly string[];
  /** Largest response body read (bytes). */
  maxResponseBytes: number;
  /** Applies when the caller sets no shorter timeout of its own. */
  timeoutMs: number;
  maxRedirects: number;
}

export const DEFAULT_OUTBOUND_HTTP_POLICY: Readonly<OutboundHttpPolicy> = Object.freeze({
  allowHosts: [],
  maxResponseBytes: 10 * 1024 * 1024,
  timeoutMs: 30_000,
  maxRedirects: 5,
});

/** Splits and checks an allow list such as `BATON_HTTP_ALLOW_HOSTS`; throws naming the bad entry. */
export function parseAllowHosts(raw: string): string[] {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  for (const entry of entries) {
    if (entry.includes('/')) {
      try {
        ipaddr.parseCIDR(entry);
      } catch {
        throw new InvalidInputError(`"${entry}" is not a valid CIDR`, 'INVALID_ALLOW_LIST');
      }
    } else if (!ipaddr.isValid(entry) && !/^(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(entry)) {
      throw new InvalidInputError(`"${entry}" is neither a host name, an IP address nor a CIDR`, 'INVALID_ALLOW_LIST');
    }
  }
  return entries;
}

/** Decides per host name and per resolved address; built once per policy. */
export class DestinationRules {
  private readonly names: string[] = [];
  private readonly suffixes: string[] = [];
  private readonly ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];

  constructor(allowHosts: readonly string[]) {
    for (const entry of allowHosts.map((e) => e.toLowerCase())) {
      if (entry.includes('/')) this.ranges.push(ipaddr.parseCIDR(entry));
      else if (ipaddr.isValid(entry)) {
        const address = ipaddr.process(entry);
        this.ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      } else if (entry.startsWith('*.')) this.suffixes.push(entry.slice(1));
      else this.names.push(entry);
    }
  }

  /** Whether the operator opened this host name whatever it resolves to. */
  allowsName(hostname: string): boolean {
    const name = hostname.toLowerCase().replace(/\.$/, '');
    return this.names.includes(name) || this.suffixes.some((suffix) => name.endsWith(suffix));
  }

  /** Whether a connection to this address may be made: public unicast, or inside an allowed range. */
  allowsAddress(address: string): boolean {
    if (!ipaddr.isValid(address)) return false;
    // process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) back into the IPv4 it stands for.
    const parsed = ipaddr.process(address);
    if (this.ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits))) return true;
    return parsed.range() === 'unicast';
  }
}
