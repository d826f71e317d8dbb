// A journalled request as a curl command line, to replay it from a terminal. Masked credentials stay
// masked (`***`): the reader puts their own in.
import type { JournalEntry } from './types.js';

/** Headers curl sets itself, or that describe the connection rather than the request. */
const SKIP = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'transfer-encoding', 'user-agent']);

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function bodyText(body: unknown, contentType: string): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (/x-www-form-urlencoded/i.test(contentType) && typeof body === 'object' && !Array.isArray(body)) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
    return params.toString();
  }
  return JSON.stringify(body);
}

export function curlOf(e: JournalEntry, origin: string): string {
  const headers = e.headers ?? {};
  const lines = [`curl -X ${e.method} ${quote(origin + e.url)}`];
  for (const [name, value] of Object.entries(headers)) if (!SKIP.has(name.toLowerCase())) lines.push(`-H ${quote(`${name}: ${value}`)}`);
  const body = bodyText(e.body, headers['content-type'] ?? '');
  if (body !== undefined) lines.push(`--data-raw ${quote(body)}`);
  return lines.join(' \\\n  ');
}
