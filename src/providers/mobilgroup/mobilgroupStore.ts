// Mobilgroup's slice of the store: broadcasts by id (with a per-account index) and each API
// account's templates. Plain JSON, so the snapshot is the state as is; `load` checks its shape.
// With a data file, a change appends only the record it touched (`broadcast:<id>` with its calls,
// or `templates:<account>`), so a request costs the same however many broadcasts are stored.
import { z } from 'zod';
import type { SimContext } from '../../core/context.js';
import type { SliceEntries } from '../../core/store.js';
import { CallResult, SmsStatus, TransferStatus, type MobilgroupFixture } from './schemas.js';

export const SLUG = 'mobilgroup';

/** A subscriber's status as state shows it: the call results, plus the states before one is known. */
export const PENDING_STATUSES = ['В очереди', 'Вызов', 'Ожидает повтора'] as const;
/** Subscribers refused at /send/ are listed in state with these. */
export const REJECTED_STATUSES = ['Недостаточно средств', 'Неверный номер', 'Ошибка синтеза'] as const;

const AttemptOutcomeRecord = z.object({
  result: CallResult,
  ringSeconds: z.number(),
  listens: z.number(),
  transfer: z.object({ number: z.string(), status: TransferStatus, duration: z.number() }).optional(),
  sms: SmsStatus,
});

const CallStatus = z.enum([...PENDING_STATUSES, ...REJECTED_STATUSES, ...CallResult.options]);

const CallRecord = z.object({
  phone: z.string(),
  /** Set when /send/ refused this subscriber: the per-subscriber error code. */
  rejected: z.string().optional(),
  message: z.string().optional(),
  /** Seconds of the voice message. */
  duration: z.number(),
  /** Money taken at /send/ (the estimate); settled against `price` when the call ends. */
  held: z.number(),
  /** What the call costs: the estimate until it ends, then the final price. */
  price: z.number(),
  status: CallStatus,
  /**
   * Each status change after the first with its time, oldest first (the first is `В очереди`, or the
   * rejection, at the broadcast's creation). Absent until the first change, and in older data files.
   */
  history: z.array(z.tuple([CallStatus, z.number()])).optional(),
  attempts: z.number(),
  /** Seconds the subscriber listened (answered calls). */
  talk: z.number(),
  /** Start of the last attempt. */
  date: z.number().optional(),
  /** Next planned transition and when; kept so a restart resumes it. */
  step: z.enum(['dial', 'hangup']).optional(),
  nextAt: z.number().optional(),
  /** The attempt in progress, decided when dialling. */
  outcome: AttemptOutcomeRecord.optional(),
  transfer: z.object({ number: z.string(), duration: z.number(), price: z.number(), status: TransferStatus }).optional(),
  sms: z.object({ date: z.number(), message: z.string(), partition: z.number(), price: z.number(), status: SmsStatus }).optional(),
});
export type CallRecord = z.infer<typeof CallRecord>;
export type CallStatus = z.infer<typeof CallStatus>;

const BroadcastRecord = z.object({
  id: z.string(),
  account: z.string(),
  createdAt: z.number(),
  content: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('message'), text: z.string() }),
    z.object({ kind: z.literal('phrase'), id: z.string() }),
    z.object({ kind: z.literal('script'), id: z.string() }),
  ]),
  number: z.string(),
  startAt: z.number(),
  attempts: z.number(),
  intervalMin: z.number(),
  repeat: z.number(),
  calls: z.array(CallRecord),
});
export type BroadcastRecord = z.infer<typeof BroadcastRecord>;

const TemplateRecord = z.object({ id: z.string(), account: z.string(), name: z.string(), message: z.string() });
export type TemplateRecord = z.infer<typeof TemplateRecord>;

const TemplateBook = z.object({ nextId: z.number(), items: z.record(z.string(), TemplateRecord) });
export type TemplateBook = z.infer<typeof TemplateBook>;

export const MobilgroupState = z.object({
  nextBroadcastId: z.number(),
  broadcasts: z.record(z.string(), BroadcastRecord),
  byAccount: z.record(z.string(), z.array(z.string())),
  /** Per API account; a template's `account` is the client id in the user's CRM. */
  templates: z.record(z.string(), TemplateBook),
});
export type MobilgroupState = z.infer<typeof MobilgroupState>;

/** Snapshots written before byAccount was rebuilt on load still carry it; it is ignored and rebuilt. */
const SavedState = MobilgroupState.extend({ byAccount: MobilgroupState.shape.byAccount.optional() });

export const broadcastKey = (id: string) => `broadcast:${id}`;
export const templatesKey = (account: string) => `templates:${account}`;

export interface MobilgroupStore {
  readonly state: MobilgroupState;
  /** Persists one broadcast (its calls included) after a change to it. */
  broadcastChanged(id: string): void;
  /** Persists one API account's templates after a change to them. */
  templatesChanged(account: string): void;
  /** The broadcast if it exists and belongs to the account. */
  broadcast(account: string, id: string): BroadcastRecord | undefined;
  add(broadcast: Omit<BroadcastRecord, 'id'>): BroadcastRecord;
  templates(account: string): TemplateBook;
}

function initialState(fixtures: MobilgroupFixture): MobilgroupState {
  const templates: Record<string, TemplateBook> = {};
  for (const a of fixtures.accounts) {
    const items = Object.fromEntries(a.templates.map((t) => [t.id, { ...t }]));
    const highest = a.templates.reduce((max, t) => Math.max(max, Number(t.id)), 0);
    templates[a.id] = { nextId: a.nextTemplateId ?? highest + 1, items };
  }
  return { nextBroadcastId: fixtures.firstBroadcastId, broadcasts: {}, byAccount: {}, templates };
}

/** Ids are issued in sequence, so id order is creation order. */
function indexByAccount(broadcasts: Record<string, BroadcastRecord>): Record<string, string[]> {
  const byAccount: Record<string, string[]> = {};
  const ordered = Object.values(broadcasts).sort((a, b) => Number(a.id) - Number(b.id));
  for (const b of ordered) (byAccount[b.account] ??= []).push(b.id);
  return byAccount;
}

function loadSnapshot(json: unknown): MobilgroupState {
  const saved = SavedState.parse(json);
  return { ...saved, byAccount: indexByAccount(saved.broadcasts) };
}

const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

/** Splits `kind:rest` at the first colon (an account name may hold more). */
function splitKey(key: string): [string, string] {
  const at = key.indexOf(':');
  return at < 0 ? [key, ''] : [key.slice(0, at), key.slice(at + 1)];
}

function loadBroadcast(state: MobilgroupState, id: string, json: unknown) {
  const known = own(state.broadcasts, id);
  if (json === undefined) {
    // Never written today (broadcasts are not deleted), but a deletion line must not leave a dangling index entry.
    if (!known) return;
    delete state.broadcasts[id];
    state.byAccount[known.account] = (state.byAccount[known.account] ?? []).filter((x) => x !== id);
    return;
  }
  const record = BroadcastRecord.parse(json);
  if (record.id !== id) throw new Error(`record line ${broadcastKey(id)} holds broadcast ${record.id}`);
  state.broadcasts[id] = record;
  // Log lines come in first-change order, which is creation order for new broadcasts.
  if (!known) (state.byAccount[record.account] ??= []).push(id);
  // A restart that only replays log lines must not issue an id again.
  state.nextBroadcastId = Math.max(state.nextBroadcastId, Number(id) + 1);
}

function loadTemplates(state: MobilgroupState, account: string, json: unknown) {
  if (json === undefined) delete state.templates[account];
  else state.templates[account] = TemplateBook.parse(json);
}

const entries: SliceEntries<MobilgroupState> = {
  save(state, key) {
    const [kind, id] = splitKey(key);
    if (kind === 'broadcast') return own(state.broadcasts, id);
    if (kind === 'templates') return own(state.templates, id);
    return undefined;
  },
  load(state, key, json) {
    const [kind, id] = splitKey(key);
    if (kind === 'broadcast') loadBroadcast(state, id, json);
    else if (kind === 'templates') loadTemplates(state, id, json);
    else throw new Error(`unknown mobilgroup record key ${key}`);
  },
};

export function createMobilgroupStore(ctx: SimContext, fixtures: MobilgroupFixture): MobilgroupStore {
  const slice = ctx.store.slice<MobilgroupState>(SLUG, {
    init: () => initialState(fixtures),
    load: loadSnapshot,
    entries,
  });
  return {
    get state() {
      return slice.state;
    },
    broadcastChanged: (id) => slice.changed(broadcastKey(id)),
    templatesChanged: (account) => slice.changed(templatesKey(account)),
    broadcast(account, id) {
      const b = own(slice.state.broadcasts, id);
      return b && b.account === account ? b : undefined;
    },
    add(input) {
      const state = slice.state;
      const record: BroadcastRecord = { id: String(state.nextBroadcastId++), ...input };
      state.broadcasts[record.id] = record;
      (state.byAccount[record.account] ??= []).push(record.id);
      slice.changed(broadcastKey(record.id));
      return record;
    },
    templates(account) {
      // An account added to the fixtures after the data file was written starts with no templates.
      const book = (slice.state.templates[account] ??= { nextId: 1, items: {} });
      return book;
    },
  };
}
