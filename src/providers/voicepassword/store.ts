// VoicePassword's store: one collection of calls by id (ids are global, numeric and sequential as in
// the spec), indexed per account and Moscow day for `daily`; each call carries its SMS fallbacks.
// Each changed call is one change-log line (`call:<id>`); the index and the next id are rebuilt
// from the calls when a data file loads. Data files of the hand-written store (`{nextId, calls,
// byAccountDay}`) load as they are: the index they carry is rebuilt instead.
import { z } from 'zod';
import { collection, defineCollections, scanAll } from '../../core/store/collection.js';
import type { Store } from '../../core/store.js';
import { mskDay, parseMskDate } from './format.js';
import { CallState, SmsState, type VoicePasswordFixture } from './schemas.js';

const SmsStep = z.object({ state: SmsState, at: z.number() });

const SmsRecord = z.object({
  /** Counts SMS fallbacks of the call; a timer of an earlier one finds a newer seq and does nothing. */
  seq: z.number().int(),
  state: SmsState,
  price: z.number(),
  createdAt: z.number(),
  callbackUrl: z.string().optional(),
  /** States still to come, in order, each with its time: persisted so a restart resumes them. */
  steps: z.array(SmsStep),
  /** States it went through after `QUEUED` at `createdAt`, each with its time (absent before the first, and in older data files). */
  history: z.array(z.tuple([SmsState, z.number()])).optional(),
});
export type SmsRecord = z.infer<typeof SmsRecord>;

/** A call as the store keeps it; `/_sim/voicepassword/calls/:id` answers it as it is. */
export const CallRecord = z.object({
  id: z.string(),
  account: z.string(),
  number: z.string(),
  mode: z.enum(['flashcall', 'voice']),
  /** The number the subscriber sees calling; a flash call's code is its tail. */
  caller: z.string(),
  code: z.string(),
  repeat: z.boolean(),
  price: z.number(),
  createdAt: z.number(),
  /** `DIALING` until the result (the personal account's «Дозвон»). */
  state: z.union([z.literal('DIALING'), CallState]),
  /**
   * The result with its time, once known: `[[state, at]]` after `DIALING` at `createdAt`. Absent while
   * dialling, for calls of the fixtures' history (their state is all there is) and in older data files.
   */
  history: z.array(z.tuple([CallState, z.number()])).optional(),
  /** Seconds connected, known once the call ends. */
  duration: z.number(),
  /** The planned result and when it comes, while the call is in progress. */
  plan: z.object({ state: CallState, durationS: z.number(), endsAt: z.number() }).optional(),
  callbackUrl: z.string().optional(),
  /** The latest SMS fallback (the personal account's view). */
  sms: SmsRecord.optional(),
  /** Earlier SMS fallbacks still on their way to a final status: each is charged, so each is reported to the end. */
  earlierSms: z.array(SmsRecord).optional(),
});
export type CallRecord = z.infer<typeof CallRecord>;

export interface CallStore {
  nextId(): string;
  add(call: CallRecord): void;
  /** The account's call, or undefined (another account's id is as unknown as a missing one). */
  get(account: string, id: string): CallRecord | undefined;
  byId(id: string): CallRecord | undefined;
  onDay(account: string, day: string): readonly CallRecord[];
  /** Every call, oldest first: for start-up (resuming calls) and the admin listing, never a provider request. */
  all(): CallRecord[];
  /** Persists `call` after it was changed in place. */
  changed(call: CallRecord): void;
}

/** The index entry of an account's Moscow day (`dd.mm.yyyy`). */
const dayOf = (account: string, day: string) => `${account}\n${day}`;

/** The fixtures' history: calls made before the simulator started. */
function* seed(fixture: VoicePasswordFixture): Generator<[string, CallRecord]> {
  for (const h of fixture.history) {
    const createdAt = parseMskDate(h.date);
    if (createdAt === undefined) throw new Error(`voicepassword history ${h.id}: date "${h.date}" is not dd.mm.yyyy HH:mm:ss`);
    yield [
      h.id,
      { id: h.id, account: h.account, number: h.number, mode: h.mode, caller: '', code: h.code, repeat: false, price: h.price, createdAt, state: h.state, duration: h.duration },
    ];
  }
}

export function createCallStore(store: Store, fixture: VoicePasswordFixture): CallStore {
  const { calls } = defineCollections(store, 'voicepassword', {
    calls: collection({
      kind: 'call',
      parse: CallRecord.parse,
      indexes: { day: (c: CallRecord) => dayOf(c.account, mskDay(c.createdAt)) },
      seed: () => seed(fixture),
      // Not persisted by itself: an id only matters once its call is stored, and loading the call restores the counter.
      sequence: { field: 'nextId', first: () => fixture.firstId, of: Number },
    }),
  });
  return {
    nextId: () => String(calls.nextId()),
    add: (call) => calls.put(call.id, call),
    get(account, id) {
      const call = calls.get(id);
      return call && call.account === account ? call : undefined;
    },
    byId: (id) => calls.get(id),
    onDay: (account, day) => calls.lookup('day', dayOf(account, day)),
    all: () => scanAll(calls),
    changed: (call) => calls.changed(call.id),
  };
}
