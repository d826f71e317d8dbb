// Zod schemas of the admin API's inputs and answers: validation here, the OpenAPI document elsewhere.
import { z } from 'zod';
import { ADVANCE_LIMIT_TEXT, clockModeProblem, clockTimeProblem, MAX_ADVANCE_MS, parseDuration } from '../core/clock.js';
import { MAX_TRAFFIC_MINUTES } from '../core/generate/limits.js';
import { ScenarioFile } from '../scenarios/schema.js';
import { documentedAs, eachRequired } from '../core/documented.js';

/** How far one advance moves the clock: up to MAX_ADVANCE_MS. */
const Duration = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration (use milliseconds or e.g. 90s, 2h, 1h30m)` });
    return z.NEVER;
  }
  if (ms > MAX_ADVANCE_MS) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is too long: the clock moves ${ADVANCE_LIMIT_TEXT}` });
    return z.NEVER;
  }
  return ms;
});

// Defined in core (providers' admin extensions document it too); exported here under its component name.
export { AdminErrorResponse as ErrorResponse } from '../core/adminError.js';

/** What /_sim/openapi/<name>.json serves: an OpenAPI 3.1 document (its parts are OpenAPI's own format). */
export const OpenApiDocument = z
  .object({
    openapi: z.literal('3.1.0'),
    info: z.object({ title: z.string(), version: z.string() }).loose(),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .loose()
  .describe('An OpenAPI 3.1 document');

// ---- health and reset ----

export const HealthResponse = z.object({
  status: z.literal('ok'),
  providers: z.array(z.string()),
  now: z.string(),
  persistence: z.union([z.literal('memory'), z.object({ file: z.string(), lastError: z.string().nullable() })]),
  scenarios: z.object({ active: z.array(z.string()), errors: z.number().int() }),
});

export const ResetResponse = z.object({ reset: z.literal(true), now: z.string() });

// ---- generated traffic (src/admin/traffic.ts) ----

export const TrafficBody = z
  .object({
    minutes: z
      .number()
      .int(`minutes must be a whole number from 1 to ${MAX_TRAFFIC_MINUTES}`)
      .min(1, `minutes must be a whole number from 1 to ${MAX_TRAFFIC_MINUTES}`)
      .max(MAX_TRAFFIC_MINUTES, `minutes must be at most ${MAX_TRAFFIC_MINUTES} (one day)`)
      .describe(`Simulated minutes of traffic from the clock's present, 1 to ${MAX_TRAFFIC_MINUTES}; the clock ends that much later`),
    seed: z.number().int('seed must be a whole number').default(1).describe('The same seed on the same state plays the same requests at the same times'),
  })
  .strict();
export const TrafficReport = z.object({
  minutes: z.number().int(),
  seed: z.number().int(),
  from: z.string().describe('Clock time the traffic started'),
  to: z.string().describe('Clock time it ended (the clock is there now)'),
  requests: z.number().int().describe('Provider requests made (Devino logins included)'),
  counts: z
    .record(z.string(), z.record(z.string(), z.number().int()))
    .describe('Per provider, per kind: sms, undeliverable, incoming-sms; broadcast, call; flashcall, voice; call, campaign. `refused`: requests the provider answered with its own error'),
  callbacks: z.object({ deliveries: z.number().int(), failedAttempts: z.number().int() }).describe('Callbacks the traffic caused (they go to a closed loopback port, so they fail and retry)'),
});

// ---- clock ----

export const ClockResponse = z.object({
  now: z.string().describe('ISO time of the simulator clock'),
  epochMs: z.number().int(),
  mode: z.string().describe('real, manual or x<factor>'),
  pendingTimers: z.number().int(),
  fired: z.number().int().optional().describe('Timers fired by this change'),
});

export const AdvanceClockBody = documentedAs(
  z.object({ ms: Duration.optional(), by: Duration.optional() }).refine((b) => (b.ms === undefined) !== (b.by === undefined), { message: 'give exactly one of "ms" or "by"' }),
  { oneOf: eachRequired('ms', 'by') },
);

export const SetClockBody = z.object({
  now: z
    .union([z.iso.datetime({ offset: true }), z.number().int()])
    .superRefine((v, ctx) => {
      const problem = clockTimeProblem(typeof v === 'number' ? v : Date.parse(v));
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional()
    .describe('Absolute time to jump to (moving back fires nothing)'),
  mode: z
    .string()
    .superRefine((m, ctx) => {
      const problem = clockModeProblem(m);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional()
    .describe('real, manual or x<factor> (sped up)'),
});

// ---- scenarios ----

export const ScenarioInfo = z.object({
  name: z.string(),
  description: z.string().optional(),
  source: z.string().describe('File it came from, or (uploaded)'),
  rules: z.number().int(),
  active: z.boolean(),
});

export const ScenarioList = z.object({
  scenarios: z.array(ScenarioInfo),
  active: z.array(z.string()).describe('Globally active, in priority order: the last activated first (it wins ties)'),
  errors: z.array(z.object({ file: z.string(), error: z.string() })).describe('Files whose latest edit could not be loaded (the last good version stays)'),
});

export const ScenarioNameParams = z.object({ name: z.string() });
export const ScenarioDocument = ScenarioFile.describe('A scenario document (JSON); YAML text is accepted as application/yaml');
export const ActiveResponse = z.object({ active: z.array(z.string()) });
export const UploadResponse = z.object({ name: z.string(), rules: z.number().int(), active: z.boolean() });

// ---- providers ----

export const ProviderList = z.object({
  providers: z.array(
    z.object({
      slug: z.string(),
      title: z.string(),
      prefix: z.string(),
      errors: z.array(z.object({ code: z.string(), name: z.string().optional(), description: z.string(), status: z.number().int() })),
      states: z.record(z.string(), z.array(z.string())).describe('Per record kind, the states a record can be forced to'),
    }),
  ),
});

// ---- accounts ----

export const AccountView = z.object({ provider: z.string(), id: z.string(), balance: z.number(), disabled: z.boolean() });
export const AccountList = z.object({ accounts: z.array(AccountView) });
export const AccountsQuery = z.object({ provider: z.string().optional() });
export const AccountParams = z.object({ provider: z.string(), id: z.string() });
export const AccountPatch = documentedAs(
  z
    .object({ balance: z.number().optional(), disabled: z.boolean().optional() })
    .strict()
    .refine((b) => b.balance !== undefined || b.disabled !== undefined, { message: 'give balance and/or disabled' }),
  { minProperties: 1 },
);

// ---- records (messages and calls) ----

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export const RecordsQuery = z.object({
  provider: z.string().optional(),
  kind: z.string().optional().describe('sms, voice, call, flashcall, incoming-sms, broadcast, campaign…'),
  account: z.string().optional(),
  state: z.string().optional(),
  q: z.string().max(200).optional().describe('A phone number in any spelling (+7…, 8…, 7…), or a word of a text, an id, an account'),
  number: z.string().max(40).optional().describe("Only what went to or came from this subscriber's number (any spelling)"),
  limit: int(1, 10_000, 100),
  offset: int(0, 1_000_000, 0).describe('Skips this many of the newest matches (a page further down the list)'),
});

/** What the subscriber's phone shows of a record; each absent where the provider keeps none. */
const PhoneFields = {
  to: z.string().optional().describe('The subscriber for outgoing messages and calls; the sender for an incoming SMS'),
  from: z.string().optional().describe('The sender name or number the subscriber sees; the subscriber for an incoming SMS'),
  incoming: z.boolean().optional().describe('Sent by the subscriber (an incoming SMS)'),
  text: z.string().optional().describe("An SMS's text (this part's, when split)"),
  part: z.number().int().optional(),
  parts: z.number().int().optional(),
  summary: z.string().optional().describe("A call's script, voice file or message"),
  code: z.string().optional().describe('The code a flash call or voice code carried'),
  durationS: z.number().optional().describe('Seconds connected'),
  digits: z.string().optional().describe('Digits pressed during the call'),
};

export const RecordView = z.object({
  provider: z.string(),
  kind: z.string(),
  id: z.string(),
  account: z.string(),
  state: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  history: z.array(z.object({ state: z.string(), at: z.string() })).describe('Every state, oldest first'),
  ...PhoneFields,
});

export const RecordList = z.object({ records: z.array(RecordView), total: z.number().int().describe('Matching records before the limit') });
export const RecordParams = z.object({ provider: z.string(), kind: z.string(), id: z.string() });
export const RecordDetail = RecordView.extend({
  detail: z.unknown().optional().describe("The provider's own view of the record; absent where the provider keeps none (Unibell's media files and folders)"),
});
export const PhoneParams = z.object({ number: z.string().max(40) });
export const PhoneView = z.object({
  number: z.string().describe('The number as the providers store it (7XXXXXXXXXX for a Russian number)'),
  records: z.array(RecordView).describe('Everything it received and sent, oldest first'),
  truncated: z.boolean().describe('True when older records were left out (more than the limit)'),
});
export const PhoneReplyBody = z.object({
  text: z.string().min(1).max(2000),
  provider: z.string().optional().describe('Default: the provider of the latest SMS this number received that takes replies'),
  account: z.string().optional().describe("Default: that SMS's account"),
  to: z.string().optional().describe("The sender replied to; default: that SMS's sender"),
});
export const ForceStateBody = z.object({ state: z.union([z.string().min(1), z.number().int()]).transform(String) });

// ---- journal ----

export const JournalQuery = z.object({
  provider: z.string().optional(),
  operation: z.string().optional(),
  method: z.string().optional(),
  url: z.string().optional().describe('Substring of the URL, or /regex/flags'),
  status: z.coerce.number().int().optional(),
  limit: int(1, 1_000_000, 100),
});
export const JournalCountQuery = JournalQuery.omit({ limit: true });
export const JournalEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  method: z.string(),
  url: z.string(),
  provider: z.string().optional(),
  operation: z.string().optional(),
  account: z.string().optional(),
  status: z.number().int().describe('0 for a transport fault (no HTTP answer)'),
  durationMs: z.number(),
  body: z.unknown().optional(),
  response: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional().describe('Request headers; credentials (authorization, cookies, keys, tokens) masked as ***'),
});
export const JournalList = z.object({ entries: z.array(JournalEntry) });
export const CountResponse = z.object({ count: z.number().int() });
export const ClearedResponse = z.object({ cleared: z.literal(true) });

// ---- callbacks ----

export const CallbacksQuery = z.object({
  provider: z.string().optional(),
  subject: z.string().optional().describe('Message or call id the callback is about'),
  state: z.enum(['scheduled', 'queued', 'in-flight', 'retrying', 'delivered', 'failed', 'dropped']).optional(),
  limit: int(1, 100_000, 100),
});
export const CallbackAttempt = z.object({
  attempt: z.number().int(),
  at: z.number().int(),
  status: z.number().int().optional(),
  latencyMs: z.number(),
  error: z.string().optional(),
  responseBody: z.string().optional(),
});
export const CallbackDelivery = z.object({
  id: z.string(),
  provider: z.string(),
  subject: z.string().optional(),
  method: z.enum(['GET', 'POST']),
  url: z.string(),
  body: z.string().optional(),
  createdAt: z.number().int(),
  state: z.string(),
  attempts: z.array(CallbackAttempt),
  nextAttemptAt: z.number().int().optional(),
  dropReason: z.string().optional(),
  rule: z.string().optional().describe('Scenario rule that changed this delivery'),
});
export const CallbackList = z.object({
  deliveries: z.array(CallbackDelivery),
  stats: z.object({
    pending: z.number(),
    inFlight: z.number(),
    dropped: z.number(),
    delivered: z.number(),
    failed: z.number(),
    limits: z
      .object({ concurrency: z.number(), maxPending: z.number(), logSize: z.number(), timeoutMs: z.number(), retries: z.number() })
      .describe('Requests in flight at once, deliveries waiting or in flight before new ones are dropped, finished deliveries kept, real ms per attempt, retries'),
    lastDropped: z
      .object({ id: z.string(), provider: z.string(), url: z.string(), subject: z.string().optional(), at: z.number(), reason: z.string() })
      .optional()
      .describe('The latest delivery dropped because the queue was full'),
  }),
});
export const IdParams = z.object({ id: z.string() });

export const EventStream = z.string().describe('text/event-stream: `event: <name>` and `data: <json>` for every simulator event');
