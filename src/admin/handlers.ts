// What each admin route does; its inputs arrive validated against the route table's schemas.
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { advanceProblem, parseClockMode } from '../core/clock.js';
import { advanceSettled } from '../core/settle.js';
import type { JournalEntry } from '../core/journal.js';
import { PatternError } from '../core/textPattern.js';
import { createTrafficPlayer } from './traffic.js';
import { AdminInputError, HIJACKED } from './common.js';
import type { ProviderInstance } from '../core/provider.js';
import type { AdminHandlers, AdminHost } from './types.js';
import type { IndexedRecord, RecordIndex } from './recordIndex.js';
import { maskHeaders } from './maskHeaders.js';
import { phoneKey } from './recordSearch.js';
import type { RecordView } from './schemas.js';

export interface HandlerDeps {
  simulator: AdminHost;
  index: RecordIndex;
  stream(reply: FastifyReply): void;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** `read()`, or what `fallback` makes of the error it threw. */
function orElse<T>(read: () => T, fallback: (err: string) => T): T {
  try {
    return read();
  } catch (err) {
    return fallback(err instanceof Error ? err.message : String(err));
  }
}

const recordView = (r: IndexedRecord): z.input<typeof RecordView> => ({
  provider: r.provider,
  kind: r.kind,
  id: r.id,
  account: r.account,
  state: r.state,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  history: r.history.map((h) => ({ state: h.state, at: iso(h.at) })),
  ...r.phone,
});

/** How many records the phone view shows at most (the newest of them). */
const PHONE_LIMIT = 2_000;

const journalView = (e: JournalEntry) => ({ ...e, at: iso(e.at), headers: e.headers && maskHeaders(e.headers) });

/** A journal query whose `url` pattern cannot be run answers 400 with the reason. */
async function journalQuery<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof PatternError) throw new AdminInputError(`url: ${err.message}`);
    throw err;
  }
}

export function createHandlers({ simulator, index, stream }: HandlerDeps): AdminHandlers {
  const { ctx, scenarios, providers } = simulator;
  const { clock, callbacks } = ctx;
  const bySlug = new Map(providers.map((p) => [p.definition.slug, p]));
  const traffic = createTrafficPlayer(simulator);

  const clockView = (fired?: number) => {
    const s = clock.state();
    return { now: iso(s.now), epochMs: s.now, mode: s.mode === 'speed' ? `x${s.factor}` : s.mode, pendingTimers: clock.pending(), fired };
  };

  const clockChanged = () => ctx.events.emit('clock.changed', { now: clock.now(), mode: clock.state().mode });

  const provider = (slug: string) => {
    const p = bySlug.get(slug);
    if (!p) throw new AdminInputError(`Unknown provider "${slug}" (known: ${[...bySlug.keys()].join(', ')})`, 404);
    return p;
  };

  const account = (slug: string, id: string) => {
    provider(slug);
    const state = ctx.accounts.get(slug, id);
    if (!state) throw new AdminInputError(`No ${slug} account "${id}"`, 404);
    return { provider: slug, id, balance: state.balance, disabled: state.disabled };
  };

  const recordDetail = (slug: string, kind: string, id: string) => {
    const p = provider(slug);
    const rec = index.get(slug, kind, id);
    const detail = p.records?.get?.(kind, id);
    if (!rec && detail === undefined) throw new AdminInputError(`No ${slug} ${kind} record "${id}"`, 404);
    const view = rec
      ? recordView(rec)
      : { provider: slug, kind, id, account: '', state: '', createdAt: iso(clock.now()), updatedAt: iso(clock.now()), history: [] };
    return { ...view, detail };
  };

  const scenarioList = () => ({ scenarios: scenarios.list(), active: scenarios.active(), errors: [...scenarios.loadErrors(), ...ctx.fixtures.errors()] });

  return {
    // A liveness probe: each part is read on its own, and one that throws is reported, not raised,
    // so health answers 200 whatever state the rest is in.
    async health() {
      return {
        status: 'ok' as const,
        providers: providers.map((p) => p.definition.slug),
        now: orElse(() => iso(clock.now()), (err) => `unreadable: ${err}`),
        persistence: ctx.store.file ? { file: ctx.store.file, lastError: orElse(() => ctx.store.lastError()?.message ?? null, String) } : ('memory' as const),
        scenarios: orElse(
          () => ({ active: scenarios.active(), errors: scenarios.loadErrors().length + ctx.fixtures.errors().length }),
          () => ({ active: [], errors: -1 }),
        ),
      };
    },
    async reset() {
      simulator.reset();
      return { reset: true as const, now: iso(clock.now()) };
    },
    traffic: async ({ body }) => traffic.play(body),
    async providers() {
      return {
        providers: providers.map(({ definition: p, records }) => ({
          slug: p.slug,
          title: p.title,
          prefix: p.prefix,
          errors: [...(p.errors?.list ?? [])],
          states: Object.fromEntries(Object.entries(records?.states ?? {}).map(([k, v]) => [k, [...v]])),
        })),
      };
    },
    clock: async () => clockView(),
    async advanceClock({ body }) {
      const ms = (body.ms ?? body.by) as number;
      const problem = advanceProblem(clock.now(), ms);
      if (problem) throw new AdminInputError(`body: ${problem}`);
      const fired = await advanceSettled(clock, callbacks, clock.now() + ms);
      clockChanged();
      return clockView(fired);
    },
    async setClock({ body }) {
      let fired = 0;
      if (body.mode) {
        const m = parseClockMode(body.mode);
        if (m) clock.setMode(m.mode, m.factor);
      }
      if (body.now !== undefined) {
        const to = typeof body.now === 'number' ? body.now : Date.parse(body.now);
        // Forward, everything due on the way fires as in an advance; backward, nothing does.
        fired = to > clock.now() ? await advanceSettled(clock, callbacks, to) : clock.set(to);
      }
      clockChanged();
      return clockView(fired);
    },
    listScenarios: async () => scenarioList(),
    async getScenario({ params }) {
      const s = scenarios.get(params.name);
      if (!s) throw new AdminInputError(`Unknown scenario "${params.name}" (known: ${scenarios.list().map((i) => i.name).join(', ') || 'none'})`, 404);
      const { source: _source, ...doc } = s;
      return doc;
    },
    async uploadScenario({ body, request }) {
      const type = String(request.headers['content-type'] ?? '');
      // curl's --data-binary sends a form type by default: say what to send instead of failing on a "field" named after the whole file.
      if (/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
        throw new AdminInputError(`Content-Type ${type.split(';')[0]} is not accepted for a scenario: send application/json, or YAML as application/yaml (also application/x-yaml, text/yaml)`, 415);
      }
      if (body === undefined || body === null || body === '') throw new AdminInputError('body: send a scenario as JSON, or as YAML with Content-Type: application/yaml');
      const s = typeof body === 'string' ? scenarios.upload(body, type.includes('json') ? 'json' : 'yaml') : scenarios.upload(body);
      return { name: s.name, rules: s.rules.length, active: scenarios.active().includes(s.name) };
    },
    async activateScenario({ params }) {
      scenarios.activate(params.name);
      return { active: scenarios.active() };
    },
    async deactivateScenario({ params }) {
      scenarios.deactivate(params.name);
      return { active: scenarios.active() };
    },
    async deactivateAll() {
      scenarios.deactivate();
      return { active: scenarios.active() };
    },
    async listAccounts({ query }) {
      if (query.provider) provider(query.provider);
      return { accounts: ctx.accounts.list(query.provider).map((a) => ({ provider: a.provider, id: a.id, ...a.state })) };
    },
    getAccount: async ({ params }) => account(params.provider, params.id),
    async patchAccount({ params, body }) {
      account(params.provider, params.id);
      if (body.balance !== undefined) ctx.accounts.setBalance(params.provider, params.id, body.balance);
      if (body.disabled !== undefined) ctx.accounts.setDisabled(params.provider, params.id, body.disabled);
      return account(params.provider, params.id);
    },
    async listRecords({ query }) {
      if (query.provider) provider(query.provider);
      const { records, total } = index.list(query, query.limit, query.offset);
      return { records: records.map(recordView), total };
    },
    async phone({ params }) {
      const number = phoneKey(params.number);
      if (number.length < 3) throw new AdminInputError(`No phone "${params.number}": not a phone number`, 404);
      const { records, total } = index.list({ number }, PHONE_LIMIT);
      return { number, records: records.reverse().map(recordView), truncated: total > records.length };
    },
    async phoneReply({ params, body }) {
      const number = phoneKey(params.number);
      if (number.length < 3) throw new AdminInputError(`number: "${params.number}" is not a phone number`);
      const takes = (p: ProviderInstance) => p.records?.receive !== undefined;
      // The reply goes where the latest SMS to this number came from, unless the body says otherwise.
      const last = index
        .list({ number, provider: body.provider }, 200)
        .records.find((r) => r.phone?.text !== undefined && !r.phone.incoming && takes(provider(r.provider)));
      const p = body.provider ? provider(body.provider) : last ? provider(last.provider) : providers.find(takes);
      const receive = p?.records?.receive;
      if (!p || !receive) throw new AdminInputError(`no provider takes SMS from subscribers${body.provider ? ` (${body.provider} does not)` : ''}`, 409);
      const account = body.account ?? last?.account;
      const to = body.to ?? last?.phone?.from;
      if (account === undefined || to === undefined) throw new AdminInputError(`no SMS to ${number} to reply to: name the account and the sender (to)`, 409);
      const made = receive({ account, from: number, to, text: body.text });
      if ('error' in made) throw new AdminInputError(made.error, 409);
      return recordView({ ...made, provider: p.definition.slug, history: made.history(), phone: { to: made.to, from: made.from, incoming: made.incoming, text: made.text } });
    },
    getRecord: async ({ params }) => recordDetail(params.provider, params.kind, params.id),
    async forceRecordState({ params, body }) {
      const p = provider(params.provider);
      const hooks = p.records;
      if (!hooks) throw new AdminInputError(`${p.definition.slug} records cannot be forced to a state`, 409);
      const result = hooks.forceState(params.kind, params.id, body.state);
      if ('error' in result) throw new AdminInputError(result.error, /^no /i.test(result.error) ? 404 : 409);
      return recordDetail(params.provider, params.kind, params.id);
    },
    async listJournal({ query }) {
      const { limit, ...filter } = query;
      return { entries: (await journalQuery(() => ctx.journal.listYielding(filter, limit))).map(journalView) };
    },
    countJournal: async ({ query }) => ({ count: await journalQuery(() => ctx.journal.countYielding(query)) }),
    async clearJournal() {
      ctx.journal.clear();
      return { cleared: true as const };
    },
    async listCallbacks({ query }) {
      const { limit, ...filter } = query;
      return { deliveries: ctx.callbacks.list(filter).reverse().slice(0, limit), stats: ctx.callbacks.stats() };
    },
    async getCallback({ params }) {
      const d = ctx.callbacks.get(params.id);
      if (!d) throw new AdminInputError(`No callback delivery "${params.id}"`, 404);
      return d;
    },
    async redeliverCallback({ params }) {
      const d = ctx.callbacks.redeliver(params.id);
      if (!d) throw new AdminInputError(`No callback delivery "${params.id}"`, 404);
      return d;
    },
    async events({ reply }) {
      stream(reply);
      return HIJACKED;
    },
  };
}
