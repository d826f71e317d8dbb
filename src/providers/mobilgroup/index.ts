// Mobilgroup voice broadcasts (voice.mobilgroup.ru/api/): /send/, /get/ and /set/.
import { mobilgroupOperations } from './operations.js';
import { simOperationsOf } from '../../openapi/simOperations.js';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProviderDefinition, ProviderRecords, SimContext, StoredRecord } from '../../core/context.js';
import { loadLiveFixture } from '../../scenarios/watch.js';
import { identify, indexCredentials, type Credentials } from './auth.js';
import { fail, MobilgroupError, mobilgroupErrors } from './errors.js';
import { UnreadableBody } from './body.js';
import { normalizePhone } from './format.js';
import { callId, createLifecycle, type Lifecycle } from './lifecycle.js';
import { createMobilgroupStore, PENDING_STATUSES, SLUG, type BroadcastRecord, type MobilgroupStore } from './store.js';
import { OUTCOME_WORDS, resultOf, RESULT_WORDS } from './outcomes.js';
import { registerRoutes } from './routes.js';
import { CALL_RESULTS, MobilgroupFixture } from './schemas.js';

interface Runtime {
  credentials: Credentials;
  store: MobilgroupStore;
  lifecycle: Lifecycle;
}

/** Each simulator's runtime, for the scenario and admin hooks (several simulators may share a process). */
const runtimes = new WeakMap<SimContext, Runtime>();

/**
 * A body the platform could not use, in each operation's own words: /get/ "Error_Unknown_Request", /set/
 * "Unknown_Request"; /send/'s table has neither, and an oversized broadcast is closest to
 * Error_Message_Too_Long.
 */
function unusableBody(request: FastifyRequest) {
  const operation = request.routeOptions.config.operation;
  return fail(operation === 'set' ? 'Unknown_Request' : operation === 'send' ? 'Error_Message_Too_Long' : 'Error_Unknown_Request');
}

/** JSON whatever the Content-Type, as the platform reads the raw body; `__proto__` keys are dropped. */
function parseBody(_request: FastifyRequest, text: string | Buffer, done: (err: Error | null, body?: unknown) => void) {
  const source = typeof text === 'string' ? text : text.toString('utf8');
  if (source.trim() === '') return done(null, undefined);
  try {
    // A reviver makes JSON.parse several times slower: only a body that names __proto__ (maybe escaped) needs one.
    done(null, source.includes('__proto__') || source.includes('\\u') ? JSON.parse(source, (key, value: unknown) => (key === '__proto__' ? undefined : value)) : JSON.parse(source));
  } catch {
    // Not an error yet: the key in the header is checked first, then each operation answers in its own words.
    done(null, new UnreadableBody(source.length));
  }
}

async function plugin(app: FastifyInstance, ctx: SimContext) {
  const fixtures = loadLiveFixture(ctx, SLUG, MobilgroupFixture);
  ctx.accounts.register(
    SLUG,
    fixtures.accounts.map((a) => ({ id: a.id, balance: a.balance, disabled: a.disabled })),
  );
  const accounts = new Map(fixtures.accounts.map((a) => [a.id, a]));
  const store = createMobilgroupStore(ctx, fixtures);
  const lifecycle = createLifecycle(ctx, store, fixtures, accounts);
  lifecycle.resume();
  const credentials = indexCredentials(fixtures.accounts);
  runtimes.set(ctx, { credentials, store, lifecycle });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, parseBody);

  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof MobilgroupError) return reply.code(err.status).send(err.body);
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(unusableBody(request).body);
    if (err.statusCode !== undefined && err.statusCode < 500) return reply.code(200).send(unusableBody(request).body);
    request.log.error({ err }, 'mobilgroup request failed');
    return reply.code(500).send(unusableBody(request).body);
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(fail('Error_Unknown_Request').body));

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

function records(ctx: SimContext): ProviderRecords {
  const rt = () => runtimes.get(ctx);
  /** `1234-2`: the second subscriber of broadcast 1234. */
  const locate = (id: string) => {
    const m = /^(\d+)-(\d+)$/.exec(id);
    const broadcast = m ? rt()?.store.byId(m[1]) : undefined;
    const index = m ? Number(m[2]) - 1 : -1;
    return broadcast && broadcast.calls[index] ? { broadcast, index, call: broadcast.calls[index] } : undefined;
  };
  return {
    list(kind) {
      const store = rt()?.store;
      return store ? listStored(store, kind) : [];
    },
    find(kind, id) {
      if (kind === 'broadcast') {
        const b = rt()?.store.byId(id);
        return b && broadcastListed(b);
      }
      const found = kind === 'call' ? locate(id) : undefined;
      return found && callListed(found.broadcast, found.index);
    },
    states: { call: [...CALL_RESULTS, ...Object.keys(RESULT_WORDS)] },
    get(kind, id) {
      if (kind === 'broadcast') {
        return rt()?.store.byId(id);
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
      rt()?.lifecycle.force(found.broadcast, found.index, result);
      return { ok: true };
    },
  };
}

export const mobilgroup: ProviderDefinition = {
  slug: SLUG,
  title: 'Mobilgroup voice broadcasts (voice.mobilgroup.ru/api)',
  prefix: '/mobilgroup',
  basePath: '/mobilgroup/api',
  hosts: [{ host: 'voice.mobilgroup.ru', path: '/api/' }],
  plugin,
  operations: simOperationsOf(mobilgroupOperations),
  errors: mobilgroupErrors,
  identify(request, ctx) {
    const rt = runtimes.get(ctx);
    return rt && identify(rt.credentials, request.headers.authorization, bodyOf(request).security)?.id;
  },
  numbers(request) {
    const subscribers = bodyOf(request).subscribers;
    if (!Array.isArray(subscribers)) return [];
    return subscribers.flatMap((s: unknown) => {
      const phone = s && typeof s === 'object' ? (s as { phone?: unknown }).phone : undefined;
      return typeof phone === 'string' || typeof phone === 'number' ? [normalizePhone(String(phone)) ?? String(phone)] : [];
    });
  },
  records,
  outcomes: OUTCOME_WORDS,
};
