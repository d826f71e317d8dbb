// The scenario file format: a named list of rules, each a matcher plus effects. This zod schema is
// the single description of the format: files are validated with it and `scenarios/schema.json`
// (for editors) is generated from it.
import { z } from 'zod';
import { parseDuration } from '../core/clock.js';
import { documentedAs, eachRequired } from '../core/documented.js';

/** `250`, `"250ms"`, `"30s"`, `"2m"`, `"1h30m"`: milliseconds. */
export const Duration = z
  .union([z.number().nonnegative(), z.string().regex(/^\s*\d+(\.\d+)?(ms|s|m|h|d)?(\d+(\.\d+)?(ms|s|m|h|d))*\s*$/, 'a duration like 250, 250ms, 30s, 2m or 1h30m')])
  .describe('Milliseconds, or a duration like 250ms, 30s, 2m, 1h30m')
  .transform((v) => parseDuration(v) as number)
  // The output (a scenario as loaded, in the admin API) is milliseconds: said, so it is not an unconstrained `{}`.
  .pipe(z.number().nonnegative());

/** A fixed duration or a range `{min, max}` drawn from the rule's seeded generator. */
export const DurationRange = z.union([
  Duration,
  z
    .object({ min: Duration, max: Duration })
    .strict()
    .refine((r) => r.max >= r.min, { message: 'max must not be less than min', path: ['max'] }),
]);
export type DurationRange = z.output<typeof DurationRange>;

const OneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** Glob (`7999*`, `?` one character) or `/regex/flags`; numbers compare as text. */
export const Pattern = z.union([z.string(), z.number(), z.boolean()]).describe('Exact text, a glob with * and ?, or /regex/flags');

export const Match = z
  .object({
    provider: OneOrMany.optional().describe('Provider slug(s): devino, mobilgroup, voicepassword, unibell'),
    operation: OneOrMany.optional().describe('Operation name(s) from the route config, e.g. Sms/Send, send, apps.activate (case-insensitive)'),
    method: OneOrMany.optional().describe('HTTP method(s)'),
    account: OneOrMany.optional().describe('Provider account id(s) the request authenticates as'),
    number: Pattern.optional().describe('A subscriber number of the request (or of the message or call) matches this pattern'),
    kind: OneOrMany.optional().describe('Record kind for outcome rules: sms, voice, call, flashcall…'),
    body: z.record(z.string(), Pattern).optional().describe('Dot paths into the request (body and query) or callback body, each with a pattern'),
  })
  .strict();
export type Match = z.output<typeof Match>;

export const FaultKind = z.enum(['reset', 'hang', 'empty', 'malformed', 'http']);

export interface FaultSpec {
  type: z.infer<typeof FaultKind>;
  status?: number;
  body?: string;
  hangFor?: number;
}

export const Fault = z.union([
  z.enum(['reset', 'hang', 'empty', 'malformed']).transform((type) => ({ type })),
  z
    .number()
    .int()
    .min(500)
    .max(599)
    .transform((status) => ({ type: 'http' as const, status })),
  z
    .object({
      type: FaultKind,
      status: z.number().int().min(500).max(599).optional().describe('HTTP status of an http fault (default 502)'),
      body: z.string().optional().describe('Body of an http or malformed fault'),
      hangFor: Duration.optional().describe('How long a hang holds the connection before closing it (real time, default 5m)'),
    })
    .strict(),
]).transform((f): FaultSpec => f);
export type Fault = z.output<typeof Fault>;

export const ErrorEffect = z
  .union([
  z.union([z.string().min(1), z.number().int()]).transform((code) => ({ code: String(code) })),
  z
    .object({
      code: z.union([z.string().min(1), z.number().int()]).transform(String),
      message: z.string().optional().describe('Replaces the catalogue text where the envelope carries one'),
    })
    .strict(),
  ])
  .transform((e): { code: string; message?: string } => e);
export type ErrorEffect = z.output<typeof ErrorEffect>;

/** A whole number of seconds drawn from `min`..`max` (a call's duration). */
const SecondsRange = z
  .object({ min: z.number().int().nonnegative(), max: z.number().int().nonnegative() })
  .strict()
  .refine((r) => r.max >= r.min, { message: 'max must not be less than min', path: ['max'] });

/** Random digits in place of fixed ones: what a subscriber keys in when a test does not care which. */
const GeneratedDtmf = z
  .object({ generate: z.literal(true), length: z.number().int().min(1).max(20).default(1).describe('How many digits (default 1)') })
  .strict();

/** A reply's text, given or generated (faker's Russian names in a subscriber's usual answers). */
const GeneratedReply = documentedAs(
  z
    .object({
      text: z.string().optional(),
      generate: z.literal(true).optional().describe('Make the text up (in Russian), from the rule\'s seeded generator'),
      after: Duration.default(30_000),
    })
    .strict()
    .refine((r) => (r.text === undefined) !== (r.generate === undefined), { message: 'give the reply a text or generate: true (one of them)' }),
  { oneOf: eachRequired('text', 'generate') },
);

export const OutcomeEffect = z
  .object({
    state: z.union([z.string().min(1), z.number().int()]).transform(String).optional().describe(
      'Final state: answered, busy, no-answer, failed, unreachable, rejected, cancel, congestion (calls); delivered, undeliverable, failed, expired, pending (SMS); or the provider\'s own word or code',
    ),
    attempts: z
      .array(z.union([z.string().min(1), z.number().int()]).transform(String))
      .min(1)
      .optional()
      .describe('Result of each dial attempt in turn; the last one repeats'),
    after: Duration.optional().describe('When the final state is reached (from submission or dialling)'),
    duration: z
      .union([z.number().nonnegative(), SecondsRange])
      .optional()
      .describe('Seconds the call is connected, or a range {min, max} drawn from the rule\'s seeded generator'),
    dtmf: z
      .union([z.string().regex(/^[0-9*#]*$/), GeneratedDtmf])
      .optional()
      .describe('Digits the subscriber presses, or {generate: true, length} for random digits from the rule\'s seeded generator'),
    reply: GeneratedReply.optional().describe('An incoming SMS from the subscriber: its text, or {generate: true} for a Russian reply made up by faker'),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, { message: 'give at least one of state, attempts, after, duration, dtmf, reply' });
export type OutcomeEffect = z.output<typeof OutcomeEffect>;

/** An outcome with its generated parts drawn: what providers apply. */
export type ResolvedOutcome = Omit<OutcomeEffect, 'duration' | 'dtmf' | 'reply'> & {
  duration?: number;
  dtmf?: string;
  reply?: { text: string; after: number };
};

export const CallbackEffect = z
  .object({
    delay: DurationRange.optional().describe('Simulated time before the first attempt'),
    drop: z.boolean().optional().describe('The callback is never sent (logged as dropped)'),
    duplicate: z.number().int().min(1).max(10).optional().describe('Extra copies sent after the original'),
    reorder: z
      .union([
        z.boolean(),
        z
          .object({
            window: Duration.default(60_000),
            count: z.number().int().min(2).default(2),
            by: z.enum(['rule', 'subject']).default('rule').describe('rule: every callback the rule matches waits in one group; subject: each message or call has its own group'),
          })
          .strict(),
      ])
      .optional()
      .describe('Hold callbacks until `count` are waiting (or `window` passes), then send them newest first'),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, { message: 'give at least one of delay, drop, duplicate, reorder' });
export type CallbackEffect = z.output<typeof CallbackEffect>;

// The document says what the refinement checks: a rule without any effect is refused.
export const Rule = documentedAs(
  z
    .object({
      name: z.string().optional(),
      match: Match.default({}),
      times: z.number().int().min(1).optional().describe('Apply at most this many times'),
      after: z.number().int().min(0).default(0).describe('Skip the first n matches'),
      probability: z.number().min(0).max(1).optional().describe('Chance of applying to each match, from the seeded generator'),
      latency: DurationRange.optional().describe('Real time added before the answer'),
      error: ErrorEffect.optional().describe("The provider's own error, by its code or name, in its own envelope"),
      fault: Fault.optional().describe('Transport fault: reset, hang, empty, malformed, or an HTTP 5xx'),
      outcome: OutcomeEffect.optional().describe('How what was sent ends'),
      callbacks: CallbackEffect.optional().describe('How callbacks are delivered'),
    })
    .strict()
    .superRefine((r, ctx) => {
      const request = r.latency !== undefined || r.error !== undefined || r.fault !== undefined;
      const phases = [request, r.outcome !== undefined, r.callbacks !== undefined].filter(Boolean).length;
      if (phases === 0) ctx.addIssue({ code: 'custom', message: 'a rule needs an effect: latency, error, fault, outcome or callbacks' });
      if (phases > 1) ctx.addIssue({ code: 'custom', message: 'request effects (latency, error, fault), outcome and callbacks act at different times: put them in separate rules' });
      if (r.error && r.fault) ctx.addIssue({ code: 'custom', message: 'give an error or a fault, not both', path: ['fault'] });
    }),
  { anyOf: eachRequired('latency', 'error', 'fault', 'outcome', 'callbacks') },
);
export type Rule = z.output<typeof Rule>;

export const ScenarioName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore');

export const ScenarioFile = z
  .object({
    $schema: z.string().optional(),
    name: ScenarioName,
    description: z.string().optional(),
    rules: z.array(Rule).min(1),
  })
  .strict();
export type ScenarioFile = z.output<typeof ScenarioFile>;

/** The JSON Schema of the file format (input side: what a user writes). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioFile, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://provider-sim.local/scenarios/schema.json',
    title: 'provider-sim scenario',
    description: 'A named list of rules: what requests, outcomes or callbacks they match and what they do to them.',
  };
}
