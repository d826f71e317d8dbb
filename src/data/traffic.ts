// A stretch of realistic sandbox traffic on the simulator clock: SMS of several lengths and
// alphabets (some to numbers that never deliver), subscribers' replies in Russian, Mobilgroup
// broadcasts, VoicePassword flash calls, Unibell calls and a campaign, callbacks to a closed
// loopback port that fail and retry. Every request goes through the providers' own routes
// (`app.inject`, journalled like any client's) with the credentials of the loaded fixtures; time
// moves between them through `advanceSettled`, so lifecycles and callback retries play out as they
// would. The plan is drawn from its own seeded generator before anything is sent: the same seed on
// the same simulator state gives the same requests at the same simulated times.
import type { Faker } from '@faker-js/faker';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { SimContext } from '../core/context.js';
import { loadFixture } from '../core/fixtures.js';
import { NumberingFixture } from '../core/phone.js';
import { createRandom, type SimRandom } from '../core/random.js';
import { advanceSettled } from '../core/settle.js';
import { DevinoFixture } from '../providers/devino/schemas.js';
import { MobilgroupFixture } from '../providers/mobilgroup/schemas.js';
import { UnibellFixture } from '../providers/unibell/schemas.js';
import { VoicePasswordFixture } from '../providers/voicepassword/schemas.js';
import { localeFaker } from './faker.js';
import { numberSource, type NumberSource } from './numbers.js';
import { replyText, smsText, speechText } from './texts.js';

export { MAX_TRAFFIC_MINUTES } from './limits.js';

/**
 * Where generated callbacks go: the discard port on loopback, which nothing listens on in an
 * ordinary set-up, so each attempt is refused at once, never leaves the machine, and is retried.
 */
export const NOWHERE = 'http://127.0.0.1:9';

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

interface PlannedRequest {
  at: number;
  provider: string;
  kind: string;
  /** Devino: the login whose session the request uses (its SessionID is filled in when sent). */
  session?: string;
  request: InjectOptions;
  /** Whether the provider accepted it (each provider has its own envelope). */
  accepted(res: LightMyRequestResponse): boolean;
}

const json = (res: LightMyRequestResponse): unknown => {
  try {
    return JSON.parse(res.body);
  } catch {
    return undefined;
  }
};
const field = (res: LightMyRequestResponse, name: string) => {
  const body = json(res);
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
};
const okStatus = (res: LightMyRequestResponse) => res.statusCode < 300;
const resultOk = (res: LightMyRequestResponse) => okStatus(res) && field(res, 'result') === 'ok';
const statusOk = (res: LightMyRequestResponse) => okStatus(res) && field(res, 'status') === 'ok';

/** The loaded fixtures of the providers this simulator serves (absent: not served). */
interface Fixtures {
  devino?: DevinoFixture;
  mobilgroup?: MobilgroupFixture;
  voicepassword?: VoicePasswordFixture;
  unibell?: UnibellFixture;
}

interface Planner {
  random: SimRandom;
  faker: Faker;
  numbers: NumberSource;
  start: number;
  end: number;
  /** A second inside minute `m`, as an epoch time. */
  within(minute: number): number;
  push(request: PlannedRequest): void;
  /** Not disabled and not (nearly) out of money: customers who cannot pay do not keep trying all day. */
  usable(provider: string, id: string): boolean;
  adminHeaders: Record<string, string>;
}

const SEC = 1000;
/** Accounts with less (roubles) send nothing: the fixtures' nearly empty accounts would only collect refusals. */
const MIN_BALANCE = 10;

function planDevino(p: Planner, fixture: DevinoFixture, minutes: number) {
  const accounts = fixture.accounts.filter((a) => p.usable('devino', a.login) && a.senders.length > 0);
  if (accounts.length === 0) return;
  const neverDelivered = Object.entries(fixture.magicNumbers)
    .filter(([, m]) => m.sms && m.sms.state !== 0 && m.sms.state !== 'pending')
    .map(([n]) => n)
    .sort();
  // A session per account, renewed before its lifetime (fixture timings) runs out.
  const renewMs = Math.max(1, Math.floor(fixture.timings.sessionTtlMinutes / 2)) * 60_000;
  const sessions = new Map<string, number>();
  for (let m = 0; m < minutes; m++) {
    const count = p.random.int(1, 4);
    for (let i = 0; i < count; i++) {
      const account = p.random.pick(accounts);
      const at = p.within(m);
      const opened = sessions.get(account.login);
      if (opened === undefined || at - opened >= renewMs) {
        sessions.set(account.login, at);
        p.push({
          at,
          provider: 'devino',
          kind: 'session',
          session: account.login,
          request: { method: 'GET', url: `/devino/rest/User/SessionId?login=${encodeURIComponent(account.login)}&password=${encodeURIComponent(account.password)}` },
          accepted: okStatus,
        });
      }
      const undeliverable = neverDelivered.length > 0 && p.random.chance(0.08);
      const to = undeliverable ? p.random.pick(neverDelivered) : p.numbers.mobile();
      const alphabet = p.random.chance(0.75) ? 'cyrillic' : 'latin';
      const length = p.random.chance(0.2) ? 'long' : 'short';
      const sender = p.random.pick(account.senders);
      p.push({
        at,
        provider: 'devino',
        kind: undeliverable ? 'undeliverable' : 'sms',
        session: account.login,
        request: {
          method: 'POST',
          url: '/devino/rest/Sms/Send',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: { DestinationAddress: to, SourceAddress: sender, Data: smsText(p.faker, alphabet, length) },
        },
        accepted: okStatus,
      });
      // Some subscribers answer, a few seconds to ten minutes later.
      if (!undeliverable && p.random.chance(0.12)) {
        const replyAt = at + p.random.int(20, 600) * SEC;
        if (replyAt < p.end) {
          p.push({
            at: replyAt,
            provider: 'devino',
            kind: 'incoming-sms',
            request: { method: 'POST', url: '/_sim/devino/incoming', headers: p.adminHeaders, payload: { account: account.login, from: to, to: sender, text: replyText(p.faker) } },
            accepted: okStatus,
          });
        }
      }
    }
  }
}

function planMobilgroup(p: Planner, fixture: MobilgroupFixture, minutes: number) {
  const accounts = fixture.accounts.filter((a) => p.usable('mobilgroup', a.id) && a.numbers.length > 0);
  if (accounts.length === 0) return;
  const magic = Object.keys(fixture.outcomes).sort();
  for (let m = 0; m < minutes; m++) {
    if (!p.random.chance(0.12)) continue;
    const account = p.random.pick(accounts);
    const subscribers = Array.from({ length: p.random.int(1, 12) }, () => ({ phone: magic.length > 0 && p.random.chance(0.1) ? p.random.pick(magic) : p.numbers.mobile() }));
    p.push({
      at: p.within(m),
      provider: 'mobilgroup',
      kind: 'broadcast',
      request: {
        method: 'POST',
        url: '/mobilgroup/api/send/',
        headers: { authorization: account.apiKey },
        payload: { settings: { number: p.random.pick(account.numbers).number, message: speechText(p.faker) }, subscribers },
      },
      accepted: resultOk,
    });
  }
}

function planVoicePassword(p: Planner, fixture: VoicePasswordFixture, minutes: number) {
  const accounts = fixture.accounts.filter((a) => p.usable('voicepassword', a.id));
  if (accounts.length === 0) return;
  const magic = Object.keys(fixture.outcomes).sort();
  for (let m = 0; m < minutes; m++) {
    const count = p.random.int(0, 2);
    for (let i = 0; i < count; i++) {
      const account = p.random.pick(accounts);
      const number = magic.length > 0 && p.random.chance(0.1) ? p.random.pick(magic) : p.numbers.mobile();
      const voice = p.random.chance(0.2);
      const body: Record<string, unknown> = { security: { apiKey: account.apiKey }, number };
      if (voice) body.voice = { code: p.random.digits(4) };
      else if (p.random.chance(0.3)) body.flashcall = { code: p.random.digits(4) };
      else body.capacity = String(p.random.int(4, 6));
      if (p.random.chance(0.3)) body.callback_url = `${NOWHERE}/voicepassword/callback`;
      p.push({
        at: p.within(m),
        provider: 'voicepassword',
        kind: voice ? 'voice' : 'flashcall',
        request: { method: 'POST', url: '/voicepassword/api/voice-password/send/', payload: body },
        accepted: resultOk,
      });
    }
  }
}

function planUnibell(p: Planner, fixture: UnibellFixture, minutes: number) {
  const usable = (forms: readonly string[], form: string, account: string) => forms.includes(form) && p.usable('unibell', account);
  const singles = fixture.apps.filter((a) => usable(a.forms, 'single', a.account));
  // A campaign needs an app that may run one, a number and a non-empty abonent list of its account.
  const campaigns = fixture.apps.flatMap((app) => {
    if (!usable(app.forms, 'campaign', app.account)) return [];
    const number = fixture.numbers.find((n) => n.account === app.account);
    const list = fixture.abonentLists.find((l) => l.account === app.account && l.numbers.length > 0);
    return number && list ? [{ app, numberId: number.id, abonentListId: list.id }] : [];
  });
  const auth = (accessKey: string) => ({ 'x-authorization': `AccessKey ${accessKey}` });
  if (campaigns.length > 0) {
    // One campaign in the first hour, and one more for each further six hours of the stretch.
    for (let m = Math.min(5, minutes - 1); m < minutes; m += 360) {
      const c = p.random.pick(campaigns);
      p.push({
        at: p.within(m),
        provider: 'unibell',
        kind: 'campaign',
        request: { method: 'POST', url: '/unibell/apps/activate', headers: auth(c.app.accessKey), payload: { numberId: c.numberId, abonentListId: c.abonentListId } },
        accepted: statusOk,
      });
    }
  }
  if (singles.length === 0) return;
  let reference = 0;
  for (let m = 0; m < minutes; m++) {
    if (!p.random.chance(0.3)) continue;
    const app = p.random.pick(singles);
    const magic = Object.keys(fixture.magicNumbers).sort();
    const destAddr = magic.length > 0 && p.random.chance(0.1) ? p.random.pick(magic) : p.numbers.mobile();
    p.push({
      at: p.within(m),
      provider: 'unibell',
      kind: 'call',
      request: {
        method: 'POST',
        url: '/unibell/apps/activate',
        headers: auth(app.accessKey),
        payload: { reference: `traffic-${p.random.seed}-${++reference}`, destAddr, scenarioData: `text=${speechText(p.faker)}` },
      },
      accepted: statusOk,
    });
  }
}

export interface TrafficPlayer {
  /** Plays `minutes` of traffic from the clock's present; one at a time (a second waits for the first). */
  play(options: TrafficOptions): Promise<TrafficReport>;
}

/** What traffic is played on: the simulator's own routes and services. */
export interface TrafficHost {
  app: Pick<FastifyInstance, 'inject'>;
  ctx: SimContext;
}

export function createTrafficPlayer(simulator: TrafficHost, served: readonly string[]): TrafficPlayer {
  const { app, ctx } = simulator;
  let queue: Promise<unknown> = Promise.resolve();

  const fixtures = (): Fixtures => {
    const dir = ctx.config.fixtures;
    const has = (slug: string) => served.includes(slug);
    return {
      devino: has('devino') ? loadFixture(dir, 'devino', DevinoFixture) : undefined,
      mobilgroup: has('mobilgroup') ? loadFixture(dir, 'mobilgroup', MobilgroupFixture) : undefined,
      voicepassword: has('voicepassword') ? loadFixture(dir, 'voicepassword', VoicePasswordFixture) : undefined,
      unibell: has('unibell') ? loadFixture(dir, 'unibell', UnibellFixture) : undefined,
    };
  };

  async function run({ minutes, seed }: TrafficOptions): Promise<TrafficReport> {
    const { clock, callbacks } = ctx;
    const random = createRandom(seed);
    const start = clock.now();
    const end = start + minutes * 60_000;
    const planned: PlannedRequest[] = [];
    const adminHeaders: Record<string, string> = ctx.config.adminToken ? { authorization: `Bearer ${ctx.config.adminToken}` } : {};
    const planner: Planner = {
      random,
      faker: localeFaker(random, 'ru'),
      numbers: numberSource(random, loadFixture(ctx.config.fixtures, 'numbering', NumberingFixture)),
      start,
      end,
      within: (minute) => start + minute * 60_000 + random.int(0, 59) * SEC,
      push: (r) => planned.push(r),
      usable: (provider, id) => {
        const state = ctx.accounts.get(provider, id);
        return state !== undefined && !state.disabled && state.balance >= MIN_BALANCE;
      },
      adminHeaders,
    };
    const f = fixtures();
    if (f.devino) planDevino(planner, f.devino, minutes);
    if (f.mobilgroup) planMobilgroup(planner, f.mobilgroup, minutes);
    if (f.voicepassword) planVoicePassword(planner, f.voicepassword, minutes);
    if (f.unibell) planUnibell(planner, f.unibell, minutes);
    // Stable: requests of one instant keep the order they were planned in.
    planned.sort((a, b) => a.at - b.at);

    const counts: Record<string, Record<string, number>> = Object.create(null) as Record<string, Record<string, number>>;
    const bump = (provider: string, kind: string) => {
      const byKind = (counts[provider] ??= Object.create(null) as Record<string, number>);
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    };
    const sessions = new Map<string, string>();
    const deliveriesBefore = new Set(callbacks.list().map((d) => d.id));
    let requests = 0;
    for (const r of planned) {
      if (r.at > clock.now()) await advanceSettled(clock, callbacks, r.at);
      // A form is sent with the session id the login answered (a refused login leaves it empty: refused too).
      const request =
        r.session !== undefined && r.kind !== 'session'
          ? { ...r.request, payload: new URLSearchParams({ SessionID: sessions.get(r.session) ?? '', ...(r.request.payload as Record<string, string>) }).toString() }
          : r.request;
      requests++;
      const res = await app.inject(request);
      const accepted = r.accepted(res);
      if (r.kind === 'session') {
        const sid = json(res);
        if (accepted && typeof sid === 'string') sessions.set(r.session as string, sid);
        continue;
      }
      bump(r.provider, accepted ? r.kind : 'refused');
      // A broadcast's subscribers are its calls.
      if (accepted && r.kind === 'broadcast') for (let i = 0; i < ((r.request.payload as { subscribers: unknown[] }).subscribers.length); i++) bump(r.provider, 'call');
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
