// Journal micro-benchmark: core/journal.ts (a ring of the entry objects requests build) against
// the column store it had before (typed arrays and one array per field, copied into on record),
// for recording (the per-request cost) and for listing all 1,000 entries (the admin API).
// Run: npx tsx bench/journal.ts. Numbers go to docs/performance.md ("Store and journal").
import { createJournal, type JournalEntry } from '../src/core/journal.js';

/** The former column store: each field copied into its column, entries rebuilt on read. */
function columnRing(capacity: number) {
  const at = new Float64Array(capacity);
  const status = new Int32Array(capacity);
  const durationMs = new Float64Array(capacity);
  const text = { method: new Array<string>(capacity), url: new Array<string>(capacity) };
  const optional = {
    provider: new Array<string | undefined>(capacity),
    operation: new Array<string | undefined>(capacity),
    account: new Array<string | undefined>(capacity),
    response: new Array<string | undefined>(capacity),
  };
  const body = new Array<unknown>(capacity);
  let seq = 0;
  let size = 0;
  const entry = (s: number): JournalEntry => {
    const i = s % capacity;
    const e: JournalEntry = { seq: s, at: at[i], method: text.method[i], url: text.url[i], status: status[i], durationMs: durationMs[i] };
    for (const k of ['provider', 'operation', 'account'] as const) if (optional[k][i] !== undefined) e[k] = optional[k][i];
    if (body[i] !== undefined) e.body = body[i];
    if (optional.response[i] !== undefined) e.response = optional.response[i];
    return e;
  };
  return {
    record(e: Omit<JournalEntry, 'seq'>) {
      const i = seq % capacity;
      at[i] = e.at;
      text.method[i] = e.method;
      text.url[i] = e.url;
      optional.provider[i] = e.provider;
      optional.operation[i] = e.operation;
      optional.account[i] = e.account;
      status[i] = e.status;
      durationMs[i] = e.durationMs;
      body[i] = e.body;
      optional.response[i] = e.response;
      seq++;
      if (size < capacity) size++;
    },
    list() {
      const out: JournalEntry[] = [];
      for (let i = 0; i < size; i++) out.push(entry(seq - 1 - i));
      return out;
    },
  };
}

const N = Number(process.env.JOURNAL_RECORDS ?? 2_000_000);
const entry = (i: number): Omit<JournalEntry, 'seq'> => ({
  at: i,
  method: 'POST',
  url: `/devino/rest/Sms/Send?i=${i}`,
  provider: 'devino',
  operation: 'Sms/Send',
  account: 'user',
  status: 200,
  durationMs: 0.3,
  body: { DestinationAddress: '79161234567' },
  response: '["GW0200000001"]',
});

function time(label: string, fn: () => void): number {
  const t0 = performance.now();
  fn();
  const ms = performance.now() - t0;
  return ms;
}

const results: Record<string, number[]> = {};
for (let round = 0; round < 5; round++) {
  for (const [name, make] of [
    ['columns (before)', () => columnRing(1000)],
    ['objects (core/journal.ts)', () => createJournal(1000)],
  ] as const) {
    const j = make();
    // A fresh entry per request, as app.ts builds one for each.
    const rec = time('record', () => {
      for (let i = 0; i < N; i++) j.record(entry(i));
    });
    const list = time('list', () => {
      for (let i = 0; i < 1000; i++) j.list();
    });
    (results[`${name} record ns/op`] ??= []).push((rec * 1e6) / N);
    (results[`${name} list(1000 entries) µs`] ??= []).push(list);
  }
}
for (const [k, v] of Object.entries(results)) {
  const best = Math.min(...v);
  process.stdout.write(`${k}: best ${best.toFixed(2)}, median ${v.sort((a, b) => a - b)[Math.floor(v.length / 2)].toFixed(2)}\n`);
}
