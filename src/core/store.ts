// State lives in memory, in named slices; with a data file it is persisted as a snapshot plus an
// append-only change log, so a write costs what changed, not what is stored:
// - `<file>` is the snapshot: one JSON document `{format, version: 1, slices}`, written in chunks
//   that yield to the event loop (no single step blocks it for long, even at a million records), to a
//   temp file renamed over the old one (a crash leaves the previous or the next, never a torn one).
// - `<file>.log` is the change log: JSON lines, one per changed record (`{"s":slice,"k":key,"v":…}`,
//   no `v` when it was deleted) or per changed small slice (`{"s":slice,"v":…}`), appended once per
//   debounce window whatever the request rate. Lines carry whole values, so replaying them over any
//   snapshot at least as old gives the latest state. No fsync: a crash of the process loses nothing
//   written; an interrupted last line (no newline) is dropped on the next start.
// - When the log outgrows the snapshot it is compacted: a new snapshot is written while changes
//   keep being appended, then the log restarts with the lines written meanwhile. A clean close
//   (SIGTERM) folds the log into the snapshot.
// A slice opts into per-record lines with `entries` and names what it changed (`changed(key)`);
// any other slice is written whole when it changes.
import { createReadStream } from 'node:fs';
import { appendFile, open, rename, stat, truncate, unlink } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { z } from 'zod';

export interface SliceEntries<T> {
  /** Plain JSON of one record, or undefined when it is gone. */
  save(state: T, key: string): unknown;
  /** Puts a logged record into a state being loaded (`json` undefined: it was deleted). Throws on a shape it cannot read. */
  load(state: T, key: string, json: unknown): void;
}

export interface SliceDefinition<T> {
  /** Fresh state, as after a reset. */
  init(): T;
  /** Plain JSON for the data file (default: the state itself). */
  save?(state: T): unknown;
  /** Rebuilds state from what `save` wrote; throws on a shape it cannot read. */
  load?(json: unknown): T;
  /** Per-record change lines: the slice calls `changed(key)` for each record it changes. */
  entries?: SliceEntries<T>;
  /** Saved with every write, changed or not (derived values such as the generator's position). */
  always?: boolean;
}

export interface Slice<T> {
  readonly name: string;
  /** The live state; read it on every use, a reset replaces it. */
  readonly state: T;
  /** Marks the slice dirty (the record `key` only, for a slice with `entries`): a persisted store writes within the debounce window. */
  changed(key?: string): void;
}

export interface Store {
  readonly file: string | undefined;
  slice<T>(name: string, definition: SliceDefinition<T>): Slice<T>;
  /** A registered slice, for tools that work on the state directly (the benchmark's generator). */
  sliceOf<T>(name: string): Slice<T> | undefined;
  /** Marks every slice without `entries` dirty. */
  changed(): void;
  /** Every slice back to `init()`; the data file is rewritten. */
  reset(): void;
  /** Writes now if anything changed since the last write, and waits for a snapshot being written (the files are then settled). */
  flush(): Promise<void>;
  /** Last write failure, if the most recent write failed. */
  lastError(): Error | undefined;
  /** Flushes and folds the change log into the snapshot; rejects with `DataFileWriteError` when changes could not be written. */
  close(): Promise<void>;
}

/** The last write before close failed: changes the process acknowledged are not on disk. */
export class DataFileWriteError extends Error {
  constructor(
    readonly file: string,
    /** Changed records and slices not written, by slice (and record kind: `devino sms`). */
    readonly unwritten: ReadonlyMap<string, number>,
    override readonly cause: Error | undefined,
  ) {
    const total = [...unwritten.values()].reduce((a, b) => a + b, 0);
    const list = [...unwritten].map(([what, n]) => `${n} ${what}`).join(', ');
    super(
      `the final write of data file ${file} failed (${cause?.message ?? 'unknown error'}): ` +
        `${total} changed record${total === 1 ? '' : 's'} not saved (${list}). ` +
        'The file holds the state as of the last write that succeeded.',
    );
    this.name = 'DataFileWriteError';
  }
}

export class DataFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(
      `Data file ${file} cannot be read: ${reason}. ` +
        'The simulator did not start and left the file untouched; fix it, move it away, or start with another --data path.',
    );
    this.name = 'DataFileError';
  }
}

const PersistedDocument = z.object({
  format: z.literal('provider-sim'),
  version: z.literal(1),
  slices: z.record(z.string(), z.unknown()),
});

export interface StoreOptions {
  file?: string;
  /** Real milliseconds between the first change and its write. */
  debounceMs?: number;
  onWriteError?: (err: Error) => void;
}

/** The log is compacted once it is larger than the snapshot and than this. */
const COMPACT_MIN_BYTES = 16 * 2 ** 20;

interface Registered {
  name: string;
  def: SliceDefinition<unknown>;
  state: unknown;
  whole: boolean;
  keys: Set<string>;
}

/** What the change log says about one slice: its last whole value, and records changed after it. */
interface LoggedSlice {
  whole?: { value: unknown };
  entries: Map<string, unknown>;
}

export async function createStore(options: StoreOptions = {}): Promise<Store> {
  const { file, debounceMs = 100 } = options;
  const logFile = file && `${file}.log`;
  const slices = new Map<string, Registered>();
  let persisted: Record<string, unknown> = {};
  let logged = new Map<string, LoggedSlice>();
  let snapshotExists = false;
  let snapshotBytes = 0;
  let logBytes = 0;
  /** Byte offset of an interrupted last log line, cut off before the next append. */
  let tornAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let writeError: Error | undefined;
  let pendingText = '';
  let resetPending = false;
  let generation = 0;
  let compaction: Promise<void> | undefined;
  let compactWanted = false;
  /** Log text appended since the running compaction took its snapshot: the next log starts with it. */
  let tail: string[] | undefined;

  // lowdb's file adapters, loaded only when there is a data file (most runs keep state in memory).
  let lowdb: LowdbNode | undefined;
  if (file && logFile) {
    lowdb = await import('lowdb/node');
    const doc = await readDocument(lowdb, file);
    snapshotExists = doc !== undefined;
    persisted = doc?.slices ?? {};
    snapshotBytes = doc?.bytes ?? 0;
    const log = await readLog(logFile);
    logged = log.slices;
    logBytes = log.bytes;
    tornAt = log.tornAt;
    if (log.reset) persisted = {};
  }

  const fail = (err: unknown) => {
    writeError = err as Error;
    options.onWriteError?.(writeError);
  };

  /** Change lines for everything dirty; a changed slice with `entries` and no key needs a new snapshot instead. */
  const collect = (): string => {
    let text = '';
    for (const r of slices.values()) {
      if (r.def.entries && r.whole) {
        compactWanted = true;
        r.keys.clear();
        continue;
      }
      if (r.whole || r.def.always) {
        text += `${JSON.stringify({ s: r.name, v: r.def.save ? r.def.save(r.state) : r.state })}\n`;
        r.whole = false;
      }
      if (r.keys.size > 0 && r.def.entries) {
        for (const key of r.keys) text += `${JSON.stringify({ s: r.name, k: key, v: r.def.entries.save(r.state, key) })}\n`;
        r.keys.clear();
      }
    }
    return text;
  };

  const anyDirty = () => {
    for (const r of slices.values()) if (r.whole || r.keys.size > 0) return true;
    return resetPending || pendingText !== '';
  };

  const write = async () => {
    if (!file || !logFile || !anyDirty()) return;
    if (resetPending) {
      // Everything before this line is void, whatever the snapshot says, until the next compaction.
      pendingText = '{"reset":true}\n';
      resetPending = false;
      compactWanted = true;
    }
    const text = pendingText + collect();
    pendingText = '';
    if (!snapshotExists) compactWanted = true;
    if (text !== '') {
      try {
        if (tornAt !== undefined) {
          await truncate(logFile, tornAt);
          tornAt = undefined;
        }
        await appendFile(logFile, text);
        writeError = undefined;
        logBytes += Buffer.byteLength(text);
        tail?.push(text);
      } catch (err) {
        pendingText = text;
        // A full disk can take part of the text: cut it off, or the retry would leave a damaged line in the middle of the log.
        await truncate(logFile, logBytes).catch(() => undefined);
        fail(err);
      }
    }
    if (logBytes > Math.max(COMPACT_MIN_BYTES, snapshotBytes)) compactWanted = true;
    if (compactWanted) startCompaction();
  };

  const enqueue = (step: () => Promise<void>) => {
    writing = writing.then(step, step);
    return writing;
  };

  const startCompaction = () => {
    if (compaction) {
      compactWanted = true;
      return;
    }
    compactWanted = false;
    compaction = compact().finally(() => {
      compaction = undefined;
      if (compactWanted) startCompaction();
    });
  };

  /** A new snapshot, written in chunks while changes keep being appended; the final swap runs between two appends. */
  const compact = async () => {
    if (!file || !logFile) return;
    const gen = generation;
    const doc: Record<string, unknown> = { ...persisted };
    const wholeBefore: Registered[] = [];
    for (const r of slices.values()) {
      doc[r.name] = r.def.save ? r.def.save(r.state) : r.state;
      // The snapshot holds what the keyless change was (and, if it fails, the change is wanted again).
      if (r.def.entries && r.whole) wholeBefore.push(r);
      if (r.def.entries) r.whole = false;
    }
    // Lines whose append failed are in the state just saved: once the snapshot is in place they are written.
    const covered = pendingText;
    const failed = (err: unknown) => {
      for (const r of wholeBefore) r.whole = true;
      fail(err);
    };
    // Records of slices that are no longer registered stay in the log.
    const orphans = [...logged.entries()].filter(([name]) => !slices.has(name));
    tail = [];
    const tmp = `${file}.${process.pid}.tmp`;
    let bytes: number;
    try {
      bytes = await writeChunked(tmp, { format: 'provider-sim', version: 1, slices: doc }, () => gen !== generation);
    } catch (err) {
      tail = undefined;
      await unlink(tmp).catch(() => undefined);
      failed(err);
      return;
    }
    await enqueue(async () => {
      const since = tail ?? [];
      tail = undefined;
      if (gen !== generation) {
        await unlink(tmp).catch(() => undefined);
        compactWanted = true;
        return;
      }
      try {
        await rename(tmp, file);
        snapshotExists = true;
        snapshotBytes = bytes;
        const rest = orphanLines(orphans) + since.join('');
        // lowdb's writer replaces the log atomically (temp file, then rename).
        await new (lowdb as LowdbNode).TextFile(logFile).write(rest);
        tornAt = undefined;
        logBytes = Buffer.byteLength(rest);
        writeError = undefined;
        // Only now: a log that kept a reset line would void the new snapshot on the next start.
        if (covered !== '' && pendingText.startsWith(covered)) pendingText = pendingText.slice(covered.length);
      } catch (err) {
        await unlink(tmp).catch(() => undefined);
        failed(err);
      }
    });
  };

  const handle = <T>(r: Registered): Slice<T> => ({
    name: r.name,
    get state() {
      return r.state as T;
    },
    changed(key?: string) {
      if (!file) return;
      if (key === undefined || !r.def.entries) r.whole = true;
      else r.keys.add(key);
      schedule();
    },
  });

  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    await enqueue(write);
    while (compaction) await compaction;
  };

  const schedule = () => {
    if (!file || timer) return;
    timer = setTimeout(flush, debounceMs);
  };

  return {
    file,
    slice<T>(name: string, definition: SliceDefinition<T>): Slice<T> {
      if (slices.has(name)) throw new Error(`store slice ${name} is registered twice`);
      const def = definition as SliceDefinition<unknown>;
      const fromLog = logged.get(name);
      const base = fromLog?.whole ? fromLog.whole.value : persisted[name];
      const has = fromLog?.whole !== undefined || name in persisted;
      let state: unknown;
      try {
        state = has ? (def.load ? def.load(base) : base) : def.init();
        if (fromLog && fromLog.entries.size > 0) {
          if (!def.entries) throw new Error('the change log has record lines for a slice that has none');
          for (const [key, json] of fromLog.entries) def.entries.load(state, key, json);
        }
      } catch (err) {
        throw new DataFileError(file ?? '(memory)', `slice "${name}" has an unexpected shape (${(err as Error).message})`);
      }
      logged.delete(name);
      delete persisted[name];
      const r: Registered = { name, def, state, whole: false, keys: new Set() };
      slices.set(name, r);
      return handle<T>(r);
    },
    sliceOf<T>(name: string) {
      const r = slices.get(name);
      return r && handle<T>(r);
    },
    changed() {
      if (!file) return;
      for (const r of slices.values()) if (!r.def.entries) r.whole = true;
      schedule();
    },
    reset() {
      persisted = {};
      logged = new Map();
      generation++;
      for (const r of slices.values()) {
        r.state = r.def.init();
        r.keys.clear();
        r.whole = !r.def.entries;
      }
      if (!file) return;
      resetPending = true;
      schedule();
    },
    flush,
    lastError: () => writeError,
    async close() {
      await flush();
      if (!file) return;
      // A snapshot of the live state also saves what a failed append could not.
      if (logBytes > 0 || compactWanted || pendingText !== '') {
        startCompaction();
        while (compaction) await compaction;
        await writing;
      }
      const unwritten = unwrittenChanges(pendingText, slices.values());
      if (unwritten.size > 0) throw new DataFileWriteError(file, unwritten, writeError);
    },
  };
}

/** What is still not on disk after the last write: the lines of failed appends and the slices still marked changed, counted by slice and record kind. */
function unwrittenChanges(pendingText: string, slices: Iterable<Registered>): Map<string, number> {
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  /** `devino sms:123` counts under `devino sms`; a slice written whole under its name. A record changed twice counts once. */
  const count = (slice: string, key?: string) => {
    const id = key === undefined ? slice : `${slice}\n${key}`;
    if (seen.has(id)) return;
    seen.add(id);
    const kind = key === undefined ? slice : `${slice} ${key.slice(0, Math.max(0, key.indexOf(':'))) || 'record'}`;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  };
  for (const line of pendingText.split('\n')) {
    if (line === '') continue;
    const parsed = LogLine.safeParse(JSON.parse(line));
    if (!parsed.success || 'reset' in parsed.data) count('reset');
    else count(parsed.data.s, parsed.data.k);
  }
  for (const r of slices) {
    if (r.whole) count(r.name);
    for (const key of r.keys) count(r.name, key);
  }
  return counts;
}

function orphanLines(orphans: [string, LoggedSlice][]): string {
  let text = '';
  for (const [name, l] of orphans) {
    if (l.whole) text += `${JSON.stringify({ s: name, v: l.whole.value })}\n`;
    for (const [k, v] of l.entries) text += `${JSON.stringify({ s: name, k, v })}\n`;
  }
  return text;
}

/** Containers this deep or deeper are written with one JSON.stringify; above it, item by item. */
const CHUNK_DEPTH = 5;
const SLICE_MS = 8;
const BUFFER_CHARS = 1 << 20;

/** JSON.stringify's output, produced piece by piece; a Map (a slice's index of records) is written as an object of its entries. */
function* pieces(value: unknown, depth: number): Generator<string> {
  if (value && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') value = (value as { toJSON(): unknown }).toJSON();
  if (value instanceof Map) {
    yield* mapPieces(value, depth);
    return;
  }
  if (depth >= CHUNK_DEPTH || value === null || typeof value !== 'object' || value instanceof Set) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      const v = value[i];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') yield 'null';
      else yield* pieces(v, depth + 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* pieces(v, depth + 1);
  }
  yield '}';
}

// The object loop of `pieces` for a Map's entries. Kept apart: sending every object through one more
// generator made the million-record snapshot about 5 % slower.
function* mapPieces(map: Map<unknown, unknown>, depth: number): Generator<string> {
  yield '{';
  let first = true;
  for (const [key, v] of map) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(String(key))}:`;
    first = false;
    yield* pieces(v, depth + 1);
  }
  yield '}';
}

/** Writes `value` as JSON to `path`, yielding to the event loop every few milliseconds; false from `abort` stops early. */
async function writeChunked(path: string, value: unknown, aborted: () => boolean): Promise<number> {
  const fh = await open(path, 'w');
  let bytes = 0;
  try {
    let buffer = '';
    let since = performance.now();
    let n = 0;
    for (const piece of pieces(value, 0)) {
      buffer += piece;
      if (++n % 64 !== 0 && buffer.length < BUFFER_CHARS) continue;
      if (buffer.length >= BUFFER_CHARS) {
        bytes += (await fh.write(buffer)).bytesWritten;
        buffer = '';
        since = performance.now();
      } else if (performance.now() - since > SLICE_MS) {
        await yieldToLoop();
        since = performance.now();
      }
      if (aborted()) throw new Error('the state was reset while its snapshot was being written');
    }
    bytes += (await fh.write(buffer)).bytesWritten;
  } finally {
    await fh.close();
  }
  return bytes;
}

type LowdbNode = typeof import('lowdb/node');

async function readDocument({ DataFile }: LowdbNode, file: string): Promise<{ slices: Record<string, unknown>; bytes: number } | undefined> {
  let bytes = 0;
  // lowdb's adapter reads the snapshot (a missing file is null); parsing errors are ours to explain.
  const adapter = new DataFile<unknown>(file, {
    parse(text) {
      bytes = text.length;
      if (text.trim() === '') throw new DataFileError(file, 'it is empty');
      try {
        return JSON.parse(text);
      } catch (err) {
        throw new DataFileError(file, `it is not valid JSON (${(err as Error).message}); it may be truncated`);
      }
    },
    stringify: (data) => JSON.stringify(data),
  });
  let json: unknown;
  try {
    json = await adapter.read();
  } catch (err) {
    throw err instanceof DataFileError ? err : new DataFileError(file, (err as Error).message);
  }
  if (json === null) return undefined;
  const parsed = PersistedDocument.safeParse(json);
  if (!parsed.success) {
    throw new DataFileError(file, `it is not a provider-sim data file (${z.prettifyError(parsed.error).replace(/\n/g, '; ')})`);
  }
  return { slices: parsed.data.slices, bytes };
}

const LogLine = z.union([
  z.object({ reset: z.literal(true) }),
  z.object({ s: z.string(), k: z.string().optional(), v: z.unknown().optional() }),
]);

async function readLog(file: string): Promise<{ slices: Map<string, LoggedSlice>; bytes: number; tornAt?: number; reset: boolean }> {
  const slices = new Map<string, LoggedSlice>();
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { slices, bytes: 0, reset: false };
    throw new DataFileError(file, (err as Error).message);
  }
  let offset = 0;
  let number = 0;
  let reset = false;
  let bad: { number: number; offset: number; reason: string } | undefined;
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    number++;
    const start = offset;
    offset += Buffer.byteLength(line) + 1;
    if (bad) throw new DataFileError(file, `line ${bad.number} of the change log is damaged (${bad.reason})`);
    if (line === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      bad = { number, offset: start, reason: (err as Error).message };
      continue;
    }
    const parsed = LogLine.safeParse(json);
    if (!parsed.success) throw new DataFileError(file, `line ${number} is not a change log line`);
    const entry = parsed.data;
    if ('reset' in entry) {
      slices.clear();
      reset = true;
      continue;
    }
    let l = slices.get(entry.s);
    if (!l) slices.set(entry.s, (l = { entries: new Map() }));
    if (entry.k === undefined) {
      l.whole = { value: entry.v };
      l.entries.clear();
    } else {
      // A record changed again keeps its first place: records load in the order they were created.
      l.entries.set(entry.k, entry.v);
    }
  }
  // Only the very last line may be unreadable, and only when it was cut short (no newline): an append the process did not finish.
  if (bad) {
    if ((await lastByte(file, size)) === '\n') throw new DataFileError(file, `line ${bad.number} of the change log is damaged (${bad.reason})`);
    return { slices, bytes: bad.offset, tornAt: bad.offset, reset };
  }
  return { slices, bytes: size, reset };
}

async function lastByte(file: string, size: number): Promise<string> {
  if (size === 0) return '';
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(1);
    await fh.read(buf, 0, 1, size - 1);
    return buf.toString('latin1');
  } finally {
    await fh.close();
  }
}
