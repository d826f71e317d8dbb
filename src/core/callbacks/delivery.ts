// One attempt of a delivery over HTTP: the target policy's check, the request on a connection
// pinned to the checked address, a real time-out, and the receiver's answer read up to a cap.
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import type { CallbackTargetPolicy, ResolvedAddress } from '../callbackTarget.js';
import { RESPONSE_BODY_KEPT, type CallbackAttempt, type CallbackDelivery, type Prepared } from './types.js';

// undici is a tenth of start-up time; most runs send no callback, so it loads at the first one.
let loadedUndici: typeof import('undici') | undefined;
const undici = async () => (loadedUndici ??= await import('undici'));

/** Connection pools pinned to a checked address, one per address, the oldest closed past this many. */
const PINNED_POOLS = 32;

/**
 * A receiver's answer up to `max` characters; the rest is never read, so a receiver that streams
 * without end costs one small buffer, not memory until the time-out.
 */
async function readCapped(body: AsyncIterable<Buffer | string>, max: number): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of body) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    // Leaving the loop early destroys the stream (and the connection with it).
    if (text.length > max) return `${text.slice(0, max)}…`;
  }
  return text + decoder.decode();
}

export interface AttemptResult {
  record: CallbackAttempt;
  /** The target policy refused the destination: no retry. */
  refused: boolean;
}

export interface Sender {
  /** One attempt (number `attempt`, started at simulated time `at`); never rejects, a failure is in the record. */
  attempt(d: CallbackDelivery, p: Prepared, attempt: number, at: number): Promise<AttemptResult>;
  close(): Promise<void>;
}

export function createSender(options: { timeoutMs: number; target?: CallbackTargetPolicy }): Sender {
  const { timeoutMs } = options;
  /** Agents whose connections go to the checked addresses, whatever the name resolves to later. */
  const pinned = new Map<string, Dispatcher>();
  const pinnedTo = async (addresses: ResolvedAddress[]): Promise<Dispatcher> => {
    const key = addresses.map((a) => a.address).join(',');
    let agent = pinned.get(key);
    if (agent) return agent;
    const { Agent } = await undici();
    agent = new Agent({
      connect: {
        // Node asks for every address when it may try both families; the answer is what was checked.
        lookup: (_host, opts, done) => {
          if ((opts as { all?: boolean }).all) (done as unknown as (err: null, all: ResolvedAddress[]) => void)(null, addresses);
          else done(null, addresses[0].address, addresses[0].family);
        },
      },
    });
    pinned.set(key, agent);
    for (const [key, old] of pinned) {
      if (pinned.size <= PINNED_POOLS) break;
      pinned.delete(key);
      void old.close();
    }
    return agent;
  };

  return {
    async attempt(d, p, number, at) {
      const started = performance.now();
      const record: CallbackAttempt = { attempt: number, at, latencyMs: 0 };
      let refused = false;
      try {
        const decision = options.target ? await options.target.check(p.url) : { ok: true as const };
        if (!decision.ok) {
          refused = true;
          record.error = decision.reason;
        } else {
          const { request } = await undici();
          // Redirects are not followed (undici's request never does): a 3xx is the receiver's answer.
          const res = await request(p.url, {
            method: d.method,
            headers: p.headers,
            body: p.body,
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
            signal: AbortSignal.timeout(timeoutMs),
            dispatcher: decision.addresses ? await pinnedTo(decision.addresses) : undefined,
          });
          record.status = res.statusCode;
          record.responseBody = await readCapped(res.body, RESPONSE_BODY_KEPT);
          if (res.statusCode < 200 || res.statusCode >= 300) record.error = `HTTP ${res.statusCode}`;
        }
      } catch (err) {
        const e = err as Error & { code?: string };
        record.error = e.name === 'TimeoutError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' ? `timeout after ${timeoutMs} ms` : e.code ? `${e.code}: ${e.message}` : e.message;
      }
      record.latencyMs = Math.round((performance.now() - started) * 10) / 10;
      return { record, refused };
    },
    async close() {
      await Promise.all([...pinned.values()].map((a) => a.close()));
      pinned.clear();
    },
  };
}
