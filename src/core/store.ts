// State lives in memory, in named slices; with a data file it is persisted through lowdb.
// Writes are coalesced (one write per debounce window, whatever the request rate) and atomic
// (lowdb's writer renames a finished temp file over the old one), so a crash leaves either
// the previous or the next complete file, never a torn one.
import { readFile } from 'node:fs/promises';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { z } from 'zod';

export interface SliceDefinition<T> {
  /** Fresh state, as after a reset. */
  init(): T;
  /** Plain JSON for the data file (default: the state itself). */
  save?(state: T): unknown;
  /** Rebuilds state from what `save` wrote; throws on a shape it cannot read. */
  load?(json: unknown): T;
}

export interface Slice<T> {
  readonly name: string;
  /** The live state; read it on every use, a reset replaces it. */
  readonly state: T;
  /** Marks the store dirty: a persisted store writes within the debounce window. */
  changed(): void;
}

export interface Store {
  readonly file: string | undefined;
  slice<T>(name: string, definition: SliceDefinition<T>): Slice<T>;
  changed(): void;
  /** Every slice back to `init()`; the data file is rewritten. */
  reset(): void;
  /** Writes now if anything changed since the last write. */
  flush(): Promise<void>;
  /** Last write failure, if the most recent write failed. */
  lastError(): Error | undefined;
  close(): Promise<void>;
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
type PersistedDocument = z.infer<typeof PersistedDocument>;

export interface StoreOptions {
  file?: string;
  /** Real milliseconds between the first change and its write. */
  debounceMs?: number;
  onWriteError?: (err: Error) => void;
}

export async function createStore(options: StoreOptions = {}): Promise<Store> {
  const { file, debounceMs = 100 } = options;
  const definitions = new Map<string, SliceDefinition<unknown>>();
  const states = new Map<string, unknown>();
  let persisted: Record<string, unknown> = {};
  let db: Low<PersistedDocument> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();
  let writeError: Error | undefined;

  if (file) {
    persisted = await readDocument(file);
    db = new Low(new DataFile<PersistedDocument>(file, { parse: JSON.parse, stringify: (d) => JSON.stringify(d) }), {
      format: 'provider-sim',
      version: 1,
      slices: {},
    });
  }

  const write = async () => {
    if (!db || !dirty) return;
    dirty = false;
    const slices: Record<string, unknown> = { ...persisted };
    for (const [name, def] of definitions) slices[name] = def.save ? def.save(states.get(name)) : states.get(name);
    db.data = { format: 'provider-sim', version: 1, slices };
    try {
      await db.write();
      writeError = undefined;
    } catch (err) {
      writeError = err as Error;
      dirty = true;
      options.onWriteError?.(writeError);
    }
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    writing = writing.then(write);
    return writing;
  };

  const changed = () => {
    dirty = true;
    if (!db || timer) return;
    timer = setTimeout(flush, debounceMs);
  };

  return {
    file,
    slice<T>(name: string, definition: SliceDefinition<T>): Slice<T> {
      if (definitions.has(name)) throw new Error(`store slice ${name} is registered twice`);
      definitions.set(name, definition as SliceDefinition<unknown>);
      let state: T;
      if (name in persisted) {
        try {
          state = definition.load ? definition.load(persisted[name]) : (persisted[name] as T);
        } catch (err) {
          throw new DataFileError(file ?? '(memory)', `slice "${name}" has an unexpected shape (${(err as Error).message})`);
        }
        delete persisted[name];
      } else {
        state = definition.init();
      }
      states.set(name, state);
      return {
        name,
        get state() {
          return states.get(name) as T;
        },
        changed,
      };
    },
    changed,
    reset() {
      persisted = {};
      for (const [name, def] of definitions) states.set(name, def.init());
      changed();
    },
    flush,
    lastError: () => writeError,
    async close() {
      await flush();
    },
  };
}

async function readDocument(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new DataFileError(file, (err as Error).message);
  }
  if (text.trim() === '') throw new DataFileError(file, 'it is empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DataFileError(file, `it is not valid JSON (${(err as Error).message}); it may be truncated`);
  }
  const parsed = PersistedDocument.safeParse(json);
  if (!parsed.success) {
    throw new DataFileError(file, `it is not a provider-sim data file (${z.prettifyError(parsed.error).replace(/\n/g, '; ')})`);
  }
  return parsed.data.slices;
}
