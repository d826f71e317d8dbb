// The store itself: named slices in memory, each loaded from the data file when it registers, and
// a change log that writes what they mark changed (when the store has a data file).
import { openChangeLog, type ChangeLog } from './changeLog.js';
import { DataFileError } from './errors.js';
import type { Registered, Slice, SliceDefinition, Store } from './slices.js';

export interface StoreOptions {
  file?: string;
  /** Real milliseconds between the first change and its write. */
  debounceMs?: number;
  onWriteError?: (err: Error) => void;
}

export async function createStore(options: StoreOptions = {}): Promise<Store> {
  const { file, debounceMs = 100 } = options;
  const slices = new Map<string, Registered>();
  const log: ChangeLog | undefined = file ? await openChangeLog(file, slices, { debounceMs, onWriteError: options.onWriteError }) : undefined;

  const handle = <T>(r: Registered): Slice<T> => ({
    name: r.name,
    get state() {
      return r.state as T;
    },
    changed(key?: string) {
      if (!log) return;
      if (key === undefined || !r.def.entries) r.whole = true;
      else r.keys.add(key);
      log.schedule();
    },
  });

  return {
    file,
    slice<T>(name: string, definition: SliceDefinition<T>): Slice<T> {
      if (slices.has(name)) throw new Error(`store slice ${name} is registered twice`);
      const def = definition as SliceDefinition<unknown>;
      const saved = log?.take(name) ?? {};
      let state: unknown;
      try {
        state = saved.base ? (def.load ? def.load(saved.base.value) : saved.base.value) : def.init();
        if (saved.entries) {
          if (!def.entries) throw new Error('the change log has record lines for a slice that has none');
          for (const [key, json] of saved.entries) def.entries.load(state, key, json);
        }
      } catch (err) {
        throw new DataFileError(file ?? '(memory)', `slice "${name}" has an unexpected shape (${(err as Error).message})`);
      }
      const r: Registered = { name, def, state, whole: false, keys: new Set() };
      slices.set(name, r);
      return handle<T>(r);
    },
    sliceOf<T>(name: string) {
      const r = slices.get(name);
      return r && handle<T>(r);
    },
    changed() {
      if (!log) return;
      for (const r of slices.values()) if (!r.def.entries) r.whole = true;
      log.schedule();
    },
    reset() {
      log?.reset();
      for (const r of slices.values()) {
        r.state = r.def.init();
        r.keys.clear();
        r.whole = !r.def.entries;
      }
      log?.schedule();
    },
    flush: async () => log?.flush(),
    lastError: () => log?.lastError(),
    close: async () => log?.close(),
  };
}
