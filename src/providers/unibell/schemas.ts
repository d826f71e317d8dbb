// Unibell's wire contract as zod schemas: request bodies, response bodies, callback queries and
// the fixture file. Validation, the OpenAPI document and client types all derive from these.
// A zod failure is a wrong JSON scheme (`invalidSchemeError`); values that parse but make no
// sense (unknown ids, bad numbers, bad dates) are checked afterwards (`invalidDataError`).
import { z } from 'zod';
import { documentedAs, eachRequired } from '../../core/documented.js';

/** The spec types ids, flags, counts and intervals `int`: a JSON number, nothing else (invalidSchemeError). */
const Int = z.number().int();
/** The spec types `reference`, `sourceAddr` and `destAddr` `string`: a JSON string, kept as sent. */
const Str = z.string();

export const StatusValue = z.enum([
  'ok',
  'invalidAccessKeyError',
  'requiredJsonError',
  'invalidSchemeError',
  'invalidDataError',
  'prohibitedForAppError',
  'prohibitedForServiceError',
  'rpcError',
]);
export type StatusValue = z.infer<typeof StatusValue>;

// ---- requests ----

export const PaginationQuery = z.object({
  page: z.string().optional().describe('Page number, from 1'),
  per_page: z.string().optional().describe('Items per page (default 20, at most 1000)'),
  disable_pagination: z.string().optional().describe('1 or true: every item on one page'),
});

export const MediaNameBody = z.object({
  name: z.string().describe('Folder name (create) or new name of a file or folder (rename)'),
});

export const MediaIdParams = z.object({ id: z.string().describe('Media id') });

/** A multipart upload: the first file part is stored; a `name` field before it names the file. */
export const MediaUploadBody = z.object({
  name: z.string().optional().describe('Name of the file in the library; default: the part\'s file name'),
  file: z.file().describe('The file (WAV, MP3, …)'),
});

export const SingleActivateBody = z.object({
  reference: Str.optional().describe('Client value echoed in the start and end callbacks'),
  sourceAddr: Str.optional().describe('Calling number, e.g. 74952120000; default: the first number of the account'),
  destAddr: Str.describe('Called number, e.g. 79161234567'),
  scenarioData: z.string().optional().describe('Scenario variables as k=v pairs joined by &'),
});

const repeatFields = {
  isRepeat: Int.optional().describe('1: repeats are made, 0: not'),
  repeatBusy: Int.optional(),
  repeatBusyCount: Int.optional(),
  repeatBusyInt: Int.optional().describe('Seconds before a repeat'),
  repeatAnswered: Int.optional(),
  repeatAnsweredCount: Int.optional(),
  repeatAnsweredInt: Int.optional(),
  repeatFailed: Int.optional(),
  repeatFailedCount: Int.optional(),
  repeatFailedInt: Int.optional(),
  repeatNoAnswer: Int.optional(),
  repeatNoAnswerCount: Int.optional(),
  repeatNoAnswerInt: Int.optional(),
};

/** Exactly one of numberId and numberPoolId: the handler answers invalidSchemeError without either, invalidDataError with both. */
export const CampaignActivateBody = documentedAs(
  z.object({
    numberId: Int.optional().describe('A-number id (or numberPoolId)'),
    numberPoolId: Int.optional().describe('Number pool id (or numberId)'),
    abonentListId: Int.describe('Abonent (B-number) list id'),
    startDateTime: z.string().optional().describe('Start, Moscow time: 2024-10-31 09:00:00; default now'),
    workStartTime: z.string().optional().describe('Daily window start (time of day is used), Moscow time'),
    workEndTime: z.string().optional().describe('Daily window end (time of day is used), Moscow time'),
    ...repeatFields,
  }),
  { oneOf: eachRequired('numberId', 'numberPoolId') },
);

export const RecordQuery = z.object({ reference: z.string().describe('Reference of the call, as in the end callback') });

// ---- responses ----

export const ErrorResponse = z.object({ status: StatusValue.exclude(['ok']), errorReason: z.string().optional() });
export const OkResponse = z.object({ status: z.literal('ok') });

export const MediaItemView = z.object({
  id: z.number().int(),
  name: z.string(),
  createdDateTime: z.string().describe('Moscow time, YYYY-MM-DD HH:mm:ss'),
  isFolder: z.union([z.literal(0), z.literal(1)]),
});
export type MediaItemView = z.infer<typeof MediaItemView>;

export const PaginationView = z.object({
  totalItems: z.number().int(),
  currentPage: z.number().int(),
  totalPages: z.number().int(),
});
export type PaginationView = z.infer<typeof PaginationView>;

export const MediaListResponse = z.object({ status: z.literal('ok'), pagination: PaginationView, media: z.array(MediaItemView) });
export const MediaItemResponse = z.object({ status: z.literal('ok'), media: MediaItemView });
export const CampaignActivateResponse = z.object({ status: z.literal('ok'), requestId: z.string().regex(/^[0-9a-f]{32}$/) });
export const BalanceResponse = z.object({
  status: z.literal('ok'),
  personalAccountId: z.string(),
  balance: z.string().describe('Decimal with a dot and at least one fraction digit: "100.0"'),
});
export const NoRecordsResponse = z.object({ errorReason: z.literal('No records found') });

// ---- callbacks (GET, parameters in the query) ----

export const StartCallbackQuery = z.object({ type: z.literal('startCallback'), reference: z.string() });
export const EndCallbackQuery = z.object({
  reference: z.string(),
  type: z.literal('endCallback'),
  state: z.enum(['2', '5']).describe('2 STATE_OK, 5 STATE_ERR'),
  error: z.enum(['0', '16', '17', '19', '34', '1001', '1002', '1017', '1003']),
  duration: z.string().describe('Talk time in seconds'),
  appKey: z.string(),
});

// ---- admin ----

const CallbackUrl = z
  .url({ protocol: /^https?$/ })
  .nullable()
  .describe('http(s) URL, credentials in it become Basic auth; null disables the callback');

export const AppCallbacksPatch = z
  .object({ startCallbackUrl: CallbackUrl.optional(), endCallbackUrl: CallbackUrl.optional() })
  .strict();

export const AppView = z.object({
  accessKey: z.string(),
  name: z.string(),
  personalAccountId: z.string(),
  startCallbackUrl: z.string().nullable(),
  endCallbackUrl: z.string().nullable(),
});

export const AppListResponse = z.object({ apps: z.array(AppView) });

// ---- fixtures ----

export const OutcomeKind = z.enum(['answered', 'busy', 'noAnswer', 'unreachable', 'congestion', 'scriptError', 'rpcError']);
export type OutcomeKind = z.infer<typeof OutcomeKind>;

export const MagicOutcome = z.object({
  outcome: OutcomeKind,
  /** For scriptError: 1001 play, 1002/1017 TTS, 1003 ASR. */
  error: z.union([z.literal(1001), z.literal(1002), z.literal(1017), z.literal(1003)]).optional(),
  durationSec: z.number().int().min(0).optional(),
});
export type MagicOutcome = z.infer<typeof MagicOutcome>;

const Msisdn = z.string().regex(/^\d{10,15}$/);

export const UnibellFixture = z.object({
  accounts: z
    .array(
      z.object({
        id: z.string().min(1),
        balance: z.number(),
        disabled: z.boolean().optional(),
        /** Price of a started minute of an answered call. */
        perMinute: z.number().min(0).default(1),
      }),
    )
    .min(1),
  apps: z.array(
    z.object({
      accessKey: z.string().min(8),
      account: z.string(),
      name: z.string(),
      /** Which `/apps/activate` forms the app allows; the other gives prohibitedForAppError. */
      forms: z.array(z.enum(['single', 'campaign'])).default(['single', 'campaign']),
      startCallbackUrl: z.string().nullable().default(null),
      endCallbackUrl: z.string().nullable().default(null),
    }),
  ),
  numbers: z.array(z.object({ id: z.number().int(), account: z.string(), number: Msisdn })),
  numberPools: z.array(z.object({ id: z.number().int(), account: z.string(), numberIds: z.array(z.number().int()).min(1) })),
  abonentLists: z.array(z.object({ id: z.number().int(), account: z.string(), name: z.string(), numbers: z.array(Msisdn) })),
  media: z.array(
    z.object({
      id: z.number().int().min(1),
      account: z.string(),
      parentId: z.number().int().nullable().default(null),
      name: z.string().min(1),
      createdDateTime: z.string(),
      isFolder: z.boolean(),
      /** Files are generated tones (WAV) so the fixture needs no binary blobs. */
      toneHz: z.number().min(20).max(4000).optional(),
      toneMs: z.number().int().min(10).max(10_000).optional(),
    }),
  ),
  timing: z.object({
    /** Activation to the start of dialling of a single call. */
    dialDelaySec: z.number().min(0),
    ringSec: z.number().min(0),
    busySec: z.number().min(0),
    noAnswerSec: z.number().min(0),
    unreachableSec: z.number().min(0),
    congestionSec: z.number().min(0),
    /** Talk time of an answered call with no magic duration. */
    talkSec: z.number().int().min(1),
    /** Talk time before a play/TTS/ASR failure ends the call. */
    scriptFailSec: z.number().int().min(0),
  }),
  magicNumbers: z.record(Msisdn, MagicOutcome),
});
export type UnibellFixture = z.infer<typeof UnibellFixture>;
