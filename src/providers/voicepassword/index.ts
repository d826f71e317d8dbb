// VoicePassword: flash calls and voice passwords with SMS fallback (vp.voicepassword.ru), also
// answered on the Mobilgroup host, where the same platform serves the same paths.
import { voicepasswordAdminDoc, voicepasswordApiDoc, voicepasswordOperations } from './openapi.js';
import { simOperationsOf } from '../../core/apiDoc.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProviderDefinition, ProviderRecords, SimContext, StoredRecord } from '../../core/context.js';
import { createAuthenticator } from './auth.js';
import { createCallStore, type CallRecord, type CallStore, type SmsRecord } from './store.js';
import { voicePasswordEnvelope, voicePasswordErrors } from './errors.js';
import { VOICEPASSWORD_BODIES } from './body.js';
import { providerScope } from '../../core/pipeline.js';
import { createLifecycle, type Lifecycle } from './lifecycle.js';
import { CALL_WORDS, OUTCOME_WORDS } from './outcomes.js';
import { createNumberRules, VOICEPASSWORD_NUMBERS } from './numbers.js';
import { normalizeNumber } from '../../core/phone.js';
import { registerRoutes, SLUG } from './routes/index.js';
import { CallState, Security, VoicePasswordFixture } from './schemas.js';
import { safeParseCompiled } from '../../core/compiledSchema.js';
import { own } from '../../core/own.js';
import { voicepasswordUi } from './ui.js';
import { voicepasswordGenerator } from './generate.js';

/** One simulator's VoicePassword: made by `create`, shared by the API and admin plugins, the admin list and the scenario hooks. */
interface Runtime {
  fixture: VoicePasswordFixture;
  calls: CallStore;
  lifecycle: Lifecycle;
  byKey: ReadonlyMap<string, string>;
  /** Calls of the fixtures' history: part of the account's past, not traffic the admin record list shows. */
  seeded: ReadonlySet<string>;
}

function createRuntime(ctx: SimContext): Runtime {
  const fixture = ctx.fixtures.load(SLUG, VoicePasswordFixture);
  ctx.accounts.register(
    SLUG,
    fixture.accounts.map((a) => ({ id: a.id, balance: a.balance, disabled: a.disabled })),
  );
  const calls = createCallStore(ctx.store, fixture);
  const lifecycle = createLifecycle(ctx, calls);
  return { fixture, calls, lifecycle, byKey: new Map(fixture.accounts.map((a) => [a.apiKey, a.id])), seeded: new Set(fixture.history.map((h) => h.id)) };
}

async function plugin(app: FastifyInstance, ctx: SimContext, { fixture, calls, lifecycle }: Runtime) {
  lifecycle.resume();

  providerScope(app, { slug: SLUG, bodies: VOICEPASSWORD_BODIES, envelope: voicePasswordEnvelope });

  await registerRoutes(app, {
    ctx,
    fixture,
    auth: createAuthenticator(SLUG, fixture, ctx.accounts),
    calls,
    lifecycle,
    numbers: createNumberRules(fixture),
  });
}

/** `/_sim/voicepassword/calls/:id`: a call as the simulator holds it, with the calling number a phone would show. */
async function admin(app: FastifyInstance, rt: Runtime) {
  app.get<{ Params: { id: string } }>('/calls/:id', async (request, reply) => {
    const call = rt.calls.byId(request.params.id);
    if (!call) return reply.code(404).send({ error: `no voicepassword call ${request.params.id}` });
    return call;
  });
}

export const voicepassword: ProviderDefinition = {
  slug: SLUG,
  title: 'VoicePassword flash call and voice password (vp.voicepassword.ru)',
  vendor: 'VoicePassword',
  prefix: '/voicepassword',
  basePath: '/voicepassword/api/voice-password',
  hosts: [{ host: 'vp.voicepassword.ru' }, { host: 'voice.mobilgroup.ru', path: '/api/voice-password/' }],
  operations: simOperationsOf(voicepasswordOperations),
  errors: voicePasswordErrors,
  outcomes: OUTCOME_WORDS,
  document: voicepasswordApiDoc,
  adminDocument: voicepasswordAdminDoc,
  ui: voicepasswordUi,
  generate: voicepasswordGenerator,
  create(ctx) {
    const rt = createRuntime(ctx);
    return {
      definition: voicepassword,
      plugin: (app) => plugin(app, ctx, rt),
      admin: (app) => admin(app, rt),
      identify(request) {
        const body = bodyOf(request);
        const security = safeParseCompiled(Security, body.security ?? {});
        const key = request.headers.authorization?.trim() || (security.success ? security.data.apiKey?.trim() : undefined);
        return key ? rt.byKey.get(key) : undefined;
      },
      numbers(request) {
        const raw = bodyOf(request).number;
        if (typeof raw !== 'string' && typeof raw !== 'number') return [];
        return [normalizeNumber(raw, VOICEPASSWORD_NUMBERS) ?? String(raw)];
      },
      records: records(rt),
    };
  },
};

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

const callListed = (call: CallRecord): StoredRecord => {
  const changes = call.history ?? [];
  return {
    kind: call.mode,
    id: call.id,
    account: call.account,
    state: call.state,
    createdAt: call.createdAt,
    updatedAt: changes.at(-1)?.[1] ?? call.createdAt,
    to: call.number,
    from: call.caller || undefined,
    summary: call.mode === 'flashcall' ? `flash call, code ${call.code}` : `voice code ${call.code}`,
    code: call.code,
    durationS: call.duration,
    history: () => [
      // A call of the fixtures' history has only its result.
      { state: changes.length > 0 || call.state === 'DIALING' ? 'DIALING' : call.state, at: call.createdAt },
      ...changes.map(([state, at]) => ({ state, at })),
    ],
  };
};

/** A call's SMS fallback: listed under the call's id, as its events announce it. */
const smsListed = (call: CallRecord, sms: SmsRecord): StoredRecord => {
  const changes = sms.history ?? [];
  return {
    kind: 'sms',
    id: call.id,
    account: call.account,
    state: sms.state,
    createdAt: sms.createdAt,
    updatedAt: changes.at(-1)?.[1] ?? sms.createdAt,
    to: call.number,
    summary: `SMS fallback, code ${call.code}`,
    code: call.code,
    history: () => [{ state: 'QUEUED', at: sms.createdAt }, ...changes.map(([state, at]) => ({ state, at }))],
  };
};

/** The admin list of what the store holds, newest first: each call's SMS fallback, then the call. */
function* listStored({ calls, seeded }: Runtime, kind: string | undefined): Generator<StoredRecord> {
  for (const call of calls.all().reverse()) {
    if (seeded.has(call.id)) continue;
    if (call.sms && (!kind || kind === 'sms')) yield smsListed(call, call.sms);
    if (!kind || kind === call.mode) yield callListed(call);
  }
}

function records(rt: Runtime): ProviderRecords {
  const states = [...CallState.options, ...Object.keys(CALL_WORDS)];
  return {
    list: (kind) => listStored(rt, kind),
    find(kind, id) {
      const call = rt.calls.byId(id);
      if (!call || rt.seeded.has(id)) return undefined;
      if (kind === 'sms') return call.sms && smsListed(call, call.sms);
      return kind === call.mode ? callListed(call) : undefined;
    },
    states: { flashcall: states, voice: states },
    get: (_kind, id) => rt.calls.byId(id),
    forceState(kind, id, state) {
      if (kind !== 'flashcall' && kind !== 'voice') return { error: `voicepassword records of kind ${kind} have no state to force (kinds: flashcall, voice)` };
      const call = rt.calls.byId(id);
      if (!call || call.mode !== kind) return { error: `no voicepassword ${kind} ${id}` };
      if (call.state !== 'DIALING') return { error: `call ${id} has already ended (${call.state})` };
      const wanted = CallState.options.find((s) => s.toLowerCase() === state.toLowerCase()) ?? own(CALL_WORDS, state.toLowerCase());
      if (!wanted) return { error: `"${state}" is not a call result (${CallState.options.join(', ')})` };
      rt.lifecycle.force(call, wanted);
      return { ok: true };
    },
  };
}
