// The two handlers of the spec: `/send/` (flash call, voice password, SMS fallback) and `/get/`
// (balance, state, daily). Each check throws the spec's error; money is taken last.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { SimContext } from '../../../core/context.js';
import type { AccountFixture, Authenticator } from '../auth.js';
import type { CallRecord, CallStore } from '../store.js';
import { errorForField, fail } from '../errors.js';
import { minutesSeconds, money, mskDateTime, parseMskDate, mskDay } from '../format.js';
import type { Lifecycle } from '../lifecycle.js';
import { normalizeNumber } from '../../../core/phone.js';
import { VOICEPASSWORD_NUMBERS, type NumberRules } from '../numbers.js';
import { decideOutcome } from '../outcomes.js';
import {
  GetRequest,
  SendRequest,
  type BalanceResponse,
  type CallRow,
  type DailyResponse,
  type SendResponse,
  type SmsSendResponse,
  type StateResponse,
  type VoicePasswordFixture,
} from '../schemas.js';
import { safeParseCompiled } from '../../../core/compiledSchema.js';

export const SLUG = 'voicepassword';

export interface RouteDeps {
  ctx: SimContext;
  fixture: VoicePasswordFixture;
  auth: Authenticator;
  calls: CallStore;
  lifecycle: Lifecycle;
  numbers: NumberRules;
}

const STATE_WORDS: Record<CallRecord['state'], string> = {
  DIALING: 'Дозвон',
  ANSWERED: 'Успешно',
  BUSY: 'Занято',
  'NO ANSWER': 'Нет ответа',
  FAIL: 'Ошибка',
  CANCEL: 'Отменен',
};

const SERVICE_NAMES: Record<CallRecord['mode'], string> = { flashcall: 'Flash Call', voice: 'Voice Password' };

const CODE_LENGTH = 4;
const MAX_CAPACITY = 6;
const CALLER_LENGTH = 11;

/** The body as a JSON object; anything else is not a request the provider understands. */
function objectBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw fail('unknown_request');
  return body as Record<string, unknown>;
}

const text = (v: string | number | null | undefined) => (v === undefined || v === null ? undefined : String(v).trim());

function clientCode(raw: string | number | null | undefined): string {
  const code = text(raw);
  if (!code || !new RegExp(`^\\d{${CODE_LENGTH}}$`).test(code)) throw fail('code_not_valid');
  return code;
}

/** `capacity` when sent: 4 by default, more only for a flash call with the service's code. */
function capacityOf(raw: string | number | null | undefined, max: number): number {
  const value = text(raw);
  if (value === undefined || value === '') return CODE_LENGTH;
  if (!/^\d+$/.test(value)) throw fail('code_not_valid');
  const capacity = Number(value);
  if (capacity < CODE_LENGTH || capacity > max) throw fail('code_not_valid');
  return capacity;
}

function repeatOf(raw: string | number | boolean | null | undefined): boolean {
  if (raw === undefined || raw === null || raw === false || raw === 0 || raw === '0' || raw === '') return false;
  if (raw === true || raw === 1 || raw === '1') return true;
  throw fail('unknown_request');
}

function callbackUrlOf(raw: string | null | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw fail('unknown_request');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw fail('unknown_request');
  return value;
}

function row(call: CallRecord): z.infer<typeof CallRow> {
  return {
    id: call.id,
    number: call.number,
    date: mskDateTime(call.createdAt),
    duration: minutesSeconds(call.duration),
    price: money(call.price),
    service: SERVICE_NAMES[call.mode],
    state: STATE_WORDS[call.state],
  };
}

export async function registerRoutes(app: FastifyInstance, deps: RouteDeps) {
  const { ctx, fixture, auth, calls, lifecycle, numbers } = deps;

  /** A number from the pool ending in `tail`, or in random digits. */
  const poolCaller = (tail = '') => {
    const prefix = ctx.random.pick(fixture.callerPrefixes);
    return prefix + ctx.random.digits(Math.max(0, CALLER_LENGTH - prefix.length - tail.length)) + tail;
  };

  const charge = (account: AccountFixture, price: number) => {
    if (!ctx.accounts.charge(SLUG, account.id, price)) throw fail('not_enough_money');
  };

  function sendSms(account: AccountFixture, req: SendRequest): z.infer<typeof SmsSendResponse> {
    const id = text(req.sms?.id);
    if (!id) throw fail('unknown_request');
    const call = calls.get(account.id, id);
    // ID_Not_Found is a code of /get/'s table, not of /send/'s: the closest there is unknown_request.
    if (!call) throw fail('unknown_request');
    const callbackUrl = callbackUrlOf(req.callback_url) ?? call.callbackUrl;
    const price = fixture.prices.sms;
    charge(account, price);
    const override = ctx.scenarios.outcome({ provider: SLUG, kind: 'sms', account: account.id, number: call.number, operation: 'send' });
    lifecycle.startSms(call, { price, callbackUrl }, decideOutcome({ kind: 'sms', number: call.number }, fixture, override));
    return { result: 'ok', id: call.id, number: call.number, price: money(price), message: `Ваш код: ${call.code}` };
  }

  function sendCall(account: AccountFixture, req: SendRequest): z.infer<typeof SendResponse> {
    const number = numbers.check(req.number);
    if (req.voice && req.flashcall) throw fail('unknown_request');
    let mode: CallRecord['mode'];
    let caller: string;
    let code: string;
    let repeat = false;
    if (req.voice) {
      mode = 'voice';
      capacityOf(req.capacity, CODE_LENGTH);
      const given = req.voice.code === undefined || req.voice.code === null ? undefined : clientCode(req.voice.code);
      repeat = repeatOf(req.voice.repeat);
      const aniRaw = req.voice.ani ?? req.voice.api;
      if (aniRaw !== undefined && aniRaw !== null && text(aniRaw) !== '') {
        const ani = normalizeNumber(aniRaw, VOICEPASSWORD_NUMBERS);
        if (!ani || !account.anis.includes(ani)) throw fail('ani_phone_not_valid');
        caller = ani;
      } else {
        caller = poolCaller();
      }
      code = given ?? caller.slice(-CODE_LENGTH);
    } else if (req.flashcall) {
      mode = 'flashcall';
      code = clientCode(req.flashcall.code);
      caller = poolCaller(code);
    } else {
      mode = 'flashcall';
      const capacity = capacityOf(req.capacity, MAX_CAPACITY);
      caller = poolCaller();
      code = caller.slice(-capacity);
    }
    const callbackUrl = callbackUrlOf(req.callback_url);
    const price = fixture.prices[mode];
    charge(account, price);
    const call: CallRecord = {
      id: calls.nextId(),
      account: account.id,
      number,
      mode,
      caller,
      code,
      repeat,
      price,
      createdAt: ctx.clock.now(),
      state: 'DIALING',
      duration: 0,
      callbackUrl,
    };
    const override = ctx.scenarios.outcome({ provider: SLUG, kind: mode, account: account.id, number, operation: 'send' });
    lifecycle.start(call, decideOutcome({ kind: 'call', number, mode, repeat }, fixture, override));
    return { result: 'ok', id: call.id, number, price: money(price), code };
  }

  // Synchronous handlers: Fastify sends what they return and catches what they throw (an async one costs a promise per request).
  app.post('/api/voice-password/send/', { config: { provider: SLUG, operation: 'send' } }, (request) => {
    const body = objectBody(request);
    const account = auth.authenticate(request, body);
    const parsed = safeParseCompiled(SendRequest, body);
    if (!parsed.success) throw fail(errorForField(parsed.error.issues[0].path));
    const req = parsed.data;
    return req.sms ? sendSms(account, req) : sendCall(account, req);
  });

  app.post('/api/voice-password/get/', { config: { provider: SLUG, operation: 'get' } }, (request) => {
    const body = objectBody(request);
    const account = auth.authenticate(request, body);
    const parsed = safeParseCompiled(GetRequest, body);
    if (!parsed.success) {
      const field = parsed.error.issues[0].path[0];
      throw fail(field === 'id' ? 'ID_Not_Found' : field === 'date' ? 'Date_is_Empty' : 'unknown_request');
    }
    const req = parsed.data;
    switch (req.request) {
      case 'balance': {
        const state = ctx.accounts.get(SLUG, account.id);
        const answer: z.infer<typeof BalanceResponse> = { result: 'ok', balance: money(state?.balance ?? 0), currency: account.currency };
        return answer;
      }
      case 'state': {
        const id = text(req.id);
        const call = id ? calls.get(account.id, id) : undefined;
        if (!call) throw fail('ID_Not_Found');
        const answer: z.infer<typeof StateResponse> = { result: 'ok', data: row(call) };
        return answer;
      }
      case 'daily': {
        const date = req.date?.trim();
        if (!date) throw fail('Date_is_Empty');
        const day = parseMskDate(date);
        if (day === undefined || date.length !== 10) throw fail('unknown_request');
        const list = calls.onDay(account.id, mskDay(day)).map(row);
        const answer: z.infer<typeof DailyResponse> = { result: 'ok', rows: String(list.length), data: list };
        return answer;
      }
      default:
        throw fail('unknown_request');
    }
  });
}
