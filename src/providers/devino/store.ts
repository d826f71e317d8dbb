// Devino's slice of the store: sessions, SMS segments, voice messages and incoming SMS, held in
// Maps with per-account indexes (lookups never scan), saved to the data file as plain arrays.
import { createShardedMap, type ShardedMap } from '../../core/shardedMap.js';
import type { Slice, Store } from '../../core/store.js';
import type { SmsEncoding } from '../../core/sms.js';
import type { VoiceAttemptOutcome } from './schemas.js';

export interface Session {
  account: string;
  expiresAt: number;
}

/** Planned final outcome, decided when the SMS is accepted. */
export interface SmsPlan {
  state: number | 'pending';
  afterMs: number;
  reply?: { text: string; afterMs: number };
}

/** One SMS segment: Devino answers one id per segment and reports each one's state. */
export interface SmsRecord {
  id: string;
  account: string;
  to: string;
  from: string;
  text: string;
  part: number;
  parts: number;
  encoding: SmsEncoding;
  operator: string;
  price: number;
  via: 'Send' | 'SendByTimeZone' | 'SendBulk';
  createdAt: number;
  sendAt: number;
  expiresAt: number;
  submittedAt?: number;
  reportedAt?: number;
  updatedAt: number;
  state: number;
  plan: SmsPlan;
  /**
   * Every state with its time, oldest first, flat: `[state, at, state, at, …]`. One array of numbers
   * per segment instead of one per pair (a million stored SMS, millions fewer objects for the GC).
   */
  history: number[];
}

export interface VoicePlan {
  attempts: VoiceAttemptOutcome[];
  listenSec: number;
  dtmf?: string;
}

export interface VoiceRecord {
  id: number;
  account: string;
  from: string;
  to: string;
  fileId: number;
  price: number;
  createdAt: number;
  sendAt: number;
  retryCount: number;
  gapMs: number;
  dtmf: boolean;
  state: number;
  /** Attempts started so far. */
  attempt: number;
  attemptStartedAt?: number;
  /** When the next transition is due; absent once final. */
  nextAt?: number;
  plan: VoicePlan;
  attempts: { at: number; outcome: VoiceAttemptOutcome }[];
  collectedDtmf?: string;
  history: [number, number][];
}

export interface IncomingSms {
  id: number;
  account: string;
  from: string;
  to: string;
  text: string;
  createdAt: number;
}

export interface DevinoState {
  sessions: Map<string, Session>;
  /** Sharded: a million segments must not rehash in one step (see core/shardedMap). */
  sms: ShardedMap<SmsRecord>;
  /** Each account's segments in creation order (time-ordered, so ranges bisect). */
  smsByAccount: Map<string, SmsRecord[]>;
  voice: Map<number, VoiceRecord>;
  /** Each account's incoming SMS in arrival order. */
  incoming: Map<string, IncomingSms[]>;
  nextVoiceId: number;
  nextIncomingId: number;
}

interface SavedState {
  sessions: [string, Session][];
  sms: SmsRecord[];
  voice: VoiceRecord[];
  incoming: IncomingSms[];
  nextVoiceId: number;
  nextIncomingId: number;
}

const FIRST_VOICE_ID = 126_400;
const FIRST_INCOMING_ID = 539_187_175;

function emptyState(): DevinoState {
  return {
    sessions: new Map(),
    sms: createShardedMap(),
    smsByAccount: new Map(),
    voice: new Map(),
    incoming: new Map(),
    nextVoiceId: FIRST_VOICE_ID,
    nextIncomingId: FIRST_INCOMING_ID,
  };
}

export function pushIndexed<K, V>(index: Map<K, V[]>, key: K, value: V) {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

export type DevinoSlice = Slice<DevinoState>;

export function registerDevinoStore(store: Store): DevinoSlice {
  return store.slice<DevinoState>('devino', {
    init: emptyState,
    save: (s): SavedState => ({
      sessions: [...s.sessions],
      // In creation order per account (the shards are not), so a load rebuilds time-ordered indexes.
      // concat, not flat(): ≈ 8 ms for a million records where flat() blocks for ≈ 110 ms.
      sms: ([] as SmsRecord[]).concat(...s.smsByAccount.values()),
      voice: [...s.voice.values()],
      incoming: ([] as IncomingSms[]).concat(...s.incoming.values()),
      nextVoiceId: s.nextVoiceId,
      nextIncomingId: s.nextIncomingId,
    }),
    // Per-record change lines: `sms:<id>`, `voice:<id>`, `session:<id>`, `incoming:<id>:<account>` (see smsKey & co).
    entries: {
      save(s, key) {
        const [kind, id, account] = splitKey(key);
        if (kind === 'sms') return s.sms.get(id);
        if (kind === 'voice') return s.voice.get(Number(id));
        if (kind === 'session') return s.sessions.get(id);
        if (kind === 'incoming') return findIncoming(s.incoming.get(account) ?? [], Number(id));
        return undefined;
      },
      load(state, key, json) {
        const [kind, id, account] = splitKey(key);
        if (kind === 'session') {
          if (json === undefined) state.sessions.delete(id);
          else state.sessions.set(id, json as Session);
        } else if (kind === 'sms' && json) {
          const rec = flattenHistory(json as SmsRecord);
          const known = state.sms.get(rec.id);
          // Same object, so the per-account index stays in creation order.
          if (known) Object.assign(known, rec);
          else {
            state.sms.set(rec.id, rec);
            pushIndexed(state.smsByAccount, rec.account, rec);
          }
        } else if (kind === 'voice' && json) {
          const rec = json as VoiceRecord;
          state.voice.set(rec.id, rec);
          state.nextVoiceId = Math.max(state.nextVoiceId, rec.id + 1);
        } else if (kind === 'incoming' && json) {
          const msg = json as IncomingSms;
          if (!findIncoming(state.incoming.get(account) ?? [], msg.id)) pushIndexed(state.incoming, msg.account, msg);
          state.nextIncomingId = Math.max(state.nextIncomingId, msg.id + 1);
        } else if (kind !== 'sms' && kind !== 'voice' && kind !== 'incoming') {
          throw new Error(`unknown devino record key ${key}`);
        }
      },
    },
    load(json) {
      const saved = json as SavedState;
      if (!Array.isArray(saved?.sessions) || !Array.isArray(saved.sms) || !Array.isArray(saved.voice) || !Array.isArray(saved.incoming)) {
        throw new Error('expected sessions, sms, voice and incoming arrays');
      }
      const state = emptyState();
      state.sessions = new Map(saved.sessions);
      for (const rec of saved.sms) {
        flattenHistory(rec);
        state.sms.set(rec.id, rec);
        pushIndexed(state.smsByAccount, rec.account, rec);
      }
      for (const rec of saved.voice) state.voice.set(rec.id, rec);
      for (const msg of saved.incoming) pushIndexed(state.incoming, msg.account, msg);
      state.nextVoiceId = saved.nextVoiceId ?? FIRST_VOICE_ID;
      state.nextIncomingId = saved.nextIncomingId ?? FIRST_INCOMING_ID;
      return state;
    },
  });
}

/** Data files written before the history was flat hold `[state, at]` pairs: read either. */
function flattenHistory(rec: SmsRecord): SmsRecord {
  const history = rec.history as unknown[];
  if (Array.isArray(history) && history.length > 0 && Array.isArray(history[0])) rec.history = (history as number[][]).flat();
  return rec;
}

export const smsKey = (id: string) => `sms:${id}`;
export const voiceKey = (id: number) => `voice:${id}`;
export const sessionKey = (id: string) => `session:${id}`;
export const incomingKey = (msg: IncomingSms) => `incoming:${msg.id}:${msg.account}`;

function splitKey(key: string): [string, string, string] {
  const a = key.indexOf(':');
  const kind = key.slice(0, a);
  if (kind !== 'incoming') return [kind, key.slice(a + 1), ''];
  const b = key.indexOf(':', a + 1);
  return [kind, key.slice(a + 1, b), key.slice(b + 1)];
}

/** Incoming messages are appended in order: the one sought is near the end. */
function findIncoming(list: readonly IncomingSms[], id: number): IncomingSms | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (list[i].id === id) return list[i];
  return undefined;
}

/** Index of the first element whose `createdAt` is at or after `at` (lists are time-ordered). */
export function lowerBound<T extends { createdAt: number }>(list: readonly T[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].createdAt < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
