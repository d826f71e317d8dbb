// Mobilgroup's wire contract as zod schemas: request bodies (lenient about strings vs numbers,
// as PHP clients send either), response bodies (every number a string, as the spec shows) and
// the fixture file. Validation, the OpenAPI document and client types all derive from these.
import { z } from 'zod';
import { documentedAs, eachRequired } from '../../core/documented.js';

/**
 * A value the spec writes as a string; clients send `"2"` or `2` (and `null` for "not set").
 * The conversions sit inside the union and `optional` outside it, so a string or an absent key
 * (the common cases) passes no transform at all.
 */
const Scalar = z.union([z.string(), z.number().transform(String), z.null().transform(() => undefined)]).optional();

// ---- requests ----

export const Security = z
  .object({
    login: Scalar.describe('Login given at registration'),
    password: Scalar.describe('Password of the login'),
    apiKey: Scalar.describe('API key (instead of login/password)'),
  })
  .loose();

// documentedAs: fields the handler refuses to do without (each with Mobilgroup's own error) are
// required in the document, while the parser lets them through to the handler.
export const SendSettings = documentedAs(
  z
    .object({
      number: Scalar.describe("Sender number; must be one of the account's numbers"),
      schedule: Scalar.describe('Moscow time of the first attempt, "2020-02-04 14:25"; absent: now'),
      attempts: Scalar.describe('Dial attempts when not answered, 1..3; absent: the account setting'),
      interval: Scalar.describe('Minutes between attempts, 1..60; absent: the account setting'),
      repeat: Scalar.describe('0..3: times the subscriber is offered to press 1 to hear the message again'),
      message: Scalar.describe('Text to synthesise (at most 5000 characters); exactly one of message, phrase, script'),
      phrase: Scalar.describe('Phrase id (see /get/ phrases)'),
      script: Scalar.describe('Script id (see /get/ scripts)'),
    })
    .loose(),
  { required: ['number'], oneOf: eachRequired('message', 'phrase', 'script') },
);

export const SendSubscriber = documentedAs(
  z
    .object({
      phone: Scalar.describe('Subscriber number, 11 digits: 79161234567'),
      message: Scalar.describe('Own text for this subscriber (message broadcasts only)'),
      summa: Scalar.describe('Amount synthesised as currency by a script'),
      param1: Scalar.describe('Date or number substituted in a script'),
      param2: Scalar.describe('Date or number substituted in a script'),
      param3: Scalar.describe('Date or number substituted in a script'),
    })
    .loose(),
  { required: ['phone'] },
);

export const SendRequest = z
  .object({
    security: Security.optional(),
    settings: SendSettings,
    subscribers: documentedAs(z.array(SendSubscriber), { minItems: 1 }),
  })
  .loose();
export type SendRequest = z.output<typeof SendRequest>;

/**
 * What the handlers validate: the documented request with `security` left alone, as credentials are
 * read first and a malformed section must not turn into another error (derived, not a second schema).
 */
export const credentialsRead = { security: z.unknown().optional() };

export const GetRequestKind = z.enum(['state', 'balance', 'scripts', 'phrases', 'numbers', 'templates']);

export const GetRequest = documentedAs(
  z
    .object({
      security: Security.optional(),
      request: Scalar.describe('state, balance, scripts, phrases, numbers or templates'),
      id: Scalar.describe('Broadcast id (state) or template id (templates)'),
      account: Scalar.describe('Client id in your CRM (templates)'),
    })
    .loose(),
  { required: ['request'] },
);
export type GetRequest = z.output<typeof GetRequest>;

export const TemplateInput = documentedAs(
  z
    .object({
      id: Scalar.describe('Template id to update; empty or absent creates a template'),
      name: Scalar.describe('Template name'),
      message: Scalar.describe('Template text'),
    })
    .loose(),
  { required: ['name', 'message'] },
);

export const SetRequest = documentedAs(
  z
    .object({
      security: Security.optional(),
      request: Scalar.describe('templates'),
      account: Scalar.describe('Client id in your CRM'),
      templates: z.array(TemplateInput),
    })
    .loose(),
  { required: ['request', 'account'] },
);
export type SetRequest = z.output<typeof SetRequest>;

// ---- responses ----

export const ErrorResponse = z.object({ result: z.literal('error'), error_code: z.string() });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const SendSubscriberResult = z.union([
  z.object({
    phone: z.string(),
    result: z.literal('ok'),
    price: z.string().describe('Price with a decimal comma, "0,91"'),
    duration: z.string().describe('Seconds of the voice message'),
  }),
  z.object({ phone: z.string(), result: z.literal('error'), description: z.string() }),
]);

export const SendResponse = z.object({
  result: z.literal('ok'),
  id: z.string(),
  phones: z.string(),
  budget: z.string().describe('Estimated cost with a decimal comma, "1,82"'),
  subscribers: z.array(SendSubscriberResult),
});
export type SendResponse = z.infer<typeof SendResponse>;

export const TransferView = z.object({ number: z.string(), duration: z.string(), price: z.string(), status: z.string() });
export const SmsView = z.object({ date: z.string(), message: z.string(), partition: z.string(), price: z.string(), status: z.string() });

export const StateSubscriber = z.object({
  phone: z.string(),
  date: z.string().describe('Moscow time of the last attempt, "2020-07-15 14:05:12"; empty before the first'),
  status: z.string(),
  attempts: z.string(),
  duration: z.string(),
  price: z.string().describe('Decimal point, "0.91"'),
  transfer: TransferView.optional(),
  sms: SmsView.optional(),
});
export type StateSubscriber = z.infer<typeof StateSubscriber>;

export const StateResponse = z.object({
  result: z.literal('ok'),
  id: z.string(),
  phones: z.string(),
  budget: z.string().describe('Decimal point, "3.41"'),
  subscribers: z.array(StateSubscriber),
});
export type StateResponse = z.infer<typeof StateResponse>;

export const BalanceResponse = z.object({ result: z.literal('ok'), balance: z.string().describe('"273,50"'), currency: z.literal('Rub') });
export type BalanceResponse = z.infer<typeof BalanceResponse>;

export const MediaListResponse = z.object({
  result: z.literal('ok'),
  data: z.array(z.object({ id: z.string(), name: z.string(), duration: z.string() })),
});
export type MediaListResponse = z.infer<typeof MediaListResponse>;

export const NumbersResponse = z.object({
  result: z.literal('ok'),
  data: z.array(z.object({ number: z.string(), description: z.string() })),
});
export type NumbersResponse = z.infer<typeof NumbersResponse>;

export const TemplateView = z.object({ id: z.string(), account: z.string(), name: z.string(), message: z.string() });
export const TemplatesResponse = z.object({ result: z.literal('ok'), data: z.array(TemplateView) });
export type TemplatesResponse = z.infer<typeof TemplatesResponse>;

export const SetTemplateResult = z.object({ result: z.string(), id: z.string(), name: z.string(), message: z.string() });
export const SetTemplatesResponse = z.object({ result: z.literal('ok'), account_id: z.string(), templates: z.array(SetTemplateResult) });
export type SetTemplatesResponse = z.infer<typeof SetTemplatesResponse>;

// ---- fixtures ----

export const CALL_RESULTS = ['Успешно', 'Занято', 'Нет ответа', 'Недоступен', 'Отклонено', 'Ошибка'] as const;
export const CallResult = z.enum(CALL_RESULTS);
export type CallResult = z.infer<typeof CallResult>;

export const TransferStatus = z.enum(['Успешно', 'Занято', 'Нет ответа']);
export type TransferStatus = z.infer<typeof TransferStatus>;

export const SmsStatus = z.enum(['Доставлено', 'Не доставлено', 'Отправлено']);
export type SmsStatus = z.infer<typeof SmsStatus>;

const Media = z.object({ id: z.string(), name: z.string(), duration: z.number().int().positive() });

export const Tariff = z.object({
  callPerMinute: z.number().nonnegative(),
  transferPerMinute: z.number().nonnegative(),
  smsPerPart: z.number().nonnegative(),
});
export type Tariff = z.infer<typeof Tariff>;

export const AccountFixture = z.object({
  id: z.string().min(1),
  login: z.string().min(1),
  password: z.string().min(1),
  apiKey: z.string().min(1),
  balance: z.number(),
  disabled: z.boolean().default(false),
  numbers: z.array(z.object({ number: z.string().regex(/^\d{11}$/), description: z.string() })).default([]),
  phrases: z.array(Media).default([]),
  scripts: z
    .array(Media.extend({ transfer: z.object({ number: z.string(), duration: z.number().int().nonnegative().default(30) }).optional() }))
    .default([]),
  templates: z.array(z.object({ id: z.string().regex(/^\d+$/), account: z.string(), name: z.string(), message: z.string() })).default([]),
  nextTemplateId: z.number().int().positive().optional(),
  /** The cabinet's "SMS when not answered" setting. */
  smsOnNoAnswer: z.object({ text: z.string().min(1) }).optional(),
  /** The cabinet's "API settings" defaults for attempts and interval. */
  defaults: z.object({ attempts: z.number().int().min(1).max(3), interval: z.number().int().min(1).max(60) }).optional(),
  tariff: Tariff.optional(),
});
export type AccountFixture = z.infer<typeof AccountFixture>;

export const OutcomeFixture = z.object({
  /** Result of each attempt in turn; the last one repeats. */
  results: z.array(CallResult).min(1),
  /** Times the message is heard on an answered call (the subscriber pressed 1 to repeat); capped at 1 + repeat. */
  listens: z.number().int().min(1).optional(),
  ringSeconds: z.number().int().min(0).optional(),
  transfer: z.object({ status: TransferStatus, duration: z.number().int().min(0).optional() }).optional(),
  sms: SmsStatus.optional(),
});
export type OutcomeFixture = z.infer<typeof OutcomeFixture>;

export const MobilgroupFixture = z.object({
  firstBroadcastId: z.number().int().positive().default(1),
  defaults: z.object({ attempts: z.number().int().min(1).max(3), interval: z.number().int().min(1).max(60) }),
  tariff: Tariff,
  accounts: z.array(AccountFixture).min(1),
  /** Magic numbers with fixed outcomes; every other number answers. */
  outcomes: z.record(z.string().regex(/^\d{11}$/), OutcomeFixture).default({}),
});
export type MobilgroupFixture = z.infer<typeof MobilgroupFixture>;
