// A local HTTP receiver for the callbacks the simulator sends during a run: answers 200 to
// everything and keeps each request as it came (raw body and headers, for the adapter's parser).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  method: string;
  path: string;
  /** Path and query string as received. */
  url: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  authorization?: string;
  /** The raw body. */
  text: string;
  /** The body as JSON when it parses, else its text; undefined when empty. */
  body: unknown;
}

export interface Receiver {
  url: string;
  hits: Hit[];
  /** Waits until `count` hits (on `path`, if given) have arrived; throws after `timeoutMs` real time. */
  waitFor(count: number, options?: { path?: string; timeoutMs?: number }): Promise<Hit[]>;
  close(): Promise<void>;
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface ReceiverOptions {
  /** Reads each request and never answers it (the sender's time-out ends the exchange): for tests of time-outs. */
  hang?: boolean;
}

export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  const hits: Hit[] = [];
  let waiters: (() => void)[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const headers: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      hits.push({
        method: req.method ?? '',
        path: url.pathname,
        url: req.url ?? '/',
        query: Object.fromEntries(url.searchParams),
        headers,
        authorization: req.headers.authorization,
        text,
        body: parseBody(text),
      });
      if (!options.hang) res.end('OK');
      const woken = waiters;
      waiters = [];
      for (const wake of woken) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    async waitFor(count, { path, timeoutMs = 5000 } = {}) {
      const matching = () => (path === undefined ? hits : hits.filter((h) => h.path === path));
      const deadline = performance.now() + timeoutMs;
      while (matching().length < count) {
        if (performance.now() > deadline) throw new Error(`expected ${count} callbacks${path ? ` on ${path}` : ''}, got ${matching().length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return matching();
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A received callback as the adapter's parser gets it, with the fields it must read back (the JSON body's, or the query's). */
export function callbackRequest(hit: Hit) {
  const body = typeof hit.body === 'object' && hit.body !== null && !Array.isArray(hit.body) ? (hit.body as Record<string, unknown>) : undefined;
  const fields = Object.fromEntries(Object.entries(body ?? hit.query).map(([k, v]) => [k, String(v)]));
  return { method: hit.method, url: hit.url, headers: hit.headers, body: hit.text, fields };
}
