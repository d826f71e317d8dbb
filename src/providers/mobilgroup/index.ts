// Mobilgroup voice broadcasts (voice.mobilgroup.ru/api/): /send/, /get/ and /set/.
import { mobilgroupApiDoc, mobilgroupOperations } from './openapi.js';
import { simOperationsOf } from '../../core/apiDoc.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProviderDefinition, ProviderRecords, SimContext, StoredRecord } from '../../core/context.js';
import { identify, indexCredentials, type Credentials } from './auth.js';
import { mobilgroupEnvelope, mobilgroupErrors } from './errors.js';
import { MOBILGROUP_BODIES } from './body.js';
import { providerScope } from '../../core/pipeline.js';
import { callId, createLifecycle, type Lifecycle } from './lifecycle.js';
import { createMobilgroupStore, PENDING_STATUSES, SLUG, type BroadcastRecord, type MobilgroupStore } from './store.js';
import { OUTCOME_WORDS, resultOf, RESULT_WORDS } from './outcomes.js';
import { registerRoutes } from './routes/index.js';
import { CALL_RESULTS, MobilgroupFixture } from './schemas.js';
import { mobilgroupUi } from './ui.js';
import { mobilgroupGenerator } from './generate.js';

/** One simulator's Mobilgroup: made by `create`, shared by the API plugin, the admin list and the scenario hooks. */
interface Runtime {
  fixtures: MobilgroupFixture;
  credentials: Credentials;
  store: MobilgroupStore;
  lifecycle: Lifecycle;
}

function createRuntime(ctx: SimContext): Runtime {
  const fixtures = ctx.fixtures.load(SLUG, MobilgroupFixture);
  ctx.accounts.register(
    SLUG,
    fixtures.accounts.map((a) => ({ id: a.id, balance: a.balance, disabled: a.disabled })),
  );
  const accounts = new Map(fixtures.accounts.map((a) => [a.id, a]));
  const store = createMobilgroupStore(ctx, fixtures);
  const lifecycle = createLifecycle(ctx, store, fixtures, accounts);
  return { fixtures, store, lifecycle, credentials: indexCredentials(fixtures.accounts) };
}

async function plugin(app: FastifyInstance, ctx: SimContext, { fixtures, store, lifecycle, credentials }: Runtime) {
  lifecycle.resume();

  providerScope(app, { slug: SLUG, bodies: MOBILGROUP_BODIES, envelope: mobilgroupEnvelope });

  registerRoutes(app, { ctx, store, fixtures, lifecycle, credentials });
}

const bodyOf = (request: FastifyRequest): Record<string, unknown> =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {};

const broadcastListed = (b: BroadcastRecord): StoredRecord => ({
  kind: 'broadcast',
  id: b.id,
  account: b.account,
  state: 'created',
  createdAt: b.createdAt,
  updatedAt: b.createdAt,
  history: () => [{ state: 'created', at: b.createdAt }],
});

const callListed = (b: BroadcastRecord, index: number): StoredRecord => {
  const call = b.calls[index];
  const changes = call.history ?? [];
  return {
    kind: 'call',
    id: callId(b, index),
    account: b.account,
    state: call.status,
    createdAt: b.createdAt,
    updatedAt: changes.at(-1)?.[1] ?? b.createdAt,
    to: call.phone,
    from: b.number,
    summary: b.content.kind === 'message' ? b.content.text : `${b.content.kind} ${b.content.id}`,
    durationS: call.talk,
    history: () => [
      // A refused subscriber keeps its refusal; any other starts queued (older data files: the status now).
      { state: call.rejected || changes.length === 0 ? call.status : PENDING_STATUSES[0], at: b.createdAt },
      ...changes.map(([state, at]) => ({ state, at })),
    ],
  };
};

/** The admin list of what the slice holds, newest first: each broadcast's calls, then the broadcast. */
function* listStored(store: MobilgroupStore, kind: string | undefined): Generator<StoredRecord> {
  for (const b of store.all().reverse()) {
    if (!kind || kind === 'call') for (let i = b.calls.length - 1; i >= 0; i--) yield callListed(b, i);
    if (!kind || kind === 'broadcast') yield broadcastListed(b);
  }
}

function records(rt: Runtime): ProviderRecords {
  /** `1234-2`: the second subscriber of broadcast 1234. */
  const locate = (id: string) => {
    const m = /^(\d+)-(\d+)$/.exec(id);
    const broadcast = m ? rt.store.byId(m[1]) : undefined;
    const index = m ? Number(m[2]) - 1 : -1;
    return broadcast && broadcast.calls[index] ? { broadcast, index, call: broadcast.calls[index] } : undefined;
  };
  return {
    list: (kind) => listStored(rt.store, kind),
    find(kind, id) {
      if (kind === 'broadcast') {
        const b = rt.store.byId(id);
        return b && broadcastListed(b);
      }
      const found = kind === 'call' ? locate(id) : undefined;
      return found && callListed(found.broadcast, found.index);
    },
    states: { call: [...CALL_RESULTS, ...Object.keys(RESULT_WORDS)] },
    get(kind, id) {
      if (kind === 'broadcast') {
        return rt.store.byId(id);
      }
      return kind === 'call' ? locate(id)?.call : undefined;
    },
    forceState(kind, id, state) {
      if (kind !== 'call') return { error: `mobilgroup records of kind ${kind} have no state to force (kinds: call)` };
      const found = locate(id);
      if (!found) return { error: `no mobilgroup call ${id}` };
      if (!(PENDING_STATUSES as readonly string[]).includes(found.call.status)) return { error: `call ${id} has already ended (${found.call.status})` };
      const result = resultOf(state);
      if (!result) return { error: `"${state}" is not a call result (${CALL_RESULTS.join(', ')})` };
      rt.lifecycle.force(found.broadcast, found.index, result);
      return { ok: true };
    },
  };
}

export const mobilgroup: ProviderDefinition = {
  slug: SLUG,
  title: 'Mobilgroup voice broadcasts (voice.mobilgroup.ru/api)',
  vendor: 'Mobilgroup',
  prefix: '/mobilgroup',
  basePath: '/mobilgroup/api',
  hosts: [{ host: 'voice.mobilgroup.ru', path: '/api/' }],
  operations: simOperationsOf(mobilgroupOperations),
  errors: mobilgroupErrors,
  outcomes: OUTCOME_WORDS,
  document: mobilgroupApiDoc,
  ui: mobilgroupUi,
  generate: mobilgroupGenerator,
  create(ctx) {
    const rt = createRuntime(ctx);
    return {
      definition: mobilgroup,
      plugin: (app) => plugin(app, ctx, rt),
      identify: (request) => identify(rt.credentials, request.headers.authorization, bodyOf(request).security)?.id,
      numbers,
      records: records(rt),
    };
  },
};

/** The subscriber numbers of a /send/ (scenario `match.number`), as sent: the engine reads them with the number policy. */
function numbers(request: FastifyRequest): string[] {
  const subscribers = bodyOf(request).subscribers;
  if (!Array.isArray(subscribers)) return [];
  return subscribers.flatMap((s: unknown) => {
    const phone = s && typeof s === 'object' ? (s as { phone?: unknown }).phone : undefined;
    return typeof phone === 'string' || typeof phone === 'number' ? [String(phone)] : [];
  });
}
