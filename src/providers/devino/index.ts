// Devino (integrationapi.net/rest): SMS and voice messages. Specs: devino-sms.md, devino-voice.md,
// devino-rest-notes.md.
import { devinoAdminDoc, devinoApiDoc, devinoOperations } from './openapi.js';
import { simOperationsOf } from '../../core/apiDoc.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProviderDefinition, ProviderRecords, SimContext, StoredRecord } from '../../core/context.js';
import { describeZodError } from '../../core/fixtures.js';
import { normalizeNumber, SUBSCRIBER } from '../../core/phone.js';
import { DEVINO_NUMBERS } from './numbers.js';
import { createDevinoAuth } from './auth.js';
import { registerDevinoStore, type DevinoSlice, type DevinoState, type IncomingSms, type SmsRecord, type VoiceRecord } from './store.js';
import { devinoEnvelope, devinoErrors } from './errors.js';
import { DEVINO_BODIES } from './body.js';
import { providerScope } from '../../core/pipeline.js';
import { OUTCOME_WORDS } from './outcomes.js';
import { collectParams, param, rawValues } from './params.js';
import { DevinoFixture } from './schemas.js';
import { IncomingPush as IncomingPushBody, InjectIncomingSms } from './adminSchemas.js';
import { createSmsLifecycle, type SmsLifecycle } from './smsLifecycle.js';
import { registerSmsRoutes } from './routes/sms.js';
import { createIncomingPush, type IncomingPush } from './incomingPush.js';
import { MSK_OFFSET } from './dates.js';
import { registerUserRoutes } from './routes/user.js';
import { createVoiceLifecycle, type VoiceLifecycle } from './voiceLifecycle.js';
import { isSmsFinal, isVoiceFinal, SMS_STATES, VOICE_ERROR, VOICE_LISTENED, VOICE_NOT_LISTENED } from './states.js';
import { registerVoiceRoutes } from './routes/voice.js';
import { own } from '../../core/own.js';
import { devinoUi } from './ui.js';
import { devinoGenerator } from './generate.js';

interface DevinoRuntime {
  fixture: DevinoFixture;
  slice: DevinoSlice;
  sms: SmsLifecycle;
  voice: VoiceLifecycle;
  push: IncomingPush;
}

/** One simulator's Devino: made by `create`, shared by the API and admin plugins. */
function createRuntime(ctx: SimContext): DevinoRuntime {
  const fixture = ctx.fixtures.load('devino', DevinoFixture);
  ctx.accounts.register(
    'devino',
    fixture.accounts.map((a) => ({ id: a.login, balance: a.balance, disabled: a.disabled })),
  );
  const slice = registerDevinoStore(ctx.store);
  return { fixture, slice, sms: createSmsLifecycle(ctx, slice, fixture), voice: createVoiceLifecycle(ctx, slice, fixture), push: createIncomingPush(ctx, slice, fixture) };
}

async function devinoApi(app: FastifyInstance, ctx: SimContext, { fixture, slice, sms, voice, push }: DevinoRuntime) {
  const auth = createDevinoAuth(ctx, slice, fixture);
  sms.resume();
  voice.resume();

  providerScope(app, { slug: 'devino', bodies: DEVINO_BODIES, envelope: devinoEnvelope(ctx.config.bodyLimit) });
  registerUserRoutes(app, ctx, auth);
  const { sendAs } = registerSmsRoutes(app, ctx, { slice, fixture, auth, lifecycle: sms });
  // A push handler's `{sms=…}` goes back to the subscriber as an SMS of the account, from the number
  // the subscriber wrote to when it is one of the account's senders (else its first sender), billed as any.
  push.replyWith((login, to, from, text) => {
    const account = fixture.accounts.find((a) => a.login === login);
    if (!account) return;
    const source = account.senders.includes(from) ? from : (account.senders[0] ?? from);
    try {
      sendAs(account, { via: 'Send', destinations: [to], data: text, source, sendDateOffset: () => MSK_OFFSET });
    } catch (err) {
      ctx.logger.warn({ err, account: login, to }, 'the reply of a devino incoming-SMS push was not sent');
    }
  });
  registerVoiceRoutes(app, ctx, { slice, fixture, auth, lifecycle: voice });
}

/** `/_sim/devino/...`: inject an incoming SMS, as if a subscriber had written; an account's incoming-SMS push URL. */
async function devinoAdmin(app: FastifyInstance, ctx: SimContext, { fixture, sms, push }: DevinoRuntime) {
  const accountOf = (login: string) => fixture.accounts.find((a) => a.login === login);
  app.get<{ Params: { login: string } }>('/accounts/:login/incoming-push', async (request, reply) => {
    if (!accountOf(request.params.login)) return reply.code(404).send({ error: `unknown devino account ${request.params.login}` });
    return { account: request.params.login, url: push.urlOf(request.params.login) ?? null };
  });
  app.put<{ Params: { login: string } }>('/accounts/:login/incoming-push', async (request, reply) => {
    if (!accountOf(request.params.login)) return reply.code(404).send({ error: `unknown devino account ${request.params.login}` });
    const parsed = IncomingPushBody.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: describeZodError(parsed.error) });
    push.setUrl(request.params.login, parsed.data.url);
    return { account: request.params.login, url: parsed.data.url };
  });
  app.post('/incoming', async (request, reply) => {
    const parsed = InjectIncomingSms.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: describeZodError(parsed.error) });
    const body = parsed.data;
    const account = fixture.accounts.find((a) => a.login === (body.account ?? fixture.accounts[0].login));
    if (!account) return reply.code(404).send({ error: `unknown devino account ${body.account}` });
    const from = normalizeNumber(body.from);
    if (!from) return reply.code(400).send({ error: `from: "${body.from}" is not a phone number` });
    const msg = sms.addIncoming(account.login, from, body.to ?? account.senders[0] ?? '', body.text, ctx.clock.now());
    return reply.code(201).send(msg);
  });
}

/** The session's account, or the login of a SessionId request: who a scenario rule sees. */
function identify(request: FastifyRequest, rt: DevinoRuntime): string | undefined {
  const bag = collectParams(request);
  const session = param(bag, 'SessionID');
  if (session) return rt.slice.state.sessions.get(session)?.account;
  return param(bag, 'Login');
}

function numbers(request: FastifyRequest): string[] {
  const bag = collectParams(request);
  return [...rawValues(bag, 'DestinationAddress'), ...rawValues(bag, 'DestinationAddresses')].map((n) => normalizeNumber(n, DEVINO_NUMBERS) ?? n.trim());
}

const VOICE_FINAL: Record<string, number> = { listened: VOICE_LISTENED, answered: VOICE_LISTENED, 'not-listened': VOICE_NOT_LISTENED, 'no-answer': VOICE_NOT_LISTENED, error: VOICE_ERROR, failed: VOICE_ERROR };

const smsListed = (rec: SmsRecord): StoredRecord => ({
  kind: 'sms',
  id: rec.id,
  account: rec.account,
  state: String(rec.state),
  createdAt: rec.createdAt,
  updatedAt: rec.updatedAt,
  to: rec.to,
  from: rec.from,
  text: rec.text,
  part: rec.part,
  parts: rec.parts,
  history() {
    const steps: { state: string; at: number }[] = [];
    for (let i = 0; i + 1 < rec.history.length; i += 2) steps.push({ state: String(rec.history[i]), at: rec.history[i + 1] });
    return steps;
  },
});

const voiceListed = (rec: VoiceRecord): StoredRecord => ({
  kind: 'voice',
  id: String(rec.id),
  account: rec.account,
  state: String(rec.state),
  createdAt: rec.createdAt,
  updatedAt: rec.history.at(-1)?.[1] ?? rec.createdAt,
  to: rec.to,
  from: rec.from,
  summary: `voice file ${rec.fileId}`,
  digits: rec.collectedDtmf,
  history: () => rec.history.map(([state, at]) => ({ state: String(state), at })),
});

const incomingListed = (msg: IncomingSms): StoredRecord => ({
  kind: 'incoming-sms',
  id: String(msg.id),
  account: msg.account,
  state: 'received',
  createdAt: msg.createdAt,
  updatedAt: msg.createdAt,
  to: msg.to,
  from: msg.from,
  incoming: true,
  text: msg.text,
  history: () => [{ state: 'received', at: msg.createdAt }],
});

/** The admin list of what the slice holds, newest first in each kind and account: incoming SMS, voice messages, SMS segments. */
function* listStored(state: DevinoState, kind: string | undefined): Generator<StoredRecord> {
  if (!kind || kind === 'incoming-sms') for (const list of state.incoming.values()) for (let i = list.length - 1; i >= 0; i--) yield incomingListed(list[i]);
  if (!kind || kind === 'voice') for (const rec of [...state.voice.values()].reverse()) yield voiceListed(rec);
  if (!kind || kind === 'sms') for (const list of state.smsByAccount.values()) for (let i = list.length - 1; i >= 0; i--) yield smsListed(list[i]);
}

function findIncoming(state: DevinoState, id: string): IncomingSms | undefined {
  for (const list of state.incoming.values()) for (const msg of list) if (String(msg.id) === id) return msg;
  return undefined;
}

function records(ctx: SimContext, rt: DevinoRuntime): ProviderRecords {
  return {
    list: (kind) => listStored(rt.slice.state, kind),
    find(kind, id) {
      const state = rt.slice.state;
      const sms = kind === 'sms' ? state.sms.get(id) : undefined;
      if (sms) return smsListed(sms);
      const voice = kind === 'voice' ? state.voice.get(Number(id)) : undefined;
      if (voice) return voiceListed(voice);
      const incoming = kind === 'incoming-sms' ? findIncoming(state, id) : undefined;
      return incoming && incomingListed(incoming);
    },
    states: { sms: Object.keys(SMS_STATES), voice: ['2', '3', '4', ...Object.keys(VOICE_FINAL)] },
    receive(input) {
      if (!rt.fixture.accounts.some((a) => a.login === input.account)) return { error: `unknown devino account ${input.account}` };
      const from = normalizeNumber(input.from, SUBSCRIBER);
      if (!from) return { error: `from: "${input.from}" is not a phone number` };
      return incomingListed(rt.sms.addIncoming(input.account, from, input.to, input.text, ctx.clock.now()));
    },
    get(kind, id) {
      if (kind === 'sms') return rt.slice.state.sms.get(id);
      if (kind === 'voice') return rt.slice.state.voice.get(Number(id));
      if (kind === 'incoming-sms') return findIncoming(rt.slice.state, id);
      return undefined;
    },
    forceState(kind, id, state) {
      if (kind === 'sms') {
        const rec = rt.slice.state.sms.get(id);
        if (!rec) return { error: `no devino sms ${id}` };
        if (isSmsFinal(rec.state)) return { error: `sms ${id} is already final (state ${rec.state})` };
        const code = Number(state);
        if (!/^-?\d+$/.test(state) || !(code in SMS_STATES)) return { error: `"${state}" is not a Devino SMS state (${Object.keys(SMS_STATES).join(', ')})` };
        rt.sms.force(rec, code);
        return { ok: true };
      }
      if (kind === 'voice') {
        const rec = rt.slice.state.voice.get(Number(id));
        if (!rec) return { error: `no devino voice message ${id}` };
        if (isVoiceFinal(rec.state)) return { error: `voice message ${id} is already final (state ${rec.state})` };
        const code = /^\d$/.test(state) ? Number(state) : own(VOICE_FINAL, state.toLowerCase());
        if (code === undefined || code < VOICE_LISTENED) return { error: `"${state}" is not a final voice state (2, 3, 4, listened, not-listened, error)` };
        rt.voice.force(rec, code);
        return { ok: true };
      }
      return { error: `devino records of kind ${kind} have no state to force (kinds: sms, voice)` };
    },
  };
}

export const devino: ProviderDefinition = {
  slug: 'devino',
  title: 'Devino SMS and voice (integrationapi.net/rest)',
  vendor: 'Devino',
  prefix: '/devino',
  basePath: '/devino/rest',
  hosts: [{ host: 'integrationapi.net' }],
  operations: simOperationsOf(devinoOperations),
  errors: devinoErrors,
  outcomes: OUTCOME_WORDS,
  document: devinoApiDoc,
  adminDocument: devinoAdminDoc,
  ui: devinoUi,
  generate: devinoGenerator,
  create(ctx) {
    const rt = createRuntime(ctx);
    return {
      definition: devino,
      plugin: (app) => devinoApi(app, ctx, rt),
      admin: (app) => devinoAdmin(app, ctx, rt),
      identify: (request) => identify(request, rt),
      numbers,
      records: records(ctx, rt),
    };
  },
};
