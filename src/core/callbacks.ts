// Outbound callbacks (webhooks) of every provider: a bounded queue that never blocks request
// handling, retries with backoff on errors, time-outs and non-2xx answers, a bounded number of
// requests in flight, and a bounded log of every attempt.
// When a delivery is due and when it is retried follows the simulator clock (so moving the clock
// fires callbacks in order); the HTTP exchange itself is real I/O with a real time-out.
// Scenario rules can change how a callback is delivered: later, not at all, twice, or out of order.
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import type { CallbackTargetPolicy, ResolvedAddress } from './callbackTarget.js';
import type { SimClock, TimerHandle } from './clock.js';
import type { EventBus } from './events.js';

// undici is a tenth of start-up time; most runs send no callback, so it loads at the first one.
let loadedUndici: typeof import('undici') | undefined;
const undici = async () => (loadedUndici ??= await import('undici'));

export interface CallbackRequest {
  provider: string;
  url: string;
  method: 'GET' | 'POST';
  /** Added to the URL's query string (Unibell's GET callbacks). */
  query?: Record<string, string | number | undefined>;
  /** JSON-serialisable body for POST. */
  json?: unknown;
  headers?: Record<string, string>;
  /** What the callback is about, for the log: a message or call id. */
  subject?: string;
  /** The provider account the callback belongs to (scenario rules may match on it). */
  account?: string;
  /** Simulated milliseconds before the first attempt. */
  delayMs?: number;
  /**
   * The provider's own retry timing: simulated milliseconds before the next attempt after a failed one
   * (`attempt` is its number, from 1), or undefined for no more. Default: the dispatcher's backoff.
   */
  retryDelayMs?: (failed: CallbackAttempt) => number | undefined;
}

type Prepared = { url: URL; headers: Record<string, string>; body?: string; retryDelayMs?: CallbackRequest['retryDelayMs'] };

/** What a scenario does to one callback. */
export interface CallbackEffect {
  /** Simulated milliseconds added before the first attempt. */
  delayMs?: number;
  /** Set: the callback is not sent, and this is why. */
  drop?: string;
  /** Extra copies sent after the original. */
  duplicate?: number;
  /** Held with others of the same key until `count` wait or `windowMs` passes, then sent newest first, one after another. */
  reorder?: { windowMs: number; count: number; key: string };
  /** The scenario rule, for the log. */
  rule?: string;
}

export interface CallbackAttempt {
  attempt: number;
  at: number;
  status?: number;
  latencyMs: number;
  error?: string;
  responseBody?: string;
}

export type DeliveryState = 'scheduled' | 'queued' | 'in-flight' | 'retrying' | 'delivered' | 'failed' | 'dropped';

export interface CallbackDelivery {
  id: string;
  provider: string;
  subject?: string;
  method: 'GET' | 'POST';
  url: string;
  body?: string;
  createdAt: number;
  state: DeliveryState;
  attempts: CallbackAttempt[];
  nextAttemptAt?: number;
  dropReason?: string;
  /** The scenario rule that changed this delivery. */
  rule?: string;
}

export interface CallbackOptions {
  clock: SimClock;
  events: EventBus;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Deliveries waiting or in flight; past it new ones are dropped (and logged as dropped). */
  maxPending?: number;
  /** Finished deliveries kept in the log (pending ones are always kept), oldest forgotten first. */
  logSize?: number;
  /** Real milliseconds before an attempt counts as a time-out. */
  timeoutMs?: number;
  /** Simulated milliseconds before each retry; its length is the number of retries. */
  backoffMs?: number[];
  nextId: () => string;
  logger?: { warn(obj: object, msg: string): void };
  /** Asked for every new callback (not for a redelivery): the scenario engine's effects. */
  effects?: (req: CallbackRequest) => CallbackEffect | undefined;
  /** Where a callback may connect; asked before every attempt. Without it every destination is tried. */
  target?: CallbackTargetPolicy;
  /** Sees every new callback as it is asked for (response validation checks it against its document). */
  inspect?: (req: CallbackRequest) => void;
}

export interface CallbackDispatcher {
  send(req: CallbackRequest): CallbackDelivery;
  list(filter?: { provider?: string; subject?: string; state?: DeliveryState }): CallbackDelivery[];
  get(id: string): CallbackDelivery | undefined;
  /** Sends a logged delivery again as a new delivery. */
  redeliver(id: string): CallbackDelivery | undefined;
  stats(): CallbackStats;
  /** Resolves when nothing is queued or in flight (scheduled future deliveries excepted). */
  idle(): Promise<void>;
  /** Whether an attempt is queued or in flight now (what `idle` waits for). */
  busy(): boolean;
  clear(): void;
  close(): Promise<void>;
}

export interface CallbackStats {
  pending: number;
  inFlight: number;
  dropped: number;
  delivered: number;
  failed: number;
  /** The bounds the dispatcher holds to, whatever the receivers do. */
  limits: { concurrency: number; maxPending: number; logSize: number; timeoutMs: number; retries: number };
  /** The latest delivery refused for lack of room (it may already be gone from the log). */
  lastDropped?: { id: string; provider: string; url: string; subject?: string; at: number; reason: string };
}

export const DEFAULT_BACKOFF_MS = [1_000, 5_000, 30_000, 120_000, 600_000];

/** Characters of a receiver's answer kept in the log. */
export const RESPONSE_BODY_KEPT = 1024;

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

export function createCallbackDispatcher(options: CallbackOptions): CallbackDispatcher {
  const { clock, events } = options;
  const concurrency = options.concurrency ?? 8;
  const maxPending = options.maxPending ?? 10_000;
  const logSize = options.logSize ?? 1_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;

  const log = new Map<string, CallbackDelivery>();
  const prepared = new Map<string, Prepared>();
  const timers = new Map<string, TimerHandle>();
  const ready: string[] = [];
  /** Reordered deliveries waiting for their group to fill. */
  const groups = new Map<string, { ids: string[]; timer: TimerHandle }>();
  /** Reordered deliveries go one after another: the next is queued once the previous attempt ends. */
  const chainNext = new Map<string, string>();
  let inFlight = 0;
  let pending = 0;
  let dropped = 0;
  let delivered = 0;
  let failed = 0;
  let closed = false;
  let idleWaiters: (() => void)[] = [];
  /**
   * Bumped by clear() (a reset): an attempt that was in flight then finishes into a log and
   * counters that no longer hold its delivery, so it leaves them alone.
   */
  let generation = 0;
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

  /** Finished deliveries (delivered, failed, dropped), oldest first: the log forgets from here without scanning the pending ones. */
  const finishedOrder = new Set<string>();
  let lastDropped: CallbackStats['lastDropped'];

  // Pending deliveries are never forgotten, finished ones past logSize are: the log holds at most
  // maxPending + logSize, and what was dropped stays visible however full the queue is.
  const trimLog = () => {
    for (const id of finishedOrder) {
      if (finishedOrder.size <= logSize) break;
      finishedOrder.delete(id);
      log.delete(id);
      prepared.delete(id);
    }
  };

  const settleIdle = () => {
    if (ready.length === 0 && inFlight === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  };

  const finish = (d: CallbackDelivery, state: 'delivered' | 'failed') => {
    d.state = state;
    d.nextAttemptAt = undefined;
    pending--;
    if (state === 'delivered') delivered++;
    else failed++;
    finishedOrder.add(d.id);
    trimLog();
  };

  const pump = () => {
    while (!closed && inFlight < concurrency && ready.length > 0) {
      const id = ready.shift() as string;
      const d = log.get(id);
      const p = prepared.get(id);
      if (!d || !p) continue;
      inFlight++;
      d.state = 'in-flight';
      void attempt(d, p).finally(() => {
        inFlight--;
        pump();
        settleIdle();
      });
    }
    settleIdle();
  };

  const enqueue = (d: CallbackDelivery) => {
    timers.delete(d.id);
    d.state = 'queued';
    ready.push(d.id);
    pump();
  };

  async function attempt(d: CallbackDelivery, p: Prepared) {
    const number = d.attempts.length + 1;
    const at = clock.now();
    const started = performance.now();
    const record: CallbackAttempt = { attempt: number, at, latencyMs: 0 };
    const born = generation;
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
    // Reset while in flight: the delivery belongs to a generation that is gone.
    if (born !== generation) return;
    d.attempts.push(record);
    const next = chainNext.get(d.id);
    if (next !== undefined) {
      chainNext.delete(d.id);
      const nd = log.get(next);
      if (nd && nd.state === 'scheduled') enqueue(nd);
    }
    events.emit('callback.attempt', { deliveryId: d.id, provider: d.provider, url: d.url, attempt: number, status: record.status, error: record.error, at });
    if (!record.error) return finish(d, 'delivered');
    if (refused) {
      options.logger?.warn({ delivery: d.id, url: d.url, error: record.error }, 'callback refused');
      return finish(d, 'failed');
    }
    const retryIn = p.retryDelayMs ? p.retryDelayMs(record) : backoff[number - 1];
    if (closed || retryIn === undefined) {
      options.logger?.warn({ delivery: d.id, url: d.url, attempts: number, error: record.error }, 'callback delivery failed');
      return finish(d, 'failed');
    }
    d.state = 'retrying';
    d.nextAttemptAt = clock.now() + retryIn;
    timers.set(d.id, clock.at(d.nextAttemptAt, () => enqueue(d)));
  }

  const release = (key: string) => {
    const group = groups.get(key);
    if (!group) return;
    groups.delete(key);
    clock.cancel(group.timer);
    const ids = group.ids.filter((id) => log.get(id)?.state === 'scheduled').reverse();
    for (let i = 0; i + 1 < ids.length; i++) chainNext.set(ids[i], ids[i + 1]);
    const head = ids.length > 0 ? log.get(ids[0]) : undefined;
    if (head) enqueue(head);
  };

  const hold = (d: CallbackDelivery, reorder: NonNullable<CallbackEffect['reorder']>) => {
    let group = groups.get(reorder.key);
    if (!group) {
      group = { ids: [], timer: clock.at(clock.now() + reorder.windowMs, () => release(reorder.key)) };
      groups.set(reorder.key, group);
    }
    group.ids.push(d.id);
    d.nextAttemptAt = group.timer.at;
    if (group.ids.length >= reorder.count) release(reorder.key);
  };

  function deliver(req: CallbackRequest, effect: CallbackEffect | undefined): CallbackDelivery {
    const url = new URL(req.url);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.append(k, String(v));
    const headers: Record<string, string> = { 'user-agent': `provider-sim (${req.provider})`, ...req.headers };
    // Credentials in the URL become Basic auth, as real senders do; the request line carries none.
    if (url.username || url.password) {
      const creds = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
      headers.authorization = `Basic ${Buffer.from(creds).toString('base64')}`;
      url.username = '';
      url.password = '';
    }
    let body: string | undefined;
    if (req.method === 'POST' && req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] ??= 'application/json';
    }
    const now = clock.now();
    const d: CallbackDelivery = {
      id: options.nextId(),
      provider: req.provider,
      subject: req.subject,
      method: req.method,
      url: url.toString(),
      body,
      createdAt: now,
      state: 'scheduled',
      attempts: [],
      rule: effect?.rule,
    };
    log.set(d.id, d);
    prepared.set(d.id, { url, headers, body, retryDelayMs: req.retryDelayMs });
    const dropReason = effect?.drop ?? (pending >= maxPending ? `queue full (${maxPending} deliveries pending)` : undefined);
    if (dropReason) {
      d.state = 'dropped';
      d.dropReason = dropReason;
      dropped++;
      finishedOrder.add(d.id);
      if (!effect?.drop) {
        lastDropped = { id: d.id, provider: d.provider, url: d.url, subject: d.subject, at: now, reason: dropReason };
        options.logger?.warn({ delivery: d.id, url: d.url }, `callback dropped: ${d.dropReason}`);
      }
      trimLog();
      return d;
    }
    pending++;
    const delay = (req.delayMs ?? 0) + (effect?.delayMs ?? 0);
    if (effect?.reorder) {
      hold(d, effect.reorder);
    } else if (delay > 0) {
      d.nextAttemptAt = now + delay;
      timers.set(d.id, clock.at(d.nextAttemptAt, () => enqueue(d)));
    } else {
      enqueue(d);
    }
    trimLog();
    return d;
  }

  const dispatcher: CallbackDispatcher = {
    send(req) {
      options.inspect?.(req);
      const effect = options.effects?.(req);
      const d = deliver(req, effect);
      for (let i = 0; i < (effect?.duplicate ?? 0); i++) deliver(req, { ...effect, duplicate: undefined });
      return d;
    },
    list(filter = {}) {
      const out: CallbackDelivery[] = [];
      for (const d of log.values()) {
        if (filter.provider && d.provider !== filter.provider) continue;
        if (filter.subject && d.subject !== filter.subject) continue;
        if (filter.state && d.state !== filter.state) continue;
        out.push(d);
      }
      return out;
    },
    get: (id) => log.get(id),
    redeliver(id) {
      const d = log.get(id);
      if (!d) return undefined;
      const p = prepared.get(id);
      // An explicit redelivery is sent as asked: scenario effects do not apply.
      return deliver(
        {
          provider: d.provider,
          subject: d.subject,
          method: d.method,
          url: p ? p.url.toString() : d.url,
          headers: p ? { ...p.headers } : undefined,
          json: d.body === undefined ? undefined : JSON.parse(d.body),
        },
        undefined,
      );
    },
    stats: () => ({ pending, inFlight, dropped, delivered, failed, limits: { concurrency, maxPending, logSize, timeoutMs, retries: backoff.length }, lastDropped }),
    busy: () => ready.length > 0 || inFlight > 0,
    idle() {
      if (ready.length === 0 && inFlight === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    clear() {
      for (const t of timers.values()) clock.cancel(t);
      timers.clear();
      for (const g of groups.values()) clock.cancel(g.timer);
      groups.clear();
      chainNext.clear();
      ready.length = 0;
      prepared.clear();
      log.clear();
      finishedOrder.clear();
      lastDropped = undefined;
      // Attempts still in flight finish into the old generation and touch nothing here.
      generation++;
      pending = 0;
      dropped = 0;
      delivered = 0;
      failed = 0;
    },
    async close() {
      closed = true;
      for (const t of timers.values()) clock.cancel(t);
      timers.clear();
      for (const g of groups.values()) clock.cancel(g.timer);
      groups.clear();
      ready.length = 0;
      await dispatcher.idle();
      await Promise.all([...pinned.values()].map((a) => a.close()));
      pinned.clear();
    },
  };
  return dispatcher;
}
