// Devino reads parameters case-insensitively from the query string and a form body alike, with
// repeated keys (`DestinationAddresses=a&DestinationAddresses=b`), brackets (`DestinationAddresses[]`)
// or indexes (`DestinationAddresses[0]`). This folds all of that into one lower-cased bag.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { missing } from './errors.js';

export type ParamBag = Map<string, string[]>;

function addValue(list: string[], v: unknown) {
  if (typeof v === 'string') list.push(v);
  else if (typeof v === 'number' || typeof v === 'boolean') list.push(String(v));
}

function addAll(bag: ParamBag, source: unknown) {
  if (!source || typeof source !== 'object' || Array.isArray(source)) return;
  const record = source as Record<string, unknown>;
  for (const rawKey of Object.keys(record)) {
    const value = record[rawKey];
    const lower = rawKey.toLowerCase();
    const key = lower.endsWith(']') ? lower.replace(/\[\d*\]$/, '') : lower;
    let list = bag.get(key);
    if (!list) bag.set(key, (list = []));
    if (Array.isArray(value)) for (const v of value) addValue(list, v);
    else addValue(list, value);
  }
}

export function collectParams(request: FastifyRequest): ParamBag {
  const bag: ParamBag = new Map();
  addAll(bag, request.query);
  addAll(bag, request.body);
  return bag;
}

/** First non-blank value of a parameter, trimmed (clients leave spaces after `=`), or undefined. */
export function param(bag: ParamBag, name: string): string | undefined {
  const list = bag.get(name.toLowerCase());
  if (!list) return undefined;
  for (const v of list) {
    const t = v.trim();
    if (t !== '') return t;
  }
  return undefined;
}

/** Every non-blank value of the parameters, in order. */
export function params(bag: ParamBag, ...names: string[]): string[] {
  return names.flatMap((n) => (bag.get(n.toLowerCase()) ?? []).map((v) => v.trim()).filter((v) => v !== ''));
}

/**
 * Reads an operation's parameters in the order its schema lists them; the first required one that
 * is absent or blank is Devino's error 1, as the spec's first check. Values stay strings: the
 * checks that follow (session, balance, number, sender, length) run in the spec's order.
 */
interface FieldInfo {
  key: string;
  /** The bag's (lower-cased) name of the field. */
  lower: string;
  optional: boolean;
  list: boolean;
}

// What each schema field is, worked out once per schema: a zod parse per field per request would
// build (and throw away) an error object for every required field.
const fieldCache = new WeakMap<z.ZodObject, FieldInfo[]>();

function fieldsOf(schema: z.ZodObject): FieldInfo[] {
  let fields = fieldCache.get(schema);
  if (!fields) {
    fields = Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, field]) => ({
      key,
      lower: key.toLowerCase(),
      optional: field.safeParse(undefined).success,
      list: (field instanceof z.ZodOptional ? field.unwrap() : field) instanceof z.ZodArray,
    }));
    fieldCache.set(schema, fields);
  }
  return fields;
}

export function readParams<S extends z.ZodObject>(bag: ParamBag, schema: S, aliases: Record<string, string[]> = {}): z.output<S> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const { key, lower, optional, list } of fieldsOf(schema)) {
    const alias = aliases[key];
    let value: string | string[] | undefined;
    if (!alias) value = list ? params(bag, lower) : param(bag, lower);
    else {
      const names = [key, ...alias];
      value = list ? params(bag, ...names) : names.map((n) => param(bag, n)).find((v) => v !== undefined);
    }
    const absent = value === undefined || (Array.isArray(value) && value.length === 0);
    if (absent && !optional) throw missing(key);
    out[key] = absent ? undefined : value;
  }
  return out as z.output<S>;
}
