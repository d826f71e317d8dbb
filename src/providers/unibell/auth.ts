// Who is calling: the access key of an app, from `X-Authorization: AccessKey <t>` (or Bearer, or
// bare), `Authorization: Basic <t>`, or the `X-Authorization` query parameter. Real clients put
// the raw key after `Basic`; some base64-encode `key:` as Basic auth proper, so both are read.
import type { FastifyRequest } from 'fastify';
import type { AppFixture, Catalog } from './catalog.js';
import { UnibellError } from './errors.js';

const SCHEME = /^\s*(?:(accesskey|bearer|basic)\s+)?(\S+)\s*$/i;

function keysIn(value: string | undefined): string[] {
  if (!value) return [];
  const m = SCHEME.exec(value);
  if (!m) return [];
  const token = m[2];
  const out = [token];
  if (m[1]?.toLowerCase() === 'basic' && /^[A-Za-z0-9+/]+=*$/.test(token)) {
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) out.push(decoded.slice(0, colon), decoded.slice(colon + 1));
  }
  return out;
}

function queryKey(query: unknown): string | undefined {
  if (!query || typeof query !== 'object') return undefined;
  for (const [k, v] of Object.entries(query)) {
    if (k.toLowerCase() !== 'x-authorization') continue;
    const last: unknown = Array.isArray(v) ? v[v.length - 1] : v;
    return typeof last === 'string' ? last : undefined;
  }
  return undefined;
}

const header = (request: FastifyRequest, name: string) => {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** The app the request authenticates as; sets `request.simAccount`, or throws invalidAccessKeyError. */
export function authenticate(request: FastifyRequest, catalog: Catalog): AppFixture {
  const candidates = [header(request, 'x-authorization'), header(request, 'authorization'), queryKey(request.query)];
  let sawKey = false;
  for (const value of candidates) {
    for (const key of keysIn(value)) {
      sawKey = true;
      const app = catalog.apps.get(key);
      if (app) {
        request.simAccount = app.account;
        return app;
      }
    }
  }
  throw new UnibellError('invalidAccessKeyError', sawKey ? 'Unknown AccessKey' : 'AccessKey is required (X-Authorization: AccessKey <token>)');
}
