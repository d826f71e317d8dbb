// /send/: validates a broadcast, prices each subscriber, takes the money subscriber by subscriber
// (the ones past the point where it runs out get Error_Not_Enough_Money) and starts the calls.
import type { z } from 'zod';
import { roundMoney } from '../../core/accounts.js';
import type { SimContext } from '../../core/context.js';
import { fail, type MobilgroupErrorCode } from './errors.js';
import { intInRange, isElevenDigits, moneyComma, parseSchedule } from './format.js';
import type { Lifecycle } from './lifecycle.js';
import { SLUG, type BroadcastRecord, type CallRecord, type MobilgroupStore } from './store.js';
import { credentialsRead, SendRequest, type AccountFixture, type MobilgroupFixture, type SendResponse } from './schemas.js';
import { callPrice, codePoints, isSpeakable, MAX_MESSAGE_LENGTH, speechSeconds } from './tariff.js';
import { safeParseCompiled } from '../../core/compiledSchema.js';

const SendBody = SendRequest.extend(credentialsRead);

export interface SendDeps {
  ctx: SimContext;
  store: MobilgroupStore;
  fixtures: MobilgroupFixture;
  lifecycle: Lifecycle;
}

/** A subscriber refused at /send/: a phone that is not 11 digits gets Error_No_Subscribers, the closest code of the table. */
type SubscriberRejection = 'Error_No_Subscribers' | 'Error_Message_Too_Long' | 'Error_Not_TTS_File' | 'Error_Not_Enough_Money';

/** A refused subscriber as state lists it. */
const REJECTED_STATUS = {
  Error_No_Subscribers: 'Неверный номер',
  Error_Message_Too_Long: 'Ошибка синтеза',
  Error_Not_TTS_File: 'Ошибка синтеза',
  Error_Not_Enough_Money: 'Недостаточно средств',
} as const satisfies Record<SubscriberRejection, CallRecord['status']>;

/** When nobody in the batch can be called, the request fails with the first subscriber's reason. */
const REQUEST_ERROR_FOR = {
  Error_No_Subscribers: 'Error_No_Subscribers',
  Error_Message_Too_Long: 'Error_Message_Too_Long',
  Error_Not_TTS_File: 'Error_Not_TTS_File',
  Error_Not_Enough_Money: 'Error_Not_Enough_Credits',
} as const satisfies Record<SubscriberRejection, MobilgroupErrorCode>;

const SCHEDULE_ERROR = 'Error_No_Message';
const DIALLING_ERROR = 'Error_No_Message';
const REPEAT_ERROR = 'Error_Not_TTS_File';

/**
 * Which error a malformed field gives, most important first (the order checks run in). Only codes of
 * /send/'s table: `schedule`, `attempts` and `interval` outside the spec's limits have no code of their
 * own, so they get Error_No_Message (the broadcast as asked cannot be made); `repeat` changes the sound
 * file (the "press 1" offer is appended to it), so it gets Error_Not_TTS_File.
 */
const FIELD_ERRORS: [string, MobilgroupErrorCode][] = [
  ['settings.number', 'Error_No_AniPhone'],
  ['settings', 'Error_No_AniPhone'],
  ['settings.message', 'Error_No_Message'],
  ['settings.phrase', 'Error_No_Message'],
  ['settings.script', 'Error_No_Message'],
  ['settings.schedule', SCHEDULE_ERROR],
  ['settings.attempts', DIALLING_ERROR],
  ['settings.interval', DIALLING_ERROR],
  ['settings.repeat', REPEAT_ERROR],
  ['subscribers', 'Error_No_Subscribers'],
];

function errorForIssues(issues: readonly z.core.$ZodIssue[]): MobilgroupErrorCode {
  let best = FIELD_ERRORS.length;
  for (const issue of issues) {
    const [top, field] = issue.path.map(String);
    const exact = FIELD_ERRORS.findIndex(([path]) => path === `${top}.${field}`);
    const rank = exact >= 0 ? exact : FIELD_ERRORS.findIndex(([path]) => path === top);
    if (rank >= 0 && rank < best) best = rank;
  }
  // The sender is the first check: a body with nothing usable fails there, as an empty one does.
  return best < FIELD_ERRORS.length ? FIELD_ERRORS[best][1] : 'Error_No_AniPhone';
}


/** What a script can synthesise: an amount, a number or a date. */
const SUMMA = /^\s*\d+(?:[.,]\d{1,2})?\s*$/;
const PARAM = /^\s*(?:-?\d+(?:[.,]\d+)?|\d{2}\.\d{2}\.\d{4}|\d{4}-\d{2}-\d{2})\s*$/;

interface Prepared {
  phone: string;
  rejected?: SubscriberRejection;
  message?: string;
  duration: number;
  held: number;
}

export function sendBroadcast(deps: SendDeps, account: AccountFixture, body: Record<string, unknown>): SendResponse {
  const { ctx, store, fixtures, lifecycle } = deps;
  // Credentials were read already; a malformed section must not turn into another error.
  const parsed = safeParseCompiled(SendBody, body);
  if (!parsed.success) throw fail(errorForIssues(parsed.error.issues));
  const { settings, subscribers } = parsed.data;

  // "The number must match one registered in your account": exactly, as sent.
  const sender = settings.number;
  if (sender === undefined || !account.numbers.some((n) => n.number === sender)) throw fail('Error_No_AniPhone');

  const given = (['message', 'phrase', 'script'] as const).filter((k) => (settings[k] ?? '').trim() !== '');
  if (given.length !== 1) throw fail('Error_No_Message');
  let content: BroadcastRecord['content'];
  let duration: number;
  if (given[0] === 'message') {
    const text = settings.message as string;
    if (codePoints(text) > MAX_MESSAGE_LENGTH) throw fail('Error_Message_Too_Long');
    if (!isSpeakable(text)) throw fail('Error_Not_TTS_File');
    content = { kind: 'message', text };
    duration = speechSeconds(text);
  } else {
    const kind = given[0];
    const id = (settings[kind] as string).trim();
    const media = (kind === 'phrase' ? account.phrases : account.scripts).find((m) => m.id === id);
    if (!media) throw fail('Error_Not_Media_File');
    content = { kind, id };
    duration = media.duration;
  }

  const now = ctx.clock.now();
  let startAt = now;
  if (settings.schedule !== undefined && settings.schedule.trim() !== '') {
    const at = parseSchedule(settings.schedule);
    if (at === undefined) throw fail(SCHEDULE_ERROR);
    startAt = Math.max(now, at);
  }
  const defaults = account.defaults ?? fixtures.defaults;
  const attempts = optionalInt(settings.attempts, 1, 3, defaults.attempts, DIALLING_ERROR);
  const intervalMin = optionalInt(settings.interval, 1, 60, defaults.interval, DIALLING_ERROR);
  const repeat = optionalInt(settings.repeat, 0, 3, 0, REPEAT_ERROR);

  if (subscribers.length === 0) throw fail('Error_No_Subscribers');
  const prepared: Prepared[] = subscribers.map((s) => {
    // "11-digit format": a phone is stored, dialled and echoed exactly as sent.
    const phone = s.phone ?? '';
    if (!isElevenDigits(phone)) return { phone, rejected: 'Error_No_Subscribers', duration: 0, held: 0 };
    if (content.kind === 'message') {
      // The spec: a subscriber's own text is ignored for phrase and script broadcasts.
      const own = s.message !== undefined && s.message.trim() !== '' ? s.message : undefined;
      if (own === undefined) return { phone, duration, held: 0 };
      if (codePoints(own) > MAX_MESSAGE_LENGTH) return { phone, rejected: 'Error_Message_Too_Long', duration: 0, held: 0 };
      if (!isSpeakable(own)) return { phone, rejected: 'Error_Not_TTS_File', duration: 0, held: 0 };
      return { phone, message: own, duration: speechSeconds(own), held: 0 };
    }
    if (content.kind === 'script') {
      const bad = (value: string | undefined, rule: RegExp) => value !== undefined && value.trim() !== '' && !rule.test(value);
      if (bad(s.summa, SUMMA) || bad(s.param1, PARAM) || bad(s.param2, PARAM) || bad(s.param3, PARAM)) {
        return { phone, rejected: 'Error_Not_TTS_File', duration: 0, held: 0 };
      }
    }
    return { phone, duration, held: 0 };
  });

  // Money is taken in the batch's order; once it runs out, nobody after is called.
  const tariff = account.tariff ?? fixtures.tariff;
  let outOfMoney = false;
  for (const p of prepared) {
    if (p.rejected) continue;
    const price = callPrice(tariff, p.duration);
    if (outOfMoney || !ctx.accounts.charge(SLUG, account.id, price)) {
      outOfMoney = true;
      p.rejected = 'Error_Not_Enough_Money';
    } else {
      p.held = price;
    }
  }
  if (prepared.every((p) => p.rejected)) throw fail(REQUEST_ERROR_FOR[prepared[0].rejected as SubscriberRejection]);

  const broadcast = store.add({
    account: account.id,
    createdAt: now,
    content,
    number: sender,
    startAt,
    attempts,
    intervalMin,
    repeat,
    // One literal with every field, accepted or not: a spread copy plus added keys cost V8 a slow
    // object clone per call, and one shape keeps the lifecycle's property reads monomorphic.
    calls: prepared.map(
      (p): CallRecord => ({
        phone: p.phone,
        rejected: p.rejected,
        message: p.message,
        duration: p.duration,
        held: p.held,
        price: p.held,
        status: p.rejected ? REJECTED_STATUS[p.rejected] : 'В очереди',
        attempts: 0,
        talk: 0,
        date: undefined,
        step: p.rejected ? undefined : 'dial',
        nextAt: p.rejected ? undefined : startAt,
        outcome: undefined,
      }),
    ),
  });
  lifecycle.start(broadcast);

  return {
    result: 'ok',
    id: broadcast.id,
    phones: String(prepared.length),
    budget: moneyComma(roundMoney(prepared.reduce((sum, p) => sum + p.held, 0))),
    subscribers: prepared.map((p) =>
      p.rejected
        ? { phone: p.phone, result: 'error' as const, description: p.rejected }
        : { phone: p.phone, result: 'ok' as const, price: moneyComma(p.held), duration: String(p.duration) },
    ),
  };
}

function optionalInt(text: string | undefined, min: number, max: number, fallback: number, error: MobilgroupErrorCode): number {
  if (text === undefined || text.trim() === '') return fallback;
  const n = intInRange(text, min, max);
  if (n === undefined) throw fail(error);
  return n;
}
