// Keyed collections: what a provider store declares instead of writing its own save, load and
// reset code. A collection holds records by key (a string from a request may be `__proto__`: records
// live in Maps), keeps secondary indexes (each lists records by one value of theirs, such as the
// account, in the order they were put), logs one change line per record it changes
// (`<kind>:<key>`), and starts again from its seed on reset.
// It is kept narrow on purpose (get, put, index lookups, scans by cursor, no walk over everything)
// because it is where a shared engine (Valkey/Redis: hashes, sorted sets, SCAN) would later stand in
// for memory and the data file, so that several replicas serve one state.
import type { Slice, Store } from './slices.js';

/** A record's value in one index. (Method-extracted, so a spec of any record type is a CollectionSpec<unknown>.) */
type IndexOf<R> = { of(record: R): string }['of'];

export interface CollectionSpec<R, I extends string = never> {
  /** The change-log kind of its records: a line's key is `<kind>:<record key>`. */
  kind: string;
  /** Reads a stored record (a zod schema's parse); throws on a shape it cannot read. */
  parse(json: unknown): R;
  /** Secondary indexes: each lists records by a value of theirs, in the order they were put. A record's index values never change. */
  indexes?: Record<I, IndexOf<R>>;
  /** Records a fresh (or reset) collection starts with: the fixtures'. */
  seed?(): Iterable<readonly [string, R]>;
  /**
   * An id counter: `nextId()` issues `first()`, then one more each time. Saved under `field` in the
   * snapshot; a loaded record whose key `of` reads as a number keeps it above that number, so an id
   * is never issued twice, whatever the data file lost.
   */
  sequence?: { field: string; first(): number; of(key: string): number };
}

export interface Collection<R, I extends string = never> {
  get(key: string): R | undefined;
  /** Adds a record, or replaces the one under `key` (in place when both are objects: references held elsewhere stay current); persisted. */
  put(key: string, record: R): void;
  /** Persists the record under `key` after it was changed in place. */
  changed(key: string): void;
  delete(key: string): void;
  /** The records whose index `index` reads `value`, in the order they were put. Live: do not change it. */
  lookup(index: I, value: string): readonly R[];
  /** Up to `count` records in the order they were put, from `cursor` (start: undefined); `next` is undefined at the end. */
  scan(cursor: string | undefined, count: number): { records: R[]; next?: string };
  readonly size: number;
  /** The next id of the collection's sequence. */
  nextId(): number;
}

type AnySpec = CollectionSpec<unknown, string>;
type RecordOfSpec<S> = S extends CollectionSpec<infer R, string> ? R : never;
type IndexesOfSpec<S> = S extends CollectionSpec<unknown, infer I> ? I : never;
export type Collections<D extends Record<string, AnySpec>> = { readonly [K in keyof D]: Collection<RecordOfSpec<D[K]>, IndexesOfSpec<D[K]>> };

/** Declares one collection (typed by its `parse` and the names of its indexes). */
/** Every record, page by page in scan order: for start-up and admin listings, never a provider request. */
export function scanAll<R>(c: Pick<Collection<R, string>, 'scan'>, pageSize = 1000): R[] {
  const out: R[] = [];
  let cursor: string | undefined;
  do {
    const page = c.scan(cursor, pageSize);
    out.push(...page.records);
    cursor = page.next;
  } while (cursor !== undefined);
  return out;
}

export function collection<R, I extends string = never>(spec: CollectionSpec<R, I>): CollectionSpec<R, I> {
  return spec;
}

interface Held {
  records: Map<string, unknown>;
  /** Every record put, in order; a deleted or replaced one stays until compacted (scan skips it). */
  order: { key: string; record: unknown }[];
  indexes: Map<string, Map<string, unknown[]>>;
  next: number;
}

type HeldState = Map<string, Held>;

export interface CollectionsOptions {
  /** Turns a snapshot of an older layout into `{[collection]: {[key]: record}, [sequence field]: n}`. */
  upgrade?(json: Record<string, unknown>): Record<string, unknown>;
}

/** Registers the slice `name` holding the declared collections. */
export function defineCollections<D extends Record<string, AnySpec>>(store: Store, name: string, specs: D, options: CollectionsOptions = {}): Collections<D> {
  const byKind = new Map<string, [string, AnySpec]>();
  for (const [field, spec] of Object.entries(specs)) {
    if (byKind.has(spec.kind)) throw new Error(`${name}: two collections log records as ${spec.kind}`);
    byKind.set(spec.kind, [field, spec]);
  }

  const fresh = (spec: AnySpec): Held => {
    const held: Held = { records: new Map(), order: [], indexes: new Map(), next: spec.sequence?.first() ?? 0 };
    for (const index of Object.keys(spec.indexes ?? {})) held.indexes.set(index, new Map());
    return held;
  };
  const init = (): HeldState => {
    const state: HeldState = new Map();
    for (const [field, spec] of Object.entries(specs)) {
      const held = fresh(spec);
      for (const [key, record] of spec.seed?.() ?? []) place(held, spec, key, record);
      state.set(field, held);
    }
    return state;
  };

  const slice: Slice<HeldState> = store.slice<HeldState>(name, {
    init,
    save(state) {
      const doc: Record<string, unknown> = {};
      for (const [field, spec] of Object.entries(specs)) {
        const held = state.get(field) as Held;
        // The Map itself: the snapshot writer writes it as an object, entry by entry, without a copy.
        doc[field] = held.records;
        if (spec.sequence) doc[spec.sequence.field] = held.next;
      }
      return doc;
    },
    load(json) {
      if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('expected an object');
      const doc = options.upgrade ? options.upgrade(json as Record<string, unknown>) : (json as Record<string, unknown>);
      const state: HeldState = new Map();
      for (const [field, spec] of Object.entries(specs)) {
        const held = fresh(spec);
        // The saved counter, not the fixtures' first id: a data file goes on from where it was.
        const n = spec.sequence && doc[spec.sequence.field];
        if (typeof n === 'number') held.next = n;
        const saved = doc[field];
        if (saved !== undefined) {
          if (!saved || typeof saved !== 'object' || Array.isArray(saved)) throw new Error(`expected ${field} to be an object of records`);
          for (const [key, value] of Object.entries(saved)) place(held, spec, key, spec.parse(value));
        } else {
          // A collection the data file does not know yet (added since it was written) starts from its seed.
          for (const [key, record] of spec.seed?.() ?? []) place(held, spec, key, record);
        }
        state.set(field, held);
      }
      return state;
    },
    entries: {
      save(state, line) {
        const at = line.indexOf(':');
        const found = byKind.get(line.slice(0, at));
        return found && state.get(found[0])?.records.get(line.slice(at + 1));
      },
      load(state, line, json) {
        const at = line.indexOf(':');
        const found = at < 0 ? undefined : byKind.get(line.slice(0, at));
        if (!found) throw new Error(`unknown ${name} record key ${line}`);
        const [field, spec] = found;
        const held = state.get(field) as Held;
        const key = line.slice(at + 1);
        if (json === undefined) remove(held, spec, key);
        else place(held, spec, key, spec.parse(json));
      },
    },
  });

  const out: Record<string, Collection<unknown, string>> = {};
  for (const [field, spec] of Object.entries(specs)) {
    const held = () => slice.state.get(field) as Held;
    const lineOf = (key: string) => `${spec.kind}:${key}`;
    out[field] = {
      get: (key) => held().records.get(key),
      put(key, record) {
        place(held(), spec, key, record);
        slice.changed(lineOf(key));
      },
      changed: (key) => slice.changed(lineOf(key)),
      delete(key) {
        if (remove(held(), spec, key)) slice.changed(lineOf(key));
      },
      lookup(index, value) {
        const idx = held().indexes.get(index);
        if (!idx) throw new Error(`${name}.${field} has no index ${index}`);
        return idx.get(value) ?? NONE;
      },
      scan(cursor, count) {
        const h = held();
        let i = cursor === undefined ? 0 : Number(cursor);
        const records: unknown[] = [];
        for (; i < h.order.length && records.length < count; i++) {
          const { key, record } = h.order[i];
          if (h.records.get(key) === record) records.push(record);
        }
        // A cursor is a position in the order of puts (a deletion-heavy collection compacts it, and a scan across that may see a record twice).
        return { records, next: i < h.order.length ? String(i) : undefined };
      },
      get size() {
        return held().records.size;
      },
      nextId() {
        if (!spec.sequence) throw new Error(`${name}.${field} has no sequence`);
        return held().next++;
      },
    };
  }
  return out as unknown as Collections<D>;
}

const NONE: readonly never[] = Object.freeze([]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Puts `record` under `key`, keeping the order, the indexes and the sequence in step. */
function place(held: Held, spec: AnySpec, key: string, record: unknown): void {
  if (spec.sequence) {
    const n = spec.sequence.of(key);
    if (Number.isSafeInteger(n)) held.next = Math.max(held.next, n + 1);
  }
  const known = held.records.get(key);
  if (known === record) return;
  if (known !== undefined && isObject(known) && isObject(record)) {
    // Replaced in place: the indexes and whoever holds the record (a timer) see the new version.
    for (const k of Object.keys(known)) if (!Object.hasOwn(record, k)) delete known[k];
    Object.assign(known, record);
    return;
  }
  if (known !== undefined) remove(held, spec, key);
  held.records.set(key, record);
  held.order.push({ key, record });
  for (const [index, of] of Object.entries<IndexOf<unknown>>(spec.indexes ?? {})) {
    const idx = held.indexes.get(index) as Map<string, unknown[]>;
    const value = of(record);
    const list = idx.get(value);
    if (list) list.push(record);
    else idx.set(value, [record]);
  }
}

function remove(held: Held, spec: AnySpec, key: string): boolean {
  const known = held.records.get(key);
  if (known === undefined) return false;
  held.records.delete(key);
  for (const [index, of] of Object.entries<IndexOf<unknown>>(spec.indexes ?? {})) {
    const idx = held.indexes.get(index) as Map<string, unknown[]>;
    const value = of(known);
    const list = idx.get(value);
    if (!list) continue;
    const at = list.indexOf(known);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) idx.delete(value);
  }
  // Deletions are rare (media, sessions): the order list drops its holes once they are half of it.
  if (held.order.length > 64 && held.records.size < held.order.length / 2) held.order = held.order.filter((e) => held.records.get(e.key) === e.record);
  return true;
}
