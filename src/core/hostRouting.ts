// Routes requests addressed to a real provider's host name onto that provider's prefix, so a
// client whose base URL cannot change works once the host name points at the simulator.
import type { IncomingMessage } from 'node:http';
import type { ProviderDefinition } from './context.js';

interface Mount {
  path: string;
  prefix: string;
}

export function createHostRewriter(providers: readonly ProviderDefinition[]) {
  const byHost = new Map<string, Mount[]>();
  for (const p of providers) {
    for (const h of p.hosts) {
      const host = h.host.toLowerCase();
      const list = byHost.get(host) ?? [];
      list.push({ path: (h.path ?? '/').toLowerCase(), prefix: p.prefix });
      // Most specific path first: `/api/voice-password/` wins over `/api/` on the same host.
      list.sort((a, b) => b.path.length - a.path.length);
      byHost.set(host, list);
    }
  }
  return (req: IncomingMessage): string => {
    const url = escapeBadPercent(req.url ?? '/');
    const header = req.headers.host;
    if (!header || byHost.size === 0) return url;
    const colon = header.lastIndexOf(':');
    const host = (colon > 0 && !header.endsWith(']') ? header.slice(0, colon) : header).toLowerCase();
    const mounts = byHost.get(host);
    // The admin API keeps its own paths on any host, however `/_sim` is spelled. (Not a security
    // check: the admin guard sits on the routes the router matches, whatever the URL was.)
    if (!mounts || isAdminSpelling(url)) return url;
    const lower = url.toLowerCase();
    const mount = mounts.find((m) => lower.startsWith(m.path));
    return mount ? mount.prefix + url : url;
  };
}

const isAdminSpelling = (url: string) => {
  const head = url.slice(0, 16).toLowerCase().replaceAll('%5f', '_');
  return head === '/_sim' || head.startsWith('/_sim/') || head.startsWith('/_sim?');
};

/**
 * A path whose percent-encoding does not decode (`/media/%E0%A4%A`) would be refused by the router
 * in Fastify's own envelope, before any provider could answer; with its `%` signs escaped it
 * reaches the provider's routes as the literal text and gets the provider's own error.
 */
export function escapeBadPercent(url: string): string {
  if (!url.includes('%')) return url;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  try {
    decodeURIComponent(path);
    return url;
  } catch {
    return path.replaceAll('%', '%25') + (q < 0 ? '' : url.slice(q));
  }
}
