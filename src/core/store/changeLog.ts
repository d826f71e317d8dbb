// The data file's writer: appends change lines once per debounce window, compacts the log into a
// new snapshot when it outgrows it, and keeps what failed to be written for the next try (and for
// the DataFileWriteError of a close that could not write it). The file layout is described in
// core/store.ts.
import { appendFile, rename, truncate, unlink } from 'node:fs/promises';
import { LogLine, readDocument, readLog, type LowdbNode } from './dataFileReader.js';
import { DataFileWriteError } from './errors.js';
import type { LoggedSlice, Registered } from './slices.js';
import { writeChunked } from './snapshotWriter.js';

/** The log is compacted once it is larger than the snapshot and than this. */
const COMPACT_MIN_BYTES = 16 * 2 ** 20;

export interface ChangeLogOptions {
  /** Real milliseconds between the first change and its write. */
  debounceMs: number;
  onWriteError?: (err: Error) => void;
}

/** What the data file held for one slice when it was opened. */
export interface SavedSlice {
  /** The slice's last whole value (snapshot or whole log line), if it has one. */
  base?: { value: unknown };
  /** Records logged after it, in first-change order. */
  entries?: Map<string, unknown>;
}

export interface ChangeLog {
  /** What the file holds for `name`; taken once, at registration (what is never taken is kept in the file). */
  take(name: string): SavedSlice;
  /** A write within the debounce window. */
  schedule(): void;
  flush(): Promise<void>;
  /** Everything before is void: the next write starts with a reset line and a new snapshot. */
  reset(): void;
  lastError(): Error | undefined;
  close(): Promise<void>;
}

/** Opens `file` (and `file.log`): reads what they hold and returns the writer that keeps them up to date with `slices`. */
export async function openChangeLog(file: string, slices: ReadonlyMap<string, Registered>, options: ChangeLogOptions): Promise<ChangeLog> {
  const { debounceMs } = options;
  const logFile = `${file}.log`;
  // lowdb's file adapters, loaded only when there is a data file (most runs keep state in memory).
  const lowdb: LowdbNode = await import('lowdb/node');
  const doc = await readDocument(lowdb, file);
  let snapshotExists = doc !== undefined;
  let persisted: Record<string, unknown> = doc?.slices ?? {};
  let snapshotBytes = doc?.bytes ?? 0;
  const log = await readLog(logFile);
  let logged: Map<string, LoggedSlice> = log.slices;
  let logBytes = log.bytes;
  /** Byte offset of an interrupted last log line, cut off before the next append. */
  let tornAt = log.tornAt;
  if (log.reset) persisted = {};

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
    if (!anyDirty()) return;
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
        await new lowdb.TextFile(logFile).write(rest);
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

  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    await enqueue(write);
    while (compaction) await compaction;
  };

  return {
    take(name) {
      const fromLog = logged.get(name);
      const saved: SavedSlice = {};
      if (fromLog?.whole) saved.base = fromLog.whole;
      else if (Object.hasOwn(persisted, name)) saved.base = { value: persisted[name] };
      if (fromLog && fromLog.entries.size > 0) saved.entries = fromLog.entries;
      logged.delete(name);
      delete persisted[name];
      return saved;
    },
    schedule() {
      if (!timer) timer = setTimeout(flush, debounceMs);
    },
    flush,
    reset() {
      persisted = {};
      logged = new Map();
      generation++;
      resetPending = true;
    },
    lastError: () => writeError,
    async close() {
      await flush();
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
