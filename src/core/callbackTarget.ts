// Where a callback may connect. Two rules, checked before any connection is made:
// - never the simulator's own admin routes (`/_sim…` on one of its listen addresses, however the
//   host and path are spelt), so an API user cannot reset it or read its answers through a callback;
// - with an allow list (`--callback-allow`), only hosts named in it or addresses inside its ranges.
// A name is resolved once here; the connection then goes to the address that was checked (see
// `pinnedDispatcher`), so a DNS answer that changes between check and connect changes nothing.
import { lookup } from 'node:dns/promises';
import { networkInterfaces } from 'node:os';
import ipaddr from 'ipaddr.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** An address and port the simulator listens on. */
export interface ListenEndpoint {
  address: string;
  port: number;
}

export interface AllowList {
  ranges: [IpAddress, number][];
  /** Lower-case host names without a trailing dot; `*.example.com` entries are kept as `.example.com`. */
  names: string[];
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type TargetDecision =
  | { ok: true; /** The checked addresses to connect to, in order; undefined for an IP literal (nothing to resolve). */ addresses?: ResolvedAddress[] }
  | { ok: false; reason: string };

export interface CallbackTargetPolicy {
  check(url: URL): Promise<TargetDecision>;
}

const HOST_NAME = /^(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

/** Parses `10.0.0.0/8, 127.0.0.1, ::1, receiver.internal, *.corp.example`; throws naming the bad entry. */
export function parseAllowList(text: string): AllowList {
  const list: AllowList = { ranges: [], names: [] };
  for (const raw of text.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase().replace(/\.$/, '');
    if (!entry) continue;
    if (entry.includes('/')) {
      try {
        const [addr, bits] = ipaddr.parseCIDR(entry);
        const range = normalize(addr);
        // `::ffff:10.0.0.0/104` is `10.0.0.0/8`: a mapped range is matched as the IPv4 one it carries.
        list.ranges.push([range, range.kind() !== addr.kind() ? Math.max(0, bits - 96) : bits]);
      } catch {
        throw new Error(`"${raw}" is not a CIDR range`);
      }
    } else if (ipaddr.isValid(entry.replace(/^\[|\]$/g, ''))) {
      const addr = normalize(ipaddr.parse(entry.replace(/^\[|\]$/g, '')));
      list.ranges.push([addr, addr.kind() === 'ipv4' ? 32 : 128]);
    } else if (HOST_NAME.test(entry)) {
      list.names.push(entry.startsWith('*.') ? entry.slice(1) : entry);
    } else {
      throw new Error(`"${raw}" is neither a host name, an address nor a CIDR range`);
    }
  }
  return list;
}

/** IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is the IPv4 address it carries. */
function normalize(addr: IpAddress): IpAddress {
  return addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr;
}

const inRange = (addr: IpAddress, [range, bits]: [IpAddress, number]) => addr.kind() === range.kind() && addr.match(range, bits);

/** Addresses that reach this machine: loopback, "this host" (0.0.0.0, ::) and every interface's own. */
function isLocal(addr: IpAddress): boolean {
  const range = addr.range();
  if (range === 'loopback' || range === 'unspecified') return true;
  const text = addr.toNormalizedString();
  for (const list of Object.values(networkInterfaces())) {
    for (const i of list ?? []) {
      if (ipaddr.isValid(i.address) && normalize(ipaddr.parse(i.address)).toNormalizedString() === text) return true;
    }
  }
  return false;
}

/**
 * Is this path one of the admin routes? The router matches case-insensitively, decodes
 * percent-escapes and may fold repeated slashes, so the path is compared the same way.
 */
export function isAdminPath(pathname: string): boolean {
  let path = pathname;
  // Decoded until stable: `%255F` is `%5F` after one round, `_` after two.
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(path);
    } catch {
      next = path.replace(/%5f/gi, '_').replace(/%2f/gi, '/');
    }
    if (next === path) break;
    path = next;
  }
  path = path.replace(/\\/g, '/').replace(/\/{2,}/g, '/').toLowerCase();
  return path === '/_sim' || path.startsWith('/_sim/') || path.startsWith('/_sim;') || path.startsWith('/_sim?') || path.startsWith('/_sim.');
}

const defaultPort = (url: URL) => (url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);

export interface PolicyOptions {
  allow?: AllowList;
  /** The simulator's own listen addresses, known once it listens. */
  listening: () => ListenEndpoint[];
  /** Name resolution (tests replace it); every address of the name. */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

export function createCallbackTargetPolicy(options: PolicyOptions): CallbackTargetPolicy {
  const resolve = options.resolve ?? ((host: string) => lookup(host, { all: true, verbatim: true }));
  const { allow } = options;

  const isSelf = (addr: IpAddress, port: number) => {
    // Any local address on a port the simulator listens on counts, whichever address it listens on:
    // a wildcard listener answers on all of them, 0.0.0.0 reaches a loopback one, and refusing an
    // admin path on a neighbour that shares the port on another local address costs nothing.
    return isLocal(addr) && options.listening().some((l) => l.port === port);
  };

  return {
    async check(url) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `refused: only http and https callbacks are sent, not ${url.protocol}` };
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const name = host.toLowerCase().replace(/\.$/, '');
      let candidates: { addr: IpAddress; family: 4 | 6 }[];
      const literal = ipaddr.isValid(host) && (host.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(host));
      if (literal) {
        const addr = normalize(ipaddr.parse(host));
        candidates = [{ addr, family: addr.kind() === 'ipv4' ? 4 : 6 }];
      } else {
        let found: { address: string; family: number }[];
        try {
          found = await resolve(name);
        } catch (err) {
          return { ok: false, reason: `refused: host ${name} does not resolve (${(err as { code?: string }).code ?? (err as Error).message})` };
        }
        candidates = found.filter((f) => ipaddr.isValid(f.address)).map((f) => {
          const addr = normalize(ipaddr.parse(f.address));
          return { addr, family: addr.kind() === 'ipv4' ? (4 as const) : (6 as const) };
        });
        if (candidates.length === 0) return { ok: false, reason: `refused: host ${name} has no address` };
      }
      const port = defaultPort(url);
      if (isAdminPath(url.pathname) && candidates.some((c) => isSelf(c.addr, port))) {
        return { ok: false, reason: `refused: ${url.host}${url.pathname} is the simulator's own admin API` };
      }
      if (allow) {
        const named = !literal && allow.names.some((n) => (n.startsWith('.') ? name.endsWith(n) : name === n));
        if (!named) candidates = candidates.filter((c) => allow.ranges.some((r) => inRange(c.addr, r)));
        if (candidates.length === 0) return { ok: false, reason: `refused: ${name} is not in the callback allow list (--callback-allow)` };
      }
      if (literal) return { ok: true };
      return { ok: true, addresses: candidates.map((c) => ({ address: c.addr.toString(), family: c.family })) };
    },
  };
}
