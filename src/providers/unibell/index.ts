// Unibell platform API (api.unibell.ru): media library, app activation (single calls and
// campaigns with repeats), GET callbacks, call recordings and balance.
import { unibellAdminDoc, unibellAdminOperations, unibellApiDoc, unibellOperations } from './openapi.js';
import { simOperationsOf } from '../../core/apiDoc.js';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ProviderDefinition, ProviderRecords, StoredRecord } from '../../core/context.js';
import { normalizeNumber } from '../../core/phone.js';
import { adminRoutes } from './admin.js';
import { appRoutes } from './routes/apps.js';
import { authenticate } from './auth.js';
import { UNIBELL_BODIES } from './body.js';
import { unibellEnvelope, unibellErrors } from './errors.js';
import { providerScope } from '../../core/pipeline.js';
import { decideOutcome, OUTCOME_VOCABULARY, OUTCOME_WORDS, outcomeOf } from './outcomes.js';
import { mediaRoutes } from './routes/media.js';
import { createRuntime, type Runtime } from './runtime.js';
import { own } from '../../core/own.js';
import { unibellUi } from './ui.js';
import type { CallRecord, CampaignRecord, MediaItem, UnibellState } from './store.js';
import { unibellGenerator } from './generate.js';

export const unibell: ProviderDefinition = {
  slug: 'unibell',
  title: 'Unibell platform API (api.unibell.ru)',
  vendor: 'Unibell',
  prefix: '/unibell',
  basePath: '/unibell',
  hosts: [{ host: 'api.unibell.ru' }],
  operations: simOperationsOf(unibellOperations, unibellAdminOperations),
  errors: unibellErrors,
  outcomes: OUTCOME_VOCABULARY,
  document: unibellApiDoc,
  adminDocument: unibellAdminDoc,
  ui: unibellUi,
  generate: unibellGenerator,
  create(ctx) {
    const rt = createRuntime(ctx);
    return {
      definition: unibell,
      async plugin(app) {
        providerScope(app, { slug: 'unibell', bodies: UNIBELL_BODIES, envelope: unibellEnvelope });
        // Uploads have a limit of their own: audio files are far larger than any JSON request.
        await app.register(multipart, { limits: { fileSize: ctx.config.uploadLimit, files: 1, fields: 10 } });
        await mediaRoutes(app, rt);
        await appRoutes(app, rt);
      },
      admin: (app) => adminRoutes(app, rt),
      identify(request) {
        try {
          return authenticate(request, rt.catalog).account;
        } catch {
          return undefined;
        }
      },
      numbers,
      records: records(rt),
    };
  },
};

/** The number an activation calls (scenario `match.number`). */
function numbers(request: FastifyRequest): string[] {
  const body = request.body as { destAddr?: unknown } | undefined;
  const raw = body && typeof body === 'object' ? body.destAddr : undefined;
  return typeof raw === 'string' || typeof raw === 'number' ? [normalizeNumber(raw) ?? String(raw)] : [];
}

const mediaListed = (m: MediaItem): StoredRecord => ({
  kind: m.isFolder ? 'media-folder' : 'media-file',
  id: String(m.id),
  account: m.account,
  state: 'stored',
  createdAt: m.createdAt,
  updatedAt: m.createdAt,
  history: () => [{ state: 'stored', at: m.createdAt }],
});

const campaignListed = (c: CampaignRecord): StoredRecord => {
  const doneAt = c.state === 'done' ? (c.doneAt ?? c.createdAt) : undefined;
  return {
    kind: 'campaign',
    id: c.id,
    account: c.account,
    state: c.state,
    createdAt: c.createdAt,
    updatedAt: doneAt ?? c.createdAt,
    history: () => [{ state: 'running', at: c.createdAt }, ...(doneAt === undefined ? [] : [{ state: 'done', at: doneAt }])],
  };
};

const callListed = (c: CallRecord): StoredRecord => {
  const changes = c.history ?? [];
  return {
    kind: 'call',
    id: c.id,
    account: c.account,
    state: c.state,
    createdAt: c.createdAt,
    updatedAt: changes.at(-1)?.[1] ?? c.createdAt,
    to: c.destAddr,
    from: c.sourceAddr,
    durationS: c.state === 'ok' && c.outcome.connected ? c.outcome.durationSec : undefined,
    summary: [`app ${c.appKey}`, ...Object.entries(c.variables).map(([k, v]) => `${k}=${v}`)].join(' '),
    // Older data files have no history: the state now is all there is.
    history: () => [{ state: changes.length > 0 ? 'queued' : c.state, at: c.createdAt }, ...changes.map(([state, at]) => ({ state, at }))],
  };
};

/** The admin list of what the slice holds, newest first in each kind: calls, campaigns, uploaded media (the fixtures' and deleted items are not listed). */
function* listStored(state: UnibellState, fixtureMedia: ReadonlySet<number>, kind: string | undefined): Generator<StoredRecord> {
  if (!kind || kind === 'call') for (const c of [...state.calls.values()].reverse()) yield callListed(c);
  if (!kind || kind === 'campaign') for (const c of Object.values(state.campaigns).reverse()) yield campaignListed(c);
  if (!kind || kind === 'media-file' || kind === 'media-folder') {
    for (const m of Object.values(state.media).reverse()) if (!fixtureMedia.has(m.id)) yield mediaListed(m);
  }
}

function records(rt: Runtime): ProviderRecords {
  const words = Object.keys(OUTCOME_WORDS).filter((w) => w !== 'rpcerror');
  // The fixtures' library is the account's starting point, not traffic the admin record list shows.
  const fixtureMedia = new Set(rt.catalog.fixture.media.map((m) => m.id));
  return {
    list: (kind) => listStored(rt.slice.state, fixtureMedia, kind),
    find(kind, id) {
      const state = rt.slice.state;
      if (kind === 'campaign') return Object.hasOwn(state.campaigns, id) ? campaignListed(state.campaigns[id]) : undefined;
      if (kind === 'call') {
        const call = state.calls.get(id);
        return call && callListed(call);
      }
      const media = /^\d{1,15}$/.test(id) && Object.hasOwn(state.media, id) && !fixtureMedia.has(Number(id)) ? state.media[id] : undefined;
      return media && mediaListed(media).kind === kind ? mediaListed(media) : undefined;
    },
    states: { call: words },
    get(kind, id) {
      if (kind === 'campaign') return own(rt.slice.state.campaigns, id);
      return kind === 'call' ? rt.slice.state.calls.get(id) : undefined;
    },
    forceState(kind, id, state) {
      if (kind !== 'call') return { error: `unibell records of kind ${kind} have no state to force (kinds: call)` };
      const call = rt.slice.state.calls.get(id);
      if (!call) return { error: `no unibell call ${id}` };
      if (call.state === 'ok' || call.state === 'error') return { error: `call ${id} has already ended (${call.state})` };
      const outcome = outcomeOf(state);
      if (!outcome || outcome === 'rpcError') return { error: `"${state}" is not a call outcome (${words.join(', ')})` };
      // The forced outcome is planned as a scenario outcome would be, then reached now.
      const decision = decideOutcome(rt.catalog.fixture, { destAddr: call.destAddr, variables: call.variables, form: 'campaign' }, { state: outcome, rule: 'admin' });
      if (decision.rpcError) return { error: 'rpcError cannot be forced' };
      rt.activation.lifecycle.force(call, decision.outcome);
      return { ok: true };
    },
  };
}
