// VoicePassword's slice of the store: calls by id (ids are global, numeric and sequential as in the
// spec), a per-account per-day index for `daily`, and the SMS fallback of each call.
// With a data file each changed call is one change-log line (`call:<id>`, see callKey), so a request
// costs one record's write however many calls are stored; the index and the next id are not logged:
// replaying the calls rebuilds them.
import { z } from 'zod';
import type { Slice, Store } from '../../core/store.js';
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

export const CallStoreState = z.object({
  nextId: z.number().int(),
  calls: z.record(z.string(), CallRecord),
  /** account -> `dd.mm.yyyy` (Moscow) -> call ids in creation order. */
  byAccountDay: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
});
export type CallStoreState = z.infer<typeof CallStoreState>;

export interface CallStore {
  readonly slice: Slice<CallStoreState>;
  nextId(): string;
  add(call: CallRecord): void;
  /** The account's call, or undefined (another account's id is as unknown as a missing one). */
  get(account: string, id: string): CallRecord | undefined;
  byId(id: string): CallRecord | undefined;
  onDay(account: string, day: string): CallRecord[];
  all(): CallRecord[];
  /** Persists `call` after it was changed in place. */
  changed(call: CallRecord): void;
}

/** The change-log key of a call. */
export const callKey = (id: string) => `call:${id}`;

const CALL_PREFIX = 'call:';

function seed(fixture: VoicePasswordFixture): CallStoreState {
  const state: CallStoreState = { nextId: fixture.firstId, calls: {}, byAccountDay: {} };
  for (const h of fixture.history) {
    const createdAt = parseMskDate(h.date);
    if (createdAt === undefined) throw new Error(`voicepassword history ${h.id}: date "${h.date}" is not dd.mm.yyyy HH:mm:ss`);
    const call: CallRecord = {
      id: h.id,
      account: h.account,
      number: h.number,
      mode: h.mode,
      caller: '',
      code: h.code,
      repeat: false,
      price: h.price,
      createdAt,
      state: h.state,
      duration: h.duration,
    };
    index(state, call);
    state.nextId = Math.max(state.nextId, Number(h.id) + 1);
  }
  return state;
}

/** Ids come from requests: `__proto__` or `constructor` must not find anything. */
const own = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

function index(state: CallStoreState, call: CallRecord) {
  state.calls[call.id] = call;
  const days = (state.byAccountDay[call.account] ??= {});
  (days[mskDay(call.createdAt)] ??= []).push(call.id);
}

/**
 * A snapshot is written in chunks from the live state, the index after the calls: a call created
 * meanwhile can be in the index but not in the calls. Its log line adds it again, so the index
 * keeps only stored calls (else `daily` would list that call twice).
 */
function dropUnknownIds(state: CallStoreState): CallStoreState {
  for (const days of Object.values(state.byAccountDay)) {
    for (const [day, ids] of Object.entries(days)) days[day] = ids.filter((id) => Object.hasOwn(state.calls, id));
  }
  return state;
}

function idOfKey(key: string): string {
  if (!key.startsWith(CALL_PREFIX)) throw new Error(`unknown voicepassword record key ${key}`);
  return key.slice(CALL_PREFIX.length);
}

/**
 * Puts a logged call into a state being loaded. A known call is replaced (the index holds ids, and
 * its account and day never change); a new one joins the index behind the calls before it, and the
 * log holds calls in creation order. Ids are never reissued: the next id follows the highest seen.
 */
function loadCall(state: CallStoreState, key: string, json: unknown) {
  const id = idOfKey(key);
  // Calls are never deleted; a deletion line would only drop the record (`onDay` skips missing ids).
  if (json === undefined) {
    delete state.calls[id];
    return;
  }
  const call = CallRecord.parse(json);
  if (call.id !== id) throw new Error(`record ${key} holds call ${call.id}`);
  if (own(state.calls, id)) state.calls[id] = call;
  else index(state, call);
  const n = Number(id);
  if (Number.isSafeInteger(n)) state.nextId = Math.max(state.nextId, n + 1);
}

export function createCallStore(store: Store, fixture: VoicePasswordFixture): CallStore {
  const slice = store.slice<CallStoreState>('voicepassword', {
    init: () => seed(fixture),
    // The snapshot is the state itself, as before per-record lines: older data files still load.
    load: (json) => dropUnknownIds(CallStoreState.parse(json)),
    entries: {
      save: (state, key) => own(state.calls, idOfKey(key)),
      load: loadCall,
    },
  });
  return {
    slice,
    nextId() {
      // Not persisted by itself: an id only matters once its call is stored, and loading the call restores the counter.
      return String(slice.state.nextId++);
    },
    add(call) {
      index(slice.state, call);
      slice.changed(callKey(call.id));
    },
    get(account, id) {
      const call = own(slice.state.calls, id);
      return call && call.account === account ? call : undefined;
    },
    byId: (id) => own(slice.state.calls, id),
    onDay(account, day) {
      const days = own(slice.state.byAccountDay, account);
      const ids = (days && own(days, day)) ?? [];
      return ids.map((id) => own(slice.state.calls, id)).filter((c): c is CallRecord => c !== undefined);
    },
    all: () => Object.values(slice.state.calls),
    changed: (call) => slice.changed(callKey(call.id)),
  };
}
