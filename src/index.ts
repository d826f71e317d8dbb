// The package's main entry: a simulator inside a test runner's process. `startSimulator()` listens on
// a free loopback port with a manual clock, and hands back the handles a test needs: the URL to
// point clients at, the clock, the records of every provider, a wait on the event bus, scenarios.
import type { z } from 'zod';
import type { RecordView, TrafficReport } from './admin/schemas.js';
import { buildSimulator, type Simulator } from './app.js';
import { advanceProblem, clockModeProblem, clockTimeProblem, parseClockMode, parseDuration } from './core/clock.js';
import { advanceSettled } from './core/settle.js';
import { isTruthy, type ConfigInput } from './core/config.js';
import type { CallbackDelivery } from './core/callbacks.js';
import type { EventName, SimEvents } from './core/events.js';
import type { JournalEntry, JournalQuery } from './core/journal.js';
import type { ResponseMismatch } from './openapi/responseValidation.js';
import { MAX_SCOPE_ID_LENGTH, SCENARIO_HEADER } from './scenarios/index.js';

export type { Simulator } from './app.js';
export type { ConfigInput } from './core/config.js';
export type { EventName, RecordEvent, SimEvents } from './core/events.js';
export type { CallbackDelivery } from './core/callbacks.js';
export type { JournalEntry, JournalQuery } from './core/journal.js';
export type { ResponseMismatch } from './openapi/responseValidation.js';

export interface StartOptions extends Omit<ConfigInput, 'scenario'> {
  /** Scenario name(s) active from the start. */
  scenario?: string | readonly string[];
}

/** What `traffic()` played: counts per provider and kind, and the callbacks it caused. */
export type SimTrafficReport = z.output<typeof TrafficReport>;

/** A message or call as the admin API lists it: times are ISO strings, history oldest first. */
export type SimRecord = z.output<typeof RecordView>;

export interface RecordFilter {
  provider?: string;
  /** `sms`, `voice`, `call`, `flashcall`, `incoming-sms`, `broadcast`, `campaign`… */
  kind?: string;
  account?: string;
  state?: string;
  id?: string;
  /** Newest records first; default 1000. */
  limit?: number;
}

export interface WaitOptions {
  /** Real milliseconds before the wait fails; default 5000. */
  timeout?: number;
}

export interface SimClockControl {
  now(): Date;
  /**
   * Moves time forward (`'2h'`, `'90s'`, `'1h30m'` or milliseconds), firing every timer due on the way,
   * and resolves once the callbacks that fell due have had their attempt. Resolves to the timers fired.
   */
  advance(by: string | number): Promise<number>;
  /** Jumps to a time (Date, ISO text or epoch ms); forward fires what falls due, backward fires nothing. */
  set(time: Date | string | number): Promise<number>;
  /** `manual`, `real` or `x<factor>` (e.g. `x60`). */
  mode(mode: string): void;
}

/** Scenarios for one test's requests only, with counters and seeded draws of its own (see `RunningSimulator.scope`). */
export interface ScenarioScope {
  /** The header to send: `{ 'x-sim-scenario': 'out-of-money; scope=<id>' }`. */
  headers: Record<string, string>;
  /** `fetch` with the header added; a path (`/devino/rest/Sms/Send`) is resolved against the simulator's URL. */
  fetch(input: string | URL, init?: RequestInit): Promise<Response>;
}

export interface RunningSimulator {
  /** `http://127.0.0.1:<port>`: the base URL; providers are under `/devino`, `/mobilgroup`, `/voicepassword`, `/unibell`. */
  url: string;
  clock: SimClockControl;
  /** Messages and calls of every provider (newest first), from the admin record index. */
  messages(filter?: RecordFilter): Promise<SimRecord[]>;
  /**
   * The next event of that name the predicate accepts. For `record.*` and `callback.attempt` events,
   * what already happened since start or reset counts too (each record's creation and each state
   * change it went through; each logged attempt), so waiting after the request that caused it is no race.
   */
  waitFor<K extends EventName>(event: K, predicate?: (event: SimEvents[K]) => boolean, options?: WaitOptions): Promise<SimEvents[K]>;
  /**
   * Makes exactly these scenarios active (by name, or an inline scenario document); `null` deactivates all.
   * A list is in priority order: where two scenarios' rules both match, the first listed wins.
   */
  useScenario(scenario: string | readonly string[] | Record<string, unknown> | null): void;
  /**
   * Scenarios for the requests of one test, isolated from parallel tests that use the same ones:
   * `times`, `after`, `probability` draws, outcomes and callback reordering count under `id` alone
   * (the test's name, say). Send `headers` with your client's requests, or use `fetch`. The
   * simulator keeps the counters of the 1000 most recently used scope ids.
   */
  scope(id: string, scenario: string | readonly string[]): ScenarioScope;
  /**
   * Plays generated traffic through the providers' own routes on the simulator clock (default 60
   * minutes, seed 1; at most a day): SMS, replies, broadcasts, flash calls, calls, a campaign and
   * failing callbacks. The clock ends `minutes` later. The same seed on the same state plays the same.
   */
  traffic(options?: { minutes?: number; seed?: number }): Promise<SimTrafficReport>;
  /** Requests served, newest first. */
  journal(query?: JournalQuery, limit?: number): JournalEntry[];
  /** Callback deliveries with their attempts, oldest first. */
  callbacks(filter?: { provider?: string; subject?: string }): CallbackDelivery[];
  /** Resolves when no callback is queued or in flight. */
  settled(): Promise<void>;
  /**
   * With `validateResponses` (or SIM_VALIDATE_RESPONSES=1): answers and callbacks that did not match
   * the simulator's own OpenAPI documents, oldest first. Always empty without it.
   */
  responseMismatches(): readonly ResponseMismatch[];
  /** Back to the fixtures: state, balances, timers, journal, callbacks, generator, start-up scenarios. */
  reset(): void;
  close(): Promise<void>;
  /** The Fastify app and the core services, for what the handles above do not cover. */
  simulator: Simulator;
}

const DEFAULT_TIMEOUT_MS = 5_000;

function durationMs(by: string | number): number {
  const ms = parseDuration(by);
  if (ms === undefined) throw new RangeError(`"${by}" is not a duration (e.g. 90s, 2h, 1h30m, 250ms or milliseconds)`);
  return ms;
}

function epochMs(time: Date | string | number): number {
  const ms = time instanceof Date ? time.getTime() : typeof time === 'number' ? time : Date.parse(time);
  if (!Number.isFinite(ms)) throw new RangeError(`"${String(time)}" is not a time`);
  return ms;
}

/** The events a record's history implies: its creation, then each state change. */
function recordEvents(r: SimRecord): { created: SimEvents['record.created']; changes: SimEvents['record.state'][] } {
  const base = { provider: r.provider, kind: r.kind, id: r.id, account: r.account };
  const first = r.history[0] ?? { state: r.state, at: r.createdAt };
  return {
    created: { ...base, state: first.state, at: Date.parse(r.createdAt) },
    changes: r.history.slice(1).map((h, i) => ({ ...base, state: h.state, previous: r.history[i].state, at: Date.parse(h.at) })),
  };
}

export async function startSimulator(options: StartOptions = {}): Promise<RunningSimulator> {
  const { scenario, host = '127.0.0.1', ...rest } = options;
  const simulator = await buildSimulator({
    port: 0,
    logLevel: 'silent',
    clock: 'manual',
    ...rest,
    // A test run's CI turns checking on for every simulator it starts without touching the tests.
    validateResponses: rest.validateResponses ?? isTruthy(process.env.SIM_VALIDATE_RESPONSES),
    host,
    scenario: Array.isArray(scenario) ? scenario.join(',') : (scenario as string | undefined),
  });
  const { app, ctx, scenarios } = simulator;
  const port = ctx.config.port;
  let url: string;
  try {
    await app.listen({ port, host });
    const address = app.server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  } catch (err) {
    await simulator.close();
    throw err;
  }

  const adminHeaders: Record<string, string> = ctx.config.adminToken ? { authorization: `Bearer ${ctx.config.adminToken}` } : {};
  const clockChanged = () => ctx.events.emit('clock.changed', { now: ctx.clock.now(), mode: ctx.clock.state().mode });

  const messages = async (filter: RecordFilter = {}): Promise<SimRecord[]> => {
    const { id, limit = 1000, ...rest } = filter;
    const query = new URLSearchParams({ limit: String(id ? 10_000 : limit) });
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) query.set(k, String(v));
    const res = await app.inject({ method: 'GET', url: `/_sim/records?${query}`, headers: adminHeaders });
    if (res.statusCode !== 200) throw new Error(`listing records failed: ${res.statusCode} ${res.body}`);
    const records = (res.json() as { records: SimRecord[] }).records;
    return id === undefined ? records : records.filter((r) => r.id === id).slice(0, limit);
  };

  /** Events of that name already behind us, rebuilt from the record index and the callback log. */
  const past = async <K extends EventName>(event: K): Promise<SimEvents[K][]> => {
    if (event === 'callback.attempt') {
      return ctx.callbacks.list().flatMap((d) =>
        d.attempts.map((a) => ({ deliveryId: d.id, provider: d.provider, url: d.url, attempt: a.attempt, status: a.status, error: a.error, at: a.at })),
      ) as SimEvents[K][];
    }
    if (event !== 'record.created' && event !== 'record.state') return [];
    // Oldest first, so the earliest match is the one found.
    const all = (await messages({ limit: 10_000 })).reverse().map(recordEvents);
    return (event === 'record.created' ? all.map((e) => e.created) : all.flatMap((e) => e.changes)) as SimEvents[K][];
  };

  const waitFor = <K extends EventName>(event: K, predicate: (e: SimEvents[K]) => boolean = () => true, { timeout = DEFAULT_TIMEOUT_MS }: WaitOptions = {}) =>
    new Promise<SimEvents[K]>((resolve, reject) => {
      let done = false;
      const finish = (fn: () => void) => {
        if (done) return;
        done = true;
        off();
        clearTimeout(timer);
        fn();
      };
      const off = ctx.events.on(event, (e) => {
        if (predicate(e)) finish(() => resolve(e));
      });
      const timer = setTimeout(
        () => finish(() => reject(new Error(`waitFor('${event}'): no matching event within ${timeout} ms (the simulator clock is ${ctx.clock.state().mode}; did it need an advance?)`))),
        timeout,
      );
      past(event).then(
        (events) => {
          const hit = events.find((e) => predicate(e));
          if (hit) finish(() => resolve(hit));
        },
        (err: unknown) => finish(() => reject(err)),
      );
    });

  return {
    url,
    simulator,
    clock: {
      now: () => ctx.clock.date(),
      async advance(by) {
        const ms = durationMs(by);
        const problem = advanceProblem(ctx.clock.now(), ms);
        if (problem) throw new RangeError(problem);
        const fired = await advanceSettled(ctx.clock, ctx.callbacks, ctx.clock.now() + ms);
        clockChanged();
        await ctx.callbacks.idle();
        return fired;
      },
      async set(time) {
        const to = epochMs(time);
        const problem = clockTimeProblem(to);
        if (problem) throw new RangeError(problem);
        const fired = to > ctx.clock.now() ? await advanceSettled(ctx.clock, ctx.callbacks, to) : ctx.clock.set(to);
        clockChanged();
        await ctx.callbacks.idle();
        return fired;
      },
      mode(mode) {
        const m = parseClockMode(mode);
        if (!m) throw new RangeError(`"${mode}" is not a clock mode: ${clockModeProblem(mode)}`);
        ctx.clock.setMode(m.mode, m.factor);
        clockChanged();
      },
    },
    messages,
    waitFor,
    useScenario(scenario) {
      const names =
        scenario === null
          ? []
          : typeof scenario === 'string'
            ? [scenario]
            : Array.isArray(scenario)
              ? (scenario as readonly string[])
              : [scenarios.upload(scenario).name];
      // Check every name before changing anything, so a typo leaves the active set as it was.
      const known = new Set(scenarios.list().map((s) => s.name));
      const unknown = names.filter((n) => !known.has(n));
      if (unknown.length > 0) throw new Error(`Unknown scenario ${unknown.map((n) => `"${n}"`).join(', ')} (known: ${[...known].join(', ') || 'none'})`);
      scenarios.deactivate();
      // A list is in priority order (the first wins ties, as in the header); each activation goes ahead of the last.
      for (const name of [...names].reverse()) scenarios.activate(name);
    },
    scope(id, scenario) {
      const names = typeof scenario === 'string' ? [scenario] : [...scenario];
      // The id goes in a header: encoded, so any text (a test's name in Cyrillic, a `;`) is a valid one.
      const encoded = encodeURIComponent(id);
      if (encoded.length === 0 || encoded.length > MAX_SCOPE_ID_LENGTH) {
        throw new RangeError(`A scope id must be 1 to ${MAX_SCOPE_ID_LENGTH} characters once URL-encoded (got ${encoded.length})`);
      }
      const value = `${names.length ? names.join(', ') : 'none'}; scope=${encoded}`;
      scenarios.scopeFromHeader(value); // an unknown scenario fails here, not at the first request
      const headers = { [SCENARIO_HEADER]: value };
      return {
        headers,
        fetch(input, init = {}) {
          const h = new Headers(init.headers);
          h.set(SCENARIO_HEADER, value);
          return fetch(typeof input === 'string' && input.startsWith('/') ? url + input : input, { ...init, headers: h });
        },
      };
    },
    async traffic({ minutes = 60, seed = 1 } = {}) {
      const res = await app.inject({ method: 'POST', url: '/_sim/traffic', headers: adminHeaders, payload: { minutes, seed } });
      if (res.statusCode === 400) throw new RangeError((res.json() as { error: string }).error);
      if (res.statusCode !== 200) throw new Error(`traffic failed: ${res.statusCode} ${res.body}`);
      return res.json() as SimTrafficReport;
    },
    journal: (query, limit) => ctx.journal.list(query, limit),
    callbacks: (filter) => ctx.callbacks.list(filter),
    settled: () => ctx.callbacks.idle(),
    responseMismatches: () => simulator.responseValidation?.mismatches() ?? [],
    reset: () => simulator.reset(),
    close: () => simulator.close(),
  };
}
