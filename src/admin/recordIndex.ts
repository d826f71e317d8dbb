// Messages and calls of every provider, as their events announced them: one list the admin API
// filters and pages, with each record's state history, for any provider that emits
// `record.created` / `record.state` (so a new provider is listed with no code of its own).
// Bounded: past the capacity the oldest records are forgotten. A reset empties it.
import type { EventBus } from '../core/events.js';

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

const keyOf = (provider: string, kind: string, id: string) => `${provider}\n${kind}\n${id}`;

export function createRecordIndex(events: EventBus, capacity = 50_000): RecordIndex {
  let records = new Map<string, IndexedRecord>();

  const add = (rec: IndexedRecord) => {
    records.set(keyOf(rec.provider, rec.kind, rec.id), rec);
    if (records.size > capacity) records.delete(records.keys().next().value as string);
  };

  const offs = [
    events.on('record.created', (e) => add({ ...e, createdAt: e.at, updatedAt: e.at, history: [{ state: e.state, at: e.at }] })),
    events.on('record.state', (e) => {
      const rec = records.get(keyOf(e.provider, e.kind, e.id));
      if (!rec) {
        // Created before the index saw it (a data file loaded at start): history from here on.
        add({ provider: e.provider, kind: e.kind, id: e.id, account: e.account, state: e.state, createdAt: e.at, updatedAt: e.at, history: [{ state: e.previous, at: e.at }, { state: e.state, at: e.at }] });
        return;
      }
      rec.state = e.state;
      rec.updatedAt = e.at;
      rec.history.push({ state: e.state, at: e.at });
    }),
    events.on('sim.reset', () => {
      records = new Map();
    }),
  ];

  return {
    get: (provider, kind, id) => records.get(keyOf(provider, kind, id)),
    list(q, limit) {
      const out: IndexedRecord[] = [];
      let total = 0;
      const all = [...records.values()];
      for (let i = all.length - 1; i >= 0; i--) {
        const r = all[i];
        if ((q.provider && r.provider !== q.provider) || (q.kind && r.kind !== q.kind) || (q.account && r.account !== q.account) || (q.state && r.state !== q.state)) continue;
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
