// Unibell's slice of the store: the media tree, calls, campaigns, the recordings index and the
// app callback URLs (fixtures, changed at run time). Plain JSON, so the snapshot holds it as is;
// the record schemas double as the check when a data file is loaded. Changes are logged per record
// (`call:<id>`, `campaign:<id>`, `media:<id>`, `recording:<account>\n<reference>`, `app:<accessKey>`,
// see callKey & co), so a request writes what it changed, not everything stored.
import { z } from 'zod';
import type { Slice, Store } from '../../core/store.js';
import { parseMsk } from './dates.js';
import type { UnibellFixture } from './schemas.js';
import { own } from '../../core/own.js';

export const MediaItem = z.object({
  id: z.number().int(),
  account: z.string(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  isFolder: z.boolean(),
  createdAt: z.number(),
  size: z.number().int().optional(),
  /** As the uploader declared it; the extension decides first when the file is served. */
  contentType: z.string().optional(),
  /** Fixture files: a generated tone instead of stored bytes. */
  toneHz: z.number().optional(),
  toneMs: z.number().optional(),
});
export type MediaItem = z.infer<typeof MediaItem>;

export const RepeatCategory = z.enum(['busy', 'answered', 'failed', 'noAnswer']);
export type RepeatCategory = z.infer<typeof RepeatCategory>;

export const Outcome = z.object({
  kind: z.enum(['answered', 'busy', 'noAnswer', 'unreachable', 'congestion', 'scriptError']),
  /** endCallback `state`: 2 STATE_OK, 5 STATE_ERR. */
  state: z.union([z.literal(2), z.literal(5)]),
  /** endCallback `error`: 0 or the spec's code. */
  error: z.number().int(),
  /** Whether the callee picked up (talk time is billed, a recording exists). */
  connected: z.boolean(),
  /** Dial start to answer (connected) or to the end of the attempt (not connected). */
  ringMs: z.number(),
  durationSec: z.number().int(),
});
export type Outcome = z.infer<typeof Outcome>;

export const CallState = z.enum(['queued', 'dialing', 'answered', 'ok', 'error']);
export type CallState = z.infer<typeof CallState>;

export const CallRecord = z.object({
  id: z.string(),
  account: z.string(),
  appKey: z.string(),
  reference: z.string(),
  sourceAddr: z.string(),
  destAddr: z.string(),
  variables: z.record(z.string(), z.string()),
  campaignId: z.string().optional(),
  abonentIndex: z.number().int().optional(),
  attempt: z.number().int(),
  createdAt: z.number(),
  /** Planned transitions, so a restart reschedules them: dial start, answer, end. */
  startAt: z.number(),
  answerAt: z.number().optional(),
  endAt: z.number(),
  state: CallState,
  /** States after `queued` (at `createdAt`), each with its time; absent before the first and in older data files. */
  history: z.array(z.tuple([CallState, z.number()])).optional(),
  outcome: Outcome,
  cost: z.number().optional(),
});
export type CallRecord = z.infer<typeof CallRecord>;

export const RepeatRule = z.object({ count: z.number().int(), intervalSec: z.number().int() });

export const CampaignRecord = z.object({
  id: z.string(),
  account: z.string(),
  appKey: z.string(),
  numberId: z.number().int().optional(),
  numberPoolId: z.number().int().optional(),
  abonentListId: z.number().int(),
  createdAt: z.number(),
  startAt: z.number(),
  window: z.object({ startSec: z.number(), endSec: z.number() }),
  /** Only the outcomes that repeat (isRepeat and repeat<X> both set). */
  repeats: z.partialRecord(RepeatCategory, RepeatRule),
  abonents: z.array(
    z.object({
      destAddr: z.string(),
      attempts: z.number().int(),
      used: z.partialRecord(RepeatCategory, z.number().int()),
      done: z.boolean(),
    }),
  ),
  state: z.enum(['running', 'done']),
  /** When its last abonent was done (older data files: absent). */
  doneAt: z.number().optional(),
});
export type CampaignRecord = z.infer<typeof CampaignRecord>;

export const AppCallbacks = z.object({ startCallbackUrl: z.string().nullable(), endCallbackUrl: z.string().nullable() });
export type AppCallbacks = z.infer<typeof AppCallbacks>;

/** The slice as the data file holds it. */
export const SavedUnibellState = z.object({
  nextMediaId: z.number().int(),
  media: z.record(z.string(), MediaItem),
  /** `account/parentId` (or `account/root`) -> child ids in creation order. */
  children: z.record(z.string(), z.array(z.number().int())),
  calls: z.record(z.string(), CallRecord),
  campaigns: z.record(z.string(), CampaignRecord),
  /** `account\nreference` -> the latest connected call with that reference. */
  recordings: z.record(z.string(), z.string()),
  appCallbacks: z.record(z.string(), AppCallbacks),
});

/**
 * The slice in memory: calls in a Map, as every activation adds one under a fresh 32-character id
 * (an object would intern each id as a property name first, ≈ 2 µs per call once thousands are
 * stored). The store writes a Map as a JSON object, so the file keeps the saved form.
 */
export type UnibellState = Omit<z.infer<typeof SavedUnibellState>, 'calls'> & { calls: Map<string, CallRecord> };

export type UnibellSlice = Slice<UnibellState>;

export const childKey = (account: string, parentId: number | null) => `${account}/${parentId ?? 'root'}`;
export const recordingKey = (account: string, reference: string) => `${account}\n${reference}`;

/** New media ids start above every fixture id (and at 100 at least, as the spec's examples suggest). */
const FIRST_MEDIA_ID = 100;

export function initialState(fixture: UnibellFixture): UnibellState {
  const state: UnibellState = { nextMediaId: FIRST_MEDIA_ID, media: {}, children: {}, calls: new Map(), campaigns: {}, recordings: {}, appCallbacks: {} };
  for (const m of fixture.media) {
    const createdAt = parseMsk(m.createdDateTime);
    if (createdAt === undefined) throw new Error(`unibell fixtures: media ${m.id} has a bad createdDateTime ${m.createdDateTime}`);
    state.media[m.id] = {
      id: m.id,
      account: m.account,
      parentId: m.parentId,
      name: m.name,
      isFolder: m.isFolder,
      createdAt,
      ...(m.isFolder ? {} : { toneHz: m.toneHz ?? 440, toneMs: m.toneMs ?? 1000, contentType: 'audio/wav' }),
    };
    (state.children[childKey(m.account, m.parentId)] ??= []).push(m.id);
    state.nextMediaId = Math.max(state.nextMediaId, m.id + 1);
  }
  for (const m of fixture.media) {
    if (m.parentId !== null && !state.media[m.parentId]?.isFolder) throw new Error(`unibell fixtures: media ${m.id} has parent ${m.parentId}, which is not a folder`);
  }
  for (const a of fixture.apps) state.appCallbacks[a.accessKey] = { startCallbackUrl: a.startCallbackUrl, endCallbackUrl: a.endCallbackUrl };
  return state;
}

export function registerSlice(store: Store, fixture: UnibellFixture): UnibellSlice {
  return store.slice<UnibellState>('unibell', {
    init: () => initialState(fixture),
    save: snapshotOf,
    load: (json) => {
      const saved = SavedUnibellState.parse(json);
      const state: UnibellState = { ...saved, calls: new Map(Object.entries(saved.calls)) };
      // Apps added to the fixtures since the data file was written get their fixture URLs.
      for (const a of fixture.apps) state.appCallbacks[a.accessKey] ??= { startCallbackUrl: a.startCallbackUrl, endCallbackUrl: a.endCallbackUrl };
      return state;
    },
    entries: { save: saveEntry, load: loadEntry },
  });
}

export const callKey = (id: string) => `call:${id}`;
export const campaignKey = (id: string) => `campaign:${id}`;
export const mediaKey = (id: number) => `media:${id}`;
/** The recordings index entry of `account` and `reference` (a call id, or gone). */
export const recordingEntryKey = (account: string, reference: string) => `recording:${recordingKey(account, reference)}`;
export const appCallbacksKey = (accessKey: string) => `app:${accessKey}`;

function splitKey(key: string): [kind: string, rest: string] {
  const colon = key.indexOf(':');
  return colon < 0 ? [key, ''] : [key.slice(0, colon), key.slice(colon + 1)];
}

/**
 * The snapshot is written in chunks while requests keep changing the state, so it is taken from
 * copies of the indexes made at one instant: a record created meanwhile is either in both the media
 * map and its parent's children list, or in neither (and then in the log written after it).
 */
function snapshotOf(s: UnibellState): UnibellState {
  const children: UnibellState['children'] = {};
  for (const [key, ids] of Object.entries(s.children)) children[key] = [...ids];
  return {
    nextMediaId: s.nextMediaId,
    media: { ...s.media },
    children,
    calls: new Map(s.calls),
    campaigns: { ...s.campaigns },
    recordings: { ...s.recordings },
    appCallbacks: { ...s.appCallbacks },
  };
}

function saveEntry(s: UnibellState, key: string): unknown {
  const [kind, rest] = splitKey(key);
  if (kind === 'call') return s.calls.get(rest);
  if (kind === 'campaign') return own(s.campaigns, rest);
  if (kind === 'media') return own(s.media, rest);
  if (kind === 'recording') return own(s.recordings, rest);
  if (kind === 'app') return own(s.appCallbacks, rest);
  return undefined;
}

function loadEntry(s: UnibellState, key: string, json: unknown): void {
  const [kind, rest] = splitKey(key);
  if (kind === 'call') {
    if (json === undefined) s.calls.delete(rest);
    else s.calls.set(rest, CallRecord.parse(json));
  } else if (kind === 'campaign') {
    if (json === undefined) delete s.campaigns[rest];
    else s.campaigns[rest] = CampaignRecord.parse(json);
  } else if (kind === 'media') {
    loadMedia(s, Number(rest), json);
  } else if (kind === 'recording') {
    if (json === undefined) delete s.recordings[rest];
    else s.recordings[rest] = z.string().parse(json);
  } else if (kind === 'app') {
    if (json === undefined) delete s.appCallbacks[rest];
    else s.appCallbacks[rest] = AppCallbacks.parse(json);
  } else {
    throw new Error(`unknown unibell record key ${key}`);
  }
}

/** A logged media item (or its removal), keeping the children index and the id counter in step. */
function loadMedia(s: UnibellState, id: number, json: unknown): void {
  if (!Number.isInteger(id)) throw new Error(`media key with a bad id ${id}`);
  // Even a removed item used its id: ids are never handed out twice.
  s.nextMediaId = Math.max(s.nextMediaId, id + 1);
  const known = s.media[id];
  if (json === undefined) {
    if (!known) return;
    delete s.media[id];
    const siblingsKey = childKey(known.account, known.parentId);
    const siblings = s.children[siblingsKey];
    if (siblings) s.children[siblingsKey] = siblings.filter((x) => x !== id);
    // Its descendants have removal lines of their own; only the index of its children goes here.
    delete s.children[childKey(known.account, id)];
    return;
  }
  const m = MediaItem.parse(json);
  if (m.id !== id) throw new Error(`media key ${id} holds item ${m.id}`);
  s.media[id] = m;
  // Items never move between folders: a known one is already listed where it belongs.
  if (!known) (s.children[childKey(m.account, m.parentId)] ??= []).push(id);
}
