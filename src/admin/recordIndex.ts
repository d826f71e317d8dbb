// Messages and calls of every provider, as their events announced them: one list the admin API
// filters and pages, with each record's state history, for any provider that emits
// `record.created` / `record.state` (so a new provider is listed with no code of its own).
// The events themselves are kept in a ring and folded into records only when the admin API asks:
// a send pays one array store, not an index entry. Past the capacity the oldest events are
// forgotten (a record whose creation was forgotten keeps the history still in the ring). A reset empties it.
import type { EventBus, RecordEvent } from '../core/events.js';

export interface IndexedRecord {
  provider: string;
  kind: string;
  id: string;
  account: string;
  state: string;
  createdAt: number;
  updatedAt: number;
  history: { state: string; at: number }[];
}

export interface RecordQuery {
  provider?: string;
  kind?: string;
  account?: string;
  state?: string;
}

export interface RecordIndex {
  get(provider: string, kind: string, id: string): IndexedRecord | undefined;
  /** Newest first. */
  list(query: RecordQuery, limit: number): { records: IndexedRecord[]; total: number };
  close(): void;
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
      // Created before the ring saw it (a data file loaded at start, or forgotten): history from here on.
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

export function createRecordIndex(events: EventBus, capacity = 200_000): RecordIndex {
  let ring: Logged[] = [];
  let written = 0;
  const add = (e: Logged) => {
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
    get: (provider, kind, id) => fold(oldestFirst(), (e) => e.id === id && e.kind === kind && e.provider === provider)[0],
    list(q, limit) {
      const out: IndexedRecord[] = [];
      let total = 0;
      const all = fold(oldestFirst(), (e) => (!q.provider || e.provider === q.provider) && (!q.kind || e.kind === q.kind) && (!q.account || e.account === q.account));
      for (let i = all.length - 1; i >= 0; i--) {
        const r = all[i];
        if (q.state && r.state !== q.state) continue;
        total++;
        if (out.length < limit) out.push(r);
      }
      return { records: out, total };
    },
    close() {
      for (const off of offs) off();
    },
  };
}
