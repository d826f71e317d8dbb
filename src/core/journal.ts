// Bounded request journal: the last N requests with what matched and what was answered.
// A ring buffer, so memory and time per request stay flat however long the simulator runs.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { compileRegex, splitRegex } from './textPattern.js';

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
  /** The request's headers as received (the admin API masks secrets when it shows them). */
  headers?: Readonly<Record<string, string | string[] | undefined>>;
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
  /** list() for the admin API: a long scan lets other requests run every few milliseconds. */
  listYielding(query?: JournalQuery, limit?: number): Promise<JournalEntry[]>;
  /** count() for the admin API, yielding as listYielding does. */
  countYielding(query?: JournalQuery): Promise<number>;
  clear(): void;
}

/** Real milliseconds a journal scan runs before it lets other work in. */
const SCAN_SLICE_MS = 4;

/** Bodies and responses above this many bytes are summarised instead of kept. */
export const BODY_LIMIT = 4096;

/**
 * The body to journal: the parsed body, or a note of its size past BODY_LIMIT. With a
 * Content-Length (nearly every client) that is one comparison; a chunked body has none, so its
 * parsed form is measured (work in proportion to what parsing it already cost).
 */
export function journalBody(contentLength: string | undefined, body: unknown): unknown {
  const size = contentLength !== undefined ? Number(contentLength) : body === undefined || body === null ? 0 : measure(body);
  return size > BODY_LIMIT ? { omitted: Number.isFinite(size) ? `${size} bytes` : 'not serialisable' } : body;
}

/** Bytes of a parsed body as text: a string or buffer as it is, anything else as JSON. */
function measure(body: unknown): number {
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (Buffer.isBuffer(body)) return body.length;
  try {
    return Buffer.byteLength(JSON.stringify(body) ?? '');
  } catch {
    // Not serialisable (a cycle, a BigInt): never kept, whatever its size.
    return Number.POSITIVE_INFINITY;
  }
}

export function createJournal(capacity = 1000): Journal {
  // The entry object each request builds, kept as it is (its seq follows from its slot): plain
  // objects record faster than copying into columns (docs/performance.md, "Store and journal").
  const ring = new Array<Omit<JournalEntry, 'seq'> | undefined>(capacity);
  let seq = 0;
  let size = 0;
  const entry = (s: number): JournalEntry => {
    const r = ring[s % capacity] as Omit<JournalEntry, 'seq'>;
    const e: JournalEntry = { seq: s, at: r.at, method: r.method, url: r.url, status: r.status, durationMs: r.durationMs };
    for (const k of ['provider', 'operation', 'account'] as const) if (r[k] !== undefined) e[k] = r[k];
    if (r.body !== undefined) e.body = r.body;
    if (r.response !== undefined) e.response = r.response;
    if (r.headers !== undefined) e.headers = r.headers;
    return e;
  };
  const entries = function* () {
    // Newest first.
    for (let i = 0; i < size; i++) yield entry(seq - 1 - i);
  };
  /**
   * Entries newest first, as they were when the scan began: one recorded meanwhile is not seen, one
   * overwritten meanwhile is skipped. Every few milliseconds it waits a turn of the event loop.
   */
  const scan = async (query: JournalQuery, limit: number, onMatch: (e: JournalEntry) => void) => {
    const match = matcher(query);
    const top = seq;
    const bottom = seq - size;
    let found = 0;
    let sliceStart = performance.now();
    for (let s = top - 1; s >= bottom && found < limit; s--) {
      if ((top - s) % 16 === 0 && performance.now() - sliceStart > SCAN_SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
      if (s < seq - size) break; // overwritten (or cleared) while waiting
      const e = entry(s);
      if (match(e)) {
        found++;
        onMatch(e);
      }
    }
  };
  return {
    capacity,
    async listYielding(query = {}, limit = capacity) {
      const out: JournalEntry[] = [];
      await scan(query, limit, (e) => out.push(e));
      return out;
    },
    async countYielding(query = {}) {
      let n = 0;
      await scan(query, Number.POSITIVE_INFINITY, () => n++);
      return n;
    },
    record(e) {
      ring[seq % capacity] = e;
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
      // Drop the references too, so cleared bodies can be collected.
      ring.fill(undefined);
    },
  };
}

/** Throws PatternError for a `/regex/` the linear-time engine cannot run. */
function matcher(q: JournalQuery) {
  const parts = q.url ? splitRegex(q.url) : undefined;
  const re = parts ? { test: compileRegex(parts.source, parts.flags) } : undefined;
  return (e: JournalEntry) =>
    (!q.provider || e.provider === q.provider) &&
    (!q.operation || e.operation?.toLowerCase() === q.operation.toLowerCase()) &&
    (!q.method || e.method === q.method.toUpperCase()) &&
    (q.status === undefined || e.status === q.status) &&
    (!q.url || (re ? re.test(e.url) : e.url.includes(q.url)));
}
