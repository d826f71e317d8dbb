// The store-backed records in creation order, for the admin list and the sandbox inbox: read from the
// providers' stores once, when first asked (a restart's data file, fixtures), then kept by the
// `record.created` events, so a page, a search or a deep offset walks an array instead of re-listing
// and re-sorting every store (100,000 records: a scan of plain objects, no heap, no allocation per
// record). A reset forgets it. What it keeps of a record (a snapshot) is only searched on fields that
// never change (number, sender, text, code); a page's rows are read fresh from the store.
import type { ProviderRecords, StoredRecord } from '../core/context.js';
import type { EventBus } from '../core/events.js';

export interface OrderedRecord {
  provider: string;
  hooks: ProviderRecords;
  rec: StoredRecord;
  /** The record's search text (recordSearch's haystackOf), made on the first search that reads it. */
  hay?: string;
  /** Its place in its store's listing, for ties of one instant. */
  n?: number;
}

export interface RecordOrder {
  /** Oldest first. */
  all(): readonly OrderedRecord[];
  close(): void;
}

export function createRecordOrder(events: EventBus, storeBacked: () => ReadonlyMap<string, ProviderRecords>): RecordOrder {
  let entries: OrderedRecord[] | undefined;
  /** Created since the last read: looked up when next read, once the request that made them is done. */
  let pending: { provider: string; kind: string; id: string }[] = [];

  function build(): OrderedRecord[] {
    const listed: (OrderedRecord & { n: number })[] = [];
    for (const [provider, hooks] of storeBacked()) {
      let n = 0;
      // Stores list newest first: among records of one instant the first listed is the newest.
      for (const rec of hooks.list?.() ?? []) listed.push({ provider, hooks, rec, n: n-- });
    }
    // Each store's lists are runs already in order (reversed): the sort mostly merges runs.
    return listed.sort((a, b) => a.rec.createdAt - b.rec.createdAt || a.n - b.n);
  }

  function insert(list: OrderedRecord[], item: OrderedRecord) {
    const at = item.rec.createdAt;
    if (list.length === 0 || list[list.length - 1].rec.createdAt <= at) {
      list.push(item);
      return;
    }
    // Made with an older time (a record dated back): after every record of its instant.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].rec.createdAt <= at) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, item);
  }

  const offs = [
    events.on('record.created', (e) => {
      if (entries && storeBacked().has(e.provider)) pending.push({ provider: e.provider, kind: e.kind, id: e.id });
    }),
    events.on('sim.reset', () => {
      entries = undefined;
      pending = [];
    }),
  ];

  return {
    all() {
      if (!entries) {
        entries = build();
        pending = [];
      }
      if (pending.length > 0) {
        const backed = storeBacked();
        for (const p of pending) {
          const hooks = backed.get(p.provider);
          const rec = hooks?.find?.(p.kind, p.id);
          if (hooks && rec) insert(entries, { provider: p.provider, hooks, rec });
        }
        pending = [];
      }
      return entries;
    },
    close() {
      for (const off of offs) off();
    },
  };
}
