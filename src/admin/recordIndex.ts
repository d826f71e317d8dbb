// Messages and calls of every provider: one list the admin API filters and pages, with each record's
// state history. A provider that can list its store (`records.list`) is read from it when the admin
// API asks, so records loaded from a data file, seeded by fixtures, or left after a reset are
// listed exactly as stored, and a send pays nothing here. Any other provider that emits
// `record.created` / `record.state` is listed from those events (so a new provider is listed with no
// code of its own): they are kept in a ring and folded into records on demand; past the capacity the
// oldest are forgotten (a record whose creation was forgotten keeps the history still in the ring). A
// reset empties the ring.
import type { ProviderRecords, StoredRecord } from '../core/context.js';
import type { EventBus, RecordEvent } from '../core/events.js';
import { createRecordOrder } from './recordOrder.js';
import { haystackOf, phoneMatcher, recordMatcher, type RecordMatcher } from './recordSearch.js';

/** A stored record as the admin list shows it: its fields, its history read out, its provider. */
export interface IndexedRecord extends Pick<StoredRecord, 'kind' | 'id' | 'account' | 'state' | 'createdAt' | 'updatedAt'> {
  provider: string;
  history: ReturnType<StoredRecord['history']>;
  /** What the subscriber's phone shows of it (see StoredRecord); absent where the provider keeps none. */
  phone?: PhoneFields;
}

export type PhoneFields = Pick<StoredRecord, 'to' | 'from' | 'incoming' | 'text' | 'part' | 'parts' | 'summary' | 'code' | 'durationS' | 'digits'>;

export interface RecordQuery {
  provider?: string;
  kind?: string;
  account?: string;
  state?: string;
  /** A number in any spelling, or a word of a text, an id, an account (recordSearch.ts). */
  q?: string;
  /** Only what went to or came from this subscriber's number. */
  number?: string;
}

export interface RecordIndex {
  get(provider: string, kind: string, id: string): IndexedRecord | undefined;
  /** Newest first, from the `offset`-th match on. */
  list(query: RecordQuery, limit: number, offset?: number): { records: IndexedRecord[]; total: number };
  close(): void;
}

/** A provider's record hooks, made when first asked for (the provider's runtime exists by then). */
export interface RecordSource {
  provider: string;
  records(): ProviderRecords | undefined;
}

type Logged = RecordEvent & { previous?: string };

/** Folds the ring's events, oldest first, into records in order of first appearance. */
function fold(events: Iterable<Logged>, only?: (e: Logged) => boolean): IndexedRecord[] {
  const byKey = new Map<string, IndexedRecord>();
  for (const e of events) {
    if (only && !only(e)) continue;
    const key = `${e.provider}\n${e.kind}\n${e.id}`;
    const rec = byKey.get(key);
    if (!rec) {
      // Created before the ring saw it (forgotten): history from here on.
      const history = e.previous === undefined ? [{ state: e.state, at: e.at }] : [{ state: e.previous, at: e.at }, { state: e.state, at: e.at }];
      byKey.set(key, { provider: e.provider, kind: e.kind, id: e.id, account: e.account, state: e.state, createdAt: e.at, updatedAt: e.at, history });
    } else {
      rec.state = e.state;
      rec.updatedAt = e.at;
      rec.history.push({ state: e.state, at: e.at });
    }
  }
  return [...byKey.values()];
}

const PHONE_FIELDS = ['to', 'from', 'incoming', 'text', 'part', 'parts', 'summary', 'code', 'durationS', 'digits'] as const;

function phoneFields(r: StoredRecord): PhoneFields | undefined {
  const out: PhoneFields = {};
  let any = false;
  for (const field of PHONE_FIELDS) {
    if (r[field] === undefined) continue;
    Object.assign(out, { [field]: r[field] });
    any = true;
  }
  return any ? out : undefined;
}

const indexed = (provider: string, r: StoredRecord): IndexedRecord => ({
  provider,
  kind: r.kind,
  id: r.id,
  account: r.account,
  state: r.state,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  history: r.history(),
  phone: phoneFields(r),
});

interface Listed {
  provider: string;
  rec: StoredRecord;
  /** Among records created at the same instant, the higher is the newer. */
  seq: number;
}

const isNewer = (a: Listed, b: Listed) => a.rec.createdAt > b.rec.createdAt || (a.rec.createdAt === b.rec.createdAt && a.seq > b.seq);

/** The `limit` newest of what it is offered, in a min-heap (its root the oldest kept), and how many were offered. */
function newest(limit: number) {
  const heap: Listed[] = [];
  let total = 0;
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j], heap[i]]);
  return {
    offer(item: Listed) {
      total++;
      if (limit <= 0) return;
      if (heap.length < limit) {
        heap.push(item);
        for (let i = heap.length - 1; i > 0; ) {
          const parent = (i - 1) >> 1;
          if (!isNewer(heap[parent], heap[i])) break;
          swap(i, parent);
          i = parent;
        }
        return;
      }
      if (!isNewer(item, heap[0])) return;
      heap[0] = item;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < heap.length && isNewer(heap[min], heap[l])) min = l;
        if (r < heap.length && isNewer(heap[min], heap[r])) min = r;
        if (min === i) break;
        swap(i, min);
        i = min;
      }
    },
    result: () => ({ items: heap.sort((a, b) => (isNewer(a, b) ? -1 : 1)), total }),
  };
}

export function createRecordIndex(events: EventBus, sources: readonly RecordSource[], capacity = 200_000): RecordIndex {
  let ring: Logged[] = [];
  let written = 0;
  /** Providers listed from their stores, known once their hooks exist (after the plugins have run). */
  let stored: Map<string, ProviderRecords> | undefined;
  const storeBacked = () => {
    if (!stored) {
      stored = new Map();
      for (const s of sources) {
        const hooks = s.records();
        if (hooks?.list) stored.set(s.provider, hooks);
      }
    }
    return stored;
  };

  const order = createRecordOrder(events, storeBacked);

  const add = (e: Logged) => {
    // A store-backed provider's events are not needed to list its records.
    if (storeBacked().has(e.provider)) return;
    ring[written % capacity] = e;
    written++;
  };
  const oldestFirst = function* () {
    const size = Math.min(written, capacity);
    for (let i = written - size; i < written; i++) yield ring[i % capacity];
  };

  const offs = [
    events.on('record.created', add),
    events.on('record.state', add),
    events.on('sim.reset', () => {
      ring = [];
      written = 0;
    }),
  ];

  return {
    get(provider, kind, id) {
      const hooks = storeBacked().get(provider);
      if (hooks) {
        const rec = hooks.find?.(kind, id);
        return rec && indexed(provider, rec);
      }
      return fold(oldestFirst(), (e) => e.id === id && e.kind === kind && e.provider === provider)[0];
    },
    list(q, limit, offset = 0) {
      const pick = newest(limit + offset);
      const matchers = [recordMatcher(q.q), q.number === undefined ? undefined : phoneMatcher(q.number)].filter((m): m is RecordMatcher => m !== undefined);
      const matches = (rec: StoredRecord, hay?: () => string) => matchers.every((m) => m(rec, hay));
      if (written === 0) {
        // Only store-backed providers: newest first from the ordered catalogue; an unfiltered page stops early.
        const filtered = Boolean(q.provider || q.kind || q.account || q.state || matchers.length > 0);
        const all = order.all();
        const page: IndexedRecord[] = [];
        let total = 0;
        for (let i = all.length - 1; i >= 0; i--) {
          const entry = all[i];
          const { provider, hooks, rec } = entry;
          if ((q.provider && provider !== q.provider) || (q.kind && rec.kind !== q.kind) || (q.account && rec.account !== q.account) || !matches(rec, () => (entry.hay ??= haystackOf(rec)))) continue;
          // The state changes: read fresh (only when asked to filter by it).
          const now = q.state || (total >= offset && page.length < limit) ? (hooks.find?.(rec.kind, rec.id) ?? rec) : rec;
          if (q.state && now.state !== q.state) continue;
          if (total >= offset && page.length < limit) page.push(indexed(provider, now));
          total++;
          if (!filtered && page.length >= limit) return { records: page, total: all.length };
        }
        return { records: page, total };
      }
      // Stores list newest first: the first listed of an instant is the newest.
      let seq = 0;
      for (const [provider, hooks] of storeBacked()) {
        if (q.provider && provider !== q.provider) continue;
        for (const rec of (hooks.list as NonNullable<ProviderRecords['list']>)(q.kind)) {
          if ((q.kind && rec.kind !== q.kind) || (q.account && rec.account !== q.account) || (q.state && rec.state !== q.state) || !matches(rec)) continue;
          pick.offer({ provider, rec, seq: seq-- });
        }
      }
      seq = 0;
      if (written > 0) {
        const backed = storeBacked();
        const folded = fold(
          oldestFirst(),
          (e) => !backed.has(e.provider) && (!q.provider || e.provider === q.provider) && (!q.kind || e.kind === q.kind) && (!q.account || e.account === q.account),
        );
        for (const r of folded) {
          const rec: StoredRecord = { ...r, history: () => r.history };
          if ((q.state && r.state !== q.state) || !matches(rec)) continue;
          pick.offer({ provider: r.provider, rec, seq: seq++ });
        }
      }
      const { items, total } = pick.result();
      return { records: items.slice(offset).map((l) => indexed(l.provider, l.rec)), total };
    },
    close() {
      order.close();
      for (const off of offs) off();
    },
  };
}
