// A stretch of realistic sandbox traffic on the simulator clock, played through the providers' own
// routes (`app.inject`, journalled like any client's) with the credentials of the loaded fixtures.
// Each served provider with a traffic planner (`definition.generate.traffic`) plans its requests
// from its own seeded stream before anything is sent (SMS, replies, broadcasts, flash calls,
// calls, a campaign, callbacks to a closed loopback port that fail and retry); time moves between
// them through `advanceSettled`, so lifecycles and callback retries play out as they would. The
// same seed on the same simulator state gives the same requests at the same simulated times.
import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../core/context.js';
import { loadFixture } from '../core/fixtures.js';
import { SEC } from '../core/generate/answers.js';
import { partsFor } from '../core/generate/streams.js';
import type { PlannedRequest, TrafficPlanner } from '../core/generate/types.js';
import { NumberingFixture } from '../core/phone.js';
import type { ProviderInstance } from '../core/provider.js';
import { advanceSettled } from '../core/settle.js';

export { NOWHERE } from '../core/generate/answers.js';
export { MAX_TRAFFIC_MINUTES } from '../core/generate/limits.js';

export interface TrafficOptions {
  minutes: number;
  seed: number;
}

export interface TrafficReport {
  minutes: number;
  seed: number;
  from: string;
  to: string;
  /** Provider requests made. */
  requests: number;
  /** Per provider, per kind: what was accepted; `refused` counts the provider's own errors (out of money, blocked…). */
  counts: Record<string, Record<string, number>>;
  callbacks: { deliveries: number; failedAttempts: number };
}

/** Accounts with less (roubles) send nothing: the fixtures' nearly empty accounts would only collect refusals. */
const MIN_BALANCE = 10;

export interface TrafficPlayer {
  /** Plays `minutes` of traffic from the clock's present; one at a time (a second waits for the first). */
  play(options: TrafficOptions): Promise<TrafficReport>;
}

/** What traffic is played on: the simulator's own routes and services, and the providers it serves. */
export interface TrafficHost {
  app: Pick<FastifyInstance, 'inject'>;
  ctx: SimContext;
  providers: readonly ProviderInstance[];
}

export function createTrafficPlayer({ app, ctx, providers }: TrafficHost): TrafficPlayer {
  let queue: Promise<unknown> = Promise.resolve();

  /** Every served provider's plan, in one list ordered by time. */
  function plan(seed: number, start: number, minutes: number): (PlannedRequest & { provider: string })[] {
    const planned: (PlannedRequest & { provider: string })[] = [];
    const dir = ctx.config.fixtures;
    const numbering = loadFixture(dir, 'numbering', NumberingFixture);
    const adminHeaders: Record<string, string> = ctx.config.adminToken ? { authorization: `Bearer ${ctx.config.adminToken}` } : {};
    for (const { definition } of providers) {
      const generator = definition.generate;
      if (!generator?.traffic) continue;
      const { slug } = definition;
      const parts = partsFor(seed, slug, 'ru', numbering);
      const planner: TrafficPlanner = {
        ...parts,
        seed,
        start,
        end: start + minutes * 60_000,
        within: (minute) => start + minute * 60_000 + parts.random.int(0, 59) * SEC,
        push: (r) => planned.push({ ...r, provider: slug }),
        usable: (id) => {
          const state = ctx.accounts.get(slug, id);
          return state !== undefined && !state.disabled && state.balance >= MIN_BALANCE;
        },
        adminHeaders,
      };
      generator.traffic(planner, loadFixture(dir, slug, generator.fixtureSchema), minutes);
    }
    // Stable: requests of one instant keep the order they were planned in.
    return planned.sort((a, b) => a.at - b.at);
  }

  async function run({ minutes, seed }: TrafficOptions): Promise<TrafficReport> {
    const { clock, callbacks } = ctx;
    const start = clock.now();
    const end = start + minutes * 60_000;
    const planned = plan(seed, start, minutes);

    const counts: Record<string, Record<string, number>> = Object.create(null) as Record<string, Record<string, number>>;
    const bump = (provider: string, kind: string, n = 1) => {
      const byKind = (counts[provider] ??= Object.create(null) as Record<string, number>);
      byKind[kind] = (byKind[kind] ?? 0) + n;
    };
    const deliveriesBefore = new Set(callbacks.list().map((d) => d.id));
    let requests = 0;
    for (const r of planned) {
      if (r.at > clock.now()) await advanceSettled(clock, callbacks, r.at);
      requests++;
      const res = await app.inject(typeof r.request === 'function' ? r.request() : r.request);
      const accepted = r.accepted(res);
      r.answered?.(res, accepted);
      if (r.kind === undefined) continue;
      bump(r.provider, accepted ? r.kind : 'refused');
      if (accepted) for (const [kind, n] of Object.entries(r.also ?? {})) bump(r.provider, kind, n);
    }
    if (end > clock.now()) await advanceSettled(clock, callbacks, end);
    ctx.events.emit('clock.changed', { now: clock.now(), mode: clock.state().mode });
    await callbacks.idle();

    const mine = callbacks.list().filter((d) => !deliveriesBefore.has(d.id));
    return {
      minutes,
      seed,
      from: new Date(start).toISOString(),
      to: new Date(end).toISOString(),
      requests,
      counts,
      callbacks: { deliveries: mine.length, failedAttempts: mine.reduce((n, d) => n + d.attempts.filter((a) => a.error !== undefined || (a.status ?? 0) >= 300).length, 0) },
    };
  }

  return {
    play(options) {
      const next = queue.then(() => run(options));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
