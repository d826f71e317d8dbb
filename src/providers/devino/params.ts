// Devino reads parameters case-insensitively from the query string and a form body alike, with
// repeated keys (`DestinationAddresses=a&DestinationAddresses=b`), brackets (`DestinationAddresses[]`)
// or indexes (`DestinationAddresses[0]`). An operation's parameters are read in one pass over the
// request's keys; a key spelled as the schema spells it skips the lower-casing.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { missing } from './errors.js';

/**
 * Fields read exactly as sent: a message text keeps its leading and trailing spaces and newlines, as
 * the platform stores, segments and bills them (docs/fidelity.md, "Never change what the user sent").
 */
const VERBATIM = new WeakSet<object>();

/** Marks a schema field as read verbatim (not trimmed); only the empty string counts as absent. */
export function verbatim<T extends z.ZodType>(field: T): T {
  VERBATIM.add(field);
  return field;
}

/** Where a request's parameters are: the query string first, then the body. */
export interface ParamBag {
  query: unknown;
  body: unknown;
}

export const collectParams = (request: FastifyRequest): ParamBag => ({ query: request.query, body: request.body });

/** A key as Devino matches it: lower case, without a trailing `[]` or `[i]`. */
function normalizeKey(rawKey: string): string {
  const lower = rawKey.toLowerCase();
  return lower.endsWith(']') ? lower.replace(/\[\d*\]$/, '') : lower;
}

/** Calls `add` with every value of every key of the bag, query first, in key order (arrays expanded; objects and nulls skipped). */
function eachValue(bag: ParamBag, slotOf: (rawKey: string) => number | undefined, add: (slot: number, value: string) => void) {
  for (const source of [bag.query, bag.body]) {
    if (!source || typeof source !== 'object' || Array.isArray(source)) continue;
    const record = source as Record<string, unknown>;
    for (const rawKey of Object.keys(record)) {
      const slot = slotOf(rawKey);
      if (slot === undefined) continue;
      const value = record[rawKey];
      if (Array.isArray(value)) for (const v of value) addValue(slot, v, add);
      else addValue(slot, value, add);
    }
  }
}

function addValue(slot: number, v: unknown, add: (slot: number, value: string) => void) {
  if (typeof v === 'string') add(slot, v);
  else if (typeof v === 'number' || typeof v === 'boolean') add(slot, String(v));
}

/** Every value of a parameter as sent (untrimmed, blanks included). */
export function rawValues(bag: ParamBag, name: string): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  eachValue(bag, (k) => (normalizeKey(k) === wanted ? 0 : undefined), (_slot, v) => out.push(v));
  return out;
}

/** First non-blank value of a parameter, trimmed (clients leave spaces after `=`), or undefined. */
export function param(bag: ParamBag, name: string): string | undefined {
  for (const v of rawValues(bag, name)) {
    const t = v.trim();
    if (t !== '') return t;
  }
  return undefined;
}

/**
 * How an operation's schema is read, worked out once per schema: each field has a slot per name it
 * answers to (its own, then its aliases, in priority order). A zod parse per field per request would
 * build (and throw away) an error object for every required field.
 */
interface Reader {
  /** Slot of a key spelled exactly as the schema or an alias spells it. */
  exact: Map<string, number>;
  /** Slot of a normalized key. */
  normalized: Map<string, number>;
  slots: number;
  fields: { key: string; optional: boolean; list: boolean; slots: number[] }[];
  /** Slots whose values are kept as sent. */
  verbatim: Set<number>;
}

type Aliases = Readonly<Record<string, readonly string[]>>;
const NO_ALIASES: Aliases = {};
/** Readers by schema, then by aliases object (call sites pass a constant). */
const readers = new WeakMap<z.ZodObject, WeakMap<Aliases, Reader>>();

function readerOf(schema: z.ZodObject, aliases: Aliases): Reader {
  let bySchema = readers.get(schema);
  if (!bySchema) readers.set(schema, (bySchema = new WeakMap()));
  const reader = bySchema.get(aliases);
  if (reader) return reader;
  const built: Reader = { exact: new Map(), normalized: new Map(), slots: 0, fields: [], verbatim: new Set() };
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const slots: number[] = [];
    const asSent = VERBATIM.has(field instanceof z.ZodOptional ? field.unwrap() : field) || VERBATIM.has(field);
    for (const name of [key, ...(aliases[key] ?? [])]) {
      const slot = built.slots++;
      slots.push(slot);
      if (asSent) built.verbatim.add(slot);
      built.exact.set(name, slot);
      built.normalized.set(name.toLowerCase(), slot);
    }
    built.fields.push({
      key,
      optional: field.safeParse(undefined).success,
      list: (field instanceof z.ZodOptional ? field.unwrap() : field) instanceof z.ZodArray,
      slots,
    });
  }
  bySchema.set(aliases, built);
  return built;
}

/**
 * Reads an operation's parameters in the order its schema lists them; the first required one that
 * is absent or blank is Devino's error 1, as the spec's first check. Values stay strings: the
 * checks that follow (session, balance, number, sender, length) run in the spec's order.
 * A field takes the first non-blank value (a list: every one) of its first name that has one; a
 * verbatim field takes its first non-empty value untouched.
 */
export function readParams<S extends z.ZodObject>(bag: ParamBag, schema: S, aliases: Aliases = NO_ALIASES): z.output<S> {
  const reader = readerOf(schema, aliases);
  const found: (string[] | undefined)[] = new Array(reader.slots);
  eachValue(
    bag,
    (rawKey) => reader.exact.get(rawKey) ?? reader.normalized.get(normalizeKey(rawKey)),
    (slot, v) => {
      // Trimming is a leniency for names, numbers and ids (the spec's own example has `= 79160000000`);
      // a verbatim field is never trimmed.
      const t = reader.verbatim.has(slot) ? v : v.trim();
      if (t !== '') (found[slot] ??= []).push(t);
    },
  );
  const out: Record<string, string | string[] | undefined> = {};
  for (const { key, optional, list, slots } of reader.fields) {
    let value: string | string[] | undefined;
    if (list) {
      const all = slots.flatMap((s) => found[s] ?? []);
      value = all.length > 0 ? all : undefined;
    } else {
      for (const s of slots) {
        const first = found[s]?.[0];
        if (first !== undefined) {
          value = first;
          break;
        }
      }
    }
    if (value === undefined && !optional) throw missing(key);
    out[key] = value;
  }
  return out as z.output<S>;
}
