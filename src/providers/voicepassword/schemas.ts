// VoicePassword's wire and fixture shapes: the single source of truth for validation and OpenAPI.
// Requests are lenient where real clients are (numbers or strings, PHP's `[]` for an empty
// section); what a field means is checked afterwards, so each fault maps to the spec's own error.
import { z } from 'zod';
import { documentedAs, eachRequired } from '../../core/documented.js';

/** Clients send codes, ids, capacities and numbers as JSON strings or numbers. */
export const Scalar = z.union([z.string(), z.number()]);

/** PHP's json_encode turns an empty associative array into `[]`: read it as an empty section. */
const phpSection = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (Array.isArray(v) && v.length === 0 ? {} : v), schema).nullish();

export const Security = z.looseObject({ apiKey: z.string().optional() });

export const VoiceSection = z.looseObject({
  /** 4 digits spoken to the subscriber; absent: the last 4 digits of the calling number. */
  code: Scalar.nullish(),
  /** 0/1: speak the code twice. */
  repeat: z.union([Scalar, z.boolean()]).nullish(),
  /** Own calling number, registered in the account. */
  ani: Scalar.nullish(),
  /** The spec's parameter table calls `ani` `api`; accepted as an alias. */
  api: Scalar.nullish(),
});

export const FlashcallSection = z.looseObject({
  /** 4 digits that end the calling number. Required in this section. */
  code: Scalar.nullish(),
});

export const SmsSection = z.looseObject({
  /** Id of the earlier call whose code is sent by SMS. */
  id: Scalar.nullish(),
});

/** `number` is required but for an SMS fallback (`sms.id`), which reuses the call's number. */
export const SendRequest = documentedAs(
  z.looseObject({
    security: Security.nullish(),
    number: Scalar.nullish(),
    capacity: Scalar.nullish(),
    callback_url: z.string().nullish(),
    voice: phpSection(VoiceSection),
    flashcall: phpSection(FlashcallSection),
    sms: phpSection(SmsSection),
  }),
  { anyOf: eachRequired('number', 'sms') },
);
export type SendRequest = z.infer<typeof SendRequest>;

export const GetRequest = documentedAs(
  z.looseObject({
    security: Security.nullish(),
    request: z.string().nullish(),
    id: Scalar.nullish(),
    /** `dd.mm.yyyy`, for `daily`. */
    date: z.string().nullish(),
  }),
  { required: ['request'] },
);
export type GetRequest = z.infer<typeof GetRequest>;

export const ErrorResponse = z.object({ result: z.literal('error'), error_code: z.string() });

export const SendResponse = z.object({
  result: z.literal('ok'),
  id: z.string(),
  number: z.string(),
  price: z.string(),
  code: z.string(),
});

export const SmsSendResponse = z.object({
  result: z.literal('ok'),
  id: z.string(),
  number: z.string(),
  price: z.string(),
  message: z.string(),
});

export const BalanceResponse = z.object({ result: z.literal('ok'), balance: z.string(), currency: z.string() });

export const CallRow = z.object({
  id: z.string(),
  number: z.string(),
  /** `dd.mm.yyyy HH:mm:ss`, Moscow time. */
  date: z.string(),
  /** `mm:ss`. */
  duration: z.string(),
  price: z.string(),
  service: z.string(),
  /** Russian state word: Успешно, Занято, Нет ответа, Ошибка, Отменен, Дозвон. */
  state: z.string(),
});

export const StateResponse = z.object({ result: z.literal('ok'), data: CallRow });

export const DailyResponse = z.object({ result: z.literal('ok'), rows: z.string(), data: z.array(CallRow) });

export const CallState = z.enum(['BUSY', 'NO ANSWER', 'ANSWERED', 'FAIL', 'CANCEL']);
export type CallState = z.infer<typeof CallState>;

export const SmsState = z.enum(['QUEUED', 'SEND', 'DELIVERED', 'NOT DELIVERED', 'FAIL']);
export type SmsState = z.infer<typeof SmsState>;

/** POSTed to `callback_url` when a call ends. */
export const CallCallback = z.object({
  id: z.string(),
  number: z.string(),
  /** Seconds, as a string. */
  duration: z.string(),
  state: CallState,
  price: z.string(),
  /** `yyyy-mm-dd HH:mm:ss`, Moscow time. */
  date: z.string(),
});

/** POSTed to `callback_url` on each status of an SMS fallback. */
export const SmsCallback = z.object({
  id: z.string(),
  number: z.string(),
  state: SmsState,
  price: z.string(),
  date: z.string(),
});

const Digits = z.string().regex(/^\d+$/);
const Msisdn = z.string().regex(/^\d{10,15}$/);

export const AccountFixture = z.object({
  id: z.string().min(1),
  apiKey: z.string().min(1),
  balance: z.number().min(0),
  disabled: z.boolean().default(false),
  currency: z.string().default('Rub'),
  /** Own calling numbers (`ani`) registered in the personal account. */
  anis: z.array(Msisdn).default([]),
});

const Seconds = z.number().min(0);

export const OutcomeFixture = z.object({
  call: CallState.default('ANSWERED'),
  sms: z.enum(['DELIVERED', 'NOT DELIVERED', 'FAIL']).default('DELIVERED'),
});

export const HistoryFixture = z.object({
  id: z.string().regex(/^\d+$/),
  account: z.string(),
  number: Msisdn,
  mode: z.enum(['flashcall', 'voice']),
  code: Digits,
  /** `dd.mm.yyyy HH:mm:ss`, Moscow time. */
  date: z.string(),
  duration: Seconds,
  price: z.number().min(0),
  state: CallState,
});

export const VoicePasswordFixture = z.object({
  accounts: z.array(AccountFixture).min(1),
  prices: z.object({ flashcall: z.number().min(0), voice: z.number().min(0), sms: z.number().min(0) }),
  /** Calling numbers are a pool prefix followed by random digits (11 in all); short prefixes keep 6-digit codes random. */
  callerPrefixes: z.array(z.string().regex(/^\d{1,5}$/)).min(1),
  /** Known directions: a number matches one by prefix and total length, else `number_not_valid`. */
  directions: z.array(z.object({ prefix: Digits, length: z.number().int().min(10).max(15), name: z.string() })).min(1),
  prohibitedPrefixes: z.array(Digits).default([]),
  spamList: z.array(Msisdn).default([]),
  /** Magic numbers with a fixed outcome; every other number is answered and its SMS delivered. */
  outcomes: z.record(Msisdn, OutcomeFixture).default({}),
  timing: z
    .object({
      answerAfterS: Seconds.default(4),
      flashDurationS: Seconds.default(1),
      voiceDurationS: Seconds.default(6),
      voiceRepeatDurationS: Seconds.default(11),
      busyAfterS: Seconds.default(3),
      noAnswerAfterS: Seconds.default(30),
      failAfterS: Seconds.default(1),
      cancelAfterS: Seconds.default(1),
      smsSendAfterS: Seconds.default(1),
      smsFinalAfterS: Seconds.default(5),
    })
    .prefault({}),
  /** First request id handed out (ids are sequential numeric strings, as in the spec). */
  firstId: z.number().int().min(1).default(100000),
  /** Calls that exist before any request: the spec's own examples. */
  history: z.array(HistoryFixture).default([]),
});
export type VoicePasswordFixture = z.infer<typeof VoicePasswordFixture>;
export type Timing = VoicePasswordFixture['timing'];
