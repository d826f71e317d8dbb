// Starts a simulator listening on a free loopback port, as integration tests need it.
import { buildSimulator, type Simulator } from '../../src/app.js';
import type { ConfigInput } from '../../src/core/config.js';

export interface TestServer {
  sim: Simulator;
  url: string;
  /** fetch against the simulator: `call('/devino/rest/User/Balance?...')`. */
  call(path: string, init?: RequestInit): Promise<Response>;
  /** Moves the simulator clock through the admin API, as a client test would. */
  advance(by: string | number): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(config: ConfigInput = {}): Promise<TestServer> {
  // Every answer is checked against its OpenAPI document; test/helpers/validation.ts fails the test that caused a mismatch.
  const sim = await buildSimulator({ logLevel: 'silent', clock: 'manual', port: 0, validateResponses: true, ...config });
  const address = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  const call = (path: string, init?: RequestInit) => fetch(address + path, init);
  return {
    sim,
    url: address,
    call,
    async advance(by) {
      const res = await call('/_sim/clock/advance', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(typeof by === 'number' ? { ms: by } : { by }),
      });
      if (res.status !== 200) throw new Error(`clock advance failed: ${res.status} ${await res.text()}`);
    },
    close: () => sim.close(),
  };
}

/** Form-encodes a body the way PHP and .NET clients do. */
export function form(params: Record<string, string | number | (string | number)[]>): RequestInit {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, String(item));
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() };
}

export function json(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** JSON off the wire is untyped until a test asserts its shape: the one deliberate `any`, at the test boundary. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function readJson(res: Response): Promise<Json> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`expected JSON, got ${res.status}: ${text.slice(0, 200)}`);
  }
}
