// Bounded request journal: the last N requests with what matched and what was answered.
// A ring buffer, so memory and time per request stay flat however long the simulator runs.

export interface JournalEntry {
  seq: number;
  at: number;
  method: string;
  url: string;
  provider?: string;
  operation?: string;
  account?: string;
  status: number;
  durationMs: number;
  /** The parsed body when small (see BODY_LIMIT), else a note of its size. */
  body?: unknown;
  response?: string;
}

export interface JournalQuery {
  provider?: string;
  operation?: string;
  method?: string;
  /** Substring or /regex/ matched against the URL. */
  url?: string;
  status?: number;
}

export interface Journal {
  readonly capacity: number;
  record(entry: Omit<JournalEntry, 'seq'>): void;
  list(query?: JournalQuery, limit?: number): JournalEntry[];
  count(query?: JournalQuery): number;
  clear(): void;
}

/** Bodies and responses above this many bytes are summarised instead of kept. */
export const BODY_LIMIT = 4096;

export function createJournal(capacity = 1000): Journal {
  const ring: JournalEntry[] = new Array(capacity);
  let seq = 0;
  let size = 0;
  const entries = function* () {
    // Newest first.
    for (let i = 0; i < size; i++) yield ring[(seq - 1 - i + capacity * 2) % capacity];
  };
  return {
    capacity,
    record(entry) {
      ring[seq % capacity] = { seq, ...entry };
      seq++;
      if (size < capacity) size++;
    },
    list(query = {}, limit = capacity) {
      const match = matcher(query);
      const out: JournalEntry[] = [];
      for (const e of entries()) {
        if (out.length >= limit) break;
        if (match(e)) out.push(e);
      }
      return out;
    },
    count(query = {}) {
      const match = matcher(query);
      let n = 0;
      for (const e of entries()) if (match(e)) n++;
      return n;
    },
    clear() {
      size = 0;
    },
  };
}

function matcher(q: JournalQuery) {
  const re = q.url && /^\/.*\/[a-z]*$/.test(q.url) ? new RegExp(q.url.slice(1, q.url.lastIndexOf('/')), q.url.slice(q.url.lastIndexOf('/') + 1)) : undefined;
  return (e: JournalEntry) =>
    (!q.provider || e.provider === q.provider) &&
    (!q.operation || e.operation?.toLowerCase() === q.operation.toLowerCase()) &&
    (!q.method || e.method === q.method.toUpperCase()) &&
    (q.status === undefined || e.status === q.status) &&
    (!q.url || (re ? re.test(e.url) : e.url.includes(q.url)));
}
