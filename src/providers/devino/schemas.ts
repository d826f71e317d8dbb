// Devino's wire contract as zod schemas: operation parameters (names as the spec writes them;
// matched case-insensitively), response bodies and the fixture file. Validation, the OpenAPI
// document and client types all derive from these.
import { z } from 'zod';
import { verbatim } from './params.js';

const sessionId = z.string().describe('Session id from /User/SessionId (36 characters)');
const destination = z.string().describe('Recipient in international format: 79031234567 or +79031234567');
const source = z.string().describe('Sender: up to 11 Latin characters or up to 15 digits, registered for the account');
const data = verbatim(z.string().describe('Message text, at most 2000 characters, kept exactly as sent (spaces and newlines count)'));
const validity = z.string().optional().describe('Lifetime of the message in minutes (0 or absent: the platform default)');
const sendDate = z.string().describe('Send time, e.g. 2011-01-28T16:00:00');

export const SessionIdParams = z.object({
  Login: z.string().describe('Login given at registration'),
  Password: z.string().describe('Password of the login'),
});

export const BalanceParams = z.object({ SessionID: sessionId });

export const SmsSendParams = z.object({
  SessionID: sessionId,
  DestinationAddress: destination,
  Data: data,
  SourceAddress: source,
  SendDate: sendDate.optional().describe('Send time in GMT+3 (Moscow), e.g. 2011-01-28T16:00:00; absent: now'),
  Validity: validity,
});

export const SmsSendByTimeZoneParams = z.object({
  SessionID: sessionId,
  DestinationAddress: destination,
  Data: data,
  SourceAddress: source,
  SendDate: sendDate.describe("Send time in the recipient's own time zone, e.g. 2011-01-28T16:00:00"),
  Validity: validity,
});

export const SmsSendBulkParams = z.object({
  SessionID: sessionId,
  DestinationAddresses: z
    .array(destination)
    .describe('Recipients: the key repeated, with [] or [i], or DestinationAddress; one bad number rejects the batch'),
  Data: data,
  SourceAddress: source,
  SendDate: sendDate.optional().describe('Send time in GMT+3 (Moscow); absent: now'),
  Validity: validity,
});

export const SmsStateParams = z.object({
  SessionID: sessionId,
  MessageID: z.string().describe('One segment id as returned by a send'),
});

export const SmsInParams = z.object({
  SessionID: sessionId,
  MinDateUTC: z.string().describe('Start of the period, UTC, e.g. 2011-01-28T16:00:00; at most one year back'),
  MaxDateUTC: z.string().describe('End of the period, UTC; after MinDateUTC'),
});

export const SmsStatisticsParams = z.object({
  SessionID: sessionId,
  StartDateTime: z.string().describe('Start of the period, GMT+3'),
  EndDateTime: z.string().describe('End of the period, GMT+3; at most 90 days after the start'),
});

export const VoiceSendParams = z.object({
  SessionID: sessionId,
  SourceAddress: z.string().describe('Russian number in E.164 registered for the account, e.g. 74957722345'),
  DestinationAddress: destination,
  FileId: z.string().describe("Id of a file in the account's media library"),
  SendDate: z.string().optional().describe('Send time in UTC+3; absent: now'),
  RetryCount: z.string().optional().describe('Dial attempts, 1 to 10 (default 1)'),
  Gap: z.string().optional().describe('Minutes between attempts (default 10)'),
  Dtmf: z.string().optional().describe('true to collect DTMF digits (default false)'),
});

export const VoiceStateParams = z.object({
  SessionID: sessionId,
  MessageID: z.string().describe('Id returned by /Voice/Send'),
});

export const ErrorResponse = z.object({ Code: z.number().int().min(1).max(9), Desc: z.string() });
export const SessionIdResponse = z.string().length(36);
export const BalanceResponse = z.number();
export const SmsIdsResponse = z.array(z.string()).min(1);
const dotNetDate = z.string().regex(/^\/Date\(-?\d+\)\/$/);
export const SmsStateResponse = z.object({
  State: z.number().int(),
  CreationDateUtc: dotNetDate.nullable(),
  SubmittedDateUtc: dotNetDate.nullable(),
  ReportedDateUtc: dotNetDate.nullable(),
  TimeStampUtc: dotNetDate,
  StateDescription: z.string(),
  Price: z.number().nullable(),
});
export const IncomingSmsResponse = z.array(
  z.object({
    Data: z.string(),
    SourceAddress: z.string(),
    DestinationAddress: z.string(),
    ID: z.number().int(),
    CreatedDateUtc: dotNetDate,
  }),
);
export const StatisticsResponse = z.object({
  Sent: z.number().int(),
  Delivered: z.number().int(),
  Errors: z.number().int(),
  InProcess: z.number().int(),
  Expired: z.number().int(),
  Rejected: z.number().int(),
  Total: z.number().int(),
  TotalWithErrors: z.number().int(),
  DeliveryRatio: z.number(),
});
/** The incoming-SMS push (devino-rest-notes.md): a GET to the account's URL with these fields in the query string. */
export const IncomingPushQuery = z.object({
  sourcePhone: z.string().describe("The subscriber's number"),
  number: z.string().describe('The number the SMS was sent to'),
  prefix: z.string().describe('The first word of the text'),
  text: z.string(),
  messageId: z.string(),
});

export const VoiceSendResponse = z.object({ messageId: z.number().int() });
export const VoiceStateResponse = z.object({ state: z.number().int().min(0).max(4), desc: z.string() });

const VoiceAttemptOutcome = z.enum(['answered', 'no-answer', 'busy', 'error']);

export const SmsOutcomeFixture = z.object({
  /** Final state the SMS reaches (0 delivered, 42 rejected by the SMSC, …); `pending` stays sent until validity expires. */
  state: z.union([z.number().int(), z.literal('pending')]),
  /** Milliseconds after submission at which the final state is reported. */
  afterMs: z.number().int().min(0).optional(),
  /** An incoming reply from the subscriber, `afterMs` after delivery. */
  reply: z.object({ text: z.string(), afterMs: z.number().int().min(0).default(30_000) }).optional(),
});

export const VoiceOutcomeFixture = z.object({
  /** Result of each dial attempt in order; the last one repeats for further attempts. */
  attempts: z.array(VoiceAttemptOutcome).min(1),
  /** Seconds the subscriber listens before hanging up (default: the file's duration). */
  listenSec: z.number().int().min(0).optional(),
  dtmf: z.string().regex(/^[0-9*#]*$/).optional(),
});

export const DevinoFixture = z.object({
  accounts: z
    .array(
      z.object({
        login: z.string().min(1),
        password: z.string().min(1),
        balance: z.number(),
        disabled: z.boolean().default(false),
        senders: z.array(z.string()).default([]),
        /** URL Devino calls for each incoming SMS (devino-rest-notes.md, "Incoming SMS push"); settable at run time. */
        incomingPushUrl: z.url({ protocol: /^https?$/ }).optional(),
        /** Price of one SMS segment per operator (keys from fixtures/numbering.json), with `default` for the rest. */
        smsTariffs: z.record(z.string(), z.number().min(0)).refine((t) => 'default' in t, { message: 'needs a "default" tariff' }),
        voice: z
          .object({
            sourceNumbers: z.array(z.string()).default([]),
            files: z.array(z.object({ id: z.number().int(), name: z.string(), durationSec: z.number().int().min(1) })).default([]),
            /** Price of one voice message, charged when it is accepted. */
            price: z.number().min(0).default(0),
          })
          .default({ sourceNumbers: [], files: [], price: 0 }),
      }),
    )
    .min(1),
  timings: z.object({
    sessionTtlMinutes: z.number().int().min(1).default(120),
    smsSubmitMs: z.number().int().min(0).default(1_000),
    smsDeliverMs: z.number().int().min(0).default(5_000),
    defaultValidityMinutes: z.number().int().min(1).default(1_440),
    /** States of ids older than this answer 255 (unknown), as on the real platform. */
    stateRetentionHours: z.number().int().min(1).default(48),
    voiceDialMs: z.number().int().min(0).default(2_000),
    voiceRingMs: z.number().int().min(0).default(20_000),
    voiceDefaultGapMinutes: z.number().int().min(0).default(10),
  }),
  magicNumbers: z
    .record(z.string().regex(/^\d{10,15}$/), z.object({ note: z.string().optional(), sms: SmsOutcomeFixture.optional(), voice: VoiceOutcomeFixture.optional() }))
    .default({}),
});

export type DevinoFixture = z.infer<typeof DevinoFixture>;
export type DevinoAccountFixture = DevinoFixture['accounts'][number];
export type SmsOutcomeFixture = z.infer<typeof SmsOutcomeFixture>;
export type VoiceOutcomeFixture = z.infer<typeof VoiceOutcomeFixture>;
export type VoiceAttemptOutcome = z.infer<typeof VoiceAttemptOutcome>;
