// What a store holds: named slices of state, and how each is saved and loaded.

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

/** A registered slice as the registry and the change log see it: its state and what changed since the last write. */
export interface Registered {
  name: string;
  def: SliceDefinition<unknown>;
  state: unknown;
  /** Changed as a whole (or, for a slice with `entries`, without naming a record). */
  whole: boolean;
  /** Records changed since the last write. */
  keys: Set<string>;
}

/** What the change log says about one slice: its last whole value, and records changed after it. */
export interface LoggedSlice {
  whole?: { value: unknown };
  entries: Map<string, unknown>;
}
