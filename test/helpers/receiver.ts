// A local HTTP receiver for callbacks: answers 200 to everything (or, with `hang`, never answers)
// and keeps what it got.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Json } from './server.js';

export interface Hit {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  /** The body as JSON when it parses, else its text; undefined when empty. */
  body: Json;
}

export interface Receiver {
  url: string;
  hits: Hit[];
  /** Waits until `count` hits (on `path`, if given) have arrived; throws after `timeoutMs` real time. */
  waitFor(count: number, options?: { path?: string; timeoutMs?: number }): Promise<Hit[]>;
  close(): Promise<void>;
}

function parseBody(text: string): Json {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface ReceiverOptions {
  /** Reads each request and never answers it (the sender's time-out ends the exchange). */
  hang?: boolean;
}

export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  const hits: Hit[] = [];
  let waiters: (() => void)[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      hits.push({
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization,
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
