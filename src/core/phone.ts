// Phone number rules shared by the providers: normalisation to E.164 digits, and the operator
// and time zone of a number by its longest matching prefix (table in fixtures/numbering.json).
import { z } from 'zod';
import { loadFixture } from './fixtures.js';

export const NumberingFixture = z.object({
  defaultOperator: z.string(),
  /** UTC offset in hours for numbers with no time-zone prefix (Moscow). */
  defaultUtcOffset: z.number(),
  operators: z.record(z.string(), z.array(z.string().regex(/^\d+$/))),
  utcOffsets: z.record(z.string().regex(/^\d+$/), z.number().min(-12).max(14)),
});
export type NumberingFixture = z.infer<typeof NumberingFixture>;

export interface Numbering {
  operatorOf(msisdn: string): string;
  utcOffsetOf(msisdn: string): number;
}

/** Digits only, with an optional leading `+`; anything else (letters, 8-prefixed local form) is not a number. */
export function normalizeMsisdn(raw: string): string | undefined {
  // The common case, plain digits, is read without a regular expression or a copy.
  const plus = raw.charCodeAt(0) === 43 ? 1 : 0;
  if (raw.length - plus >= 10 && raw.length - plus <= 15 && allDigits(raw, plus)) return plus ? raw.slice(1) : raw;
  const trimmed = raw.trim().replace(/[\s()-]/g, '');
  const m = /^\+?(\d{10,15})$/.exec(trimmed);
  if (!m) return undefined;
  return m[1];
}

function allDigits(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

interface DigitNode<V> {
  value?: V;
  next: (DigitNode<V> | undefined)[];
}

/** Longest-prefix lookup over digits: a walk down a trie, no substring per candidate length. */
function prefixTable<V>(entries: Iterable<[string, V]>) {
  const root: DigitNode<V> = { next: [] };
  for (const [prefix, value] of entries) {
    let node = root;
    for (let i = 0; i < prefix.length; i++) {
      const d = prefix.charCodeAt(i) - 48;
      node = node.next[d] ??= { next: [] };
    }
    node.value = value;
  }
  return (msisdn: string): V | undefined => {
    let node: DigitNode<V> | undefined = root;
    let found = root.value;
    for (let i = 0; i < msisdn.length && node; i++) {
      node = node.next[msisdn.charCodeAt(i) - 48];
      if (node?.value !== undefined) found = node.value;
    }
    return found;
  };
}

const numberTables = new WeakMap<object, Map<string, unknown>>();

/**
 * A fixture's table keyed by phone number, as a Map: looking a request's fresh number string up in
 * a plain object makes V8 intern it first (several times slower). Made once per table object, so a
 * fixture reload, which replaces the object, gets a new one.
 */
export function byNumber<V>(table: Readonly<Record<string, V>>): ReadonlyMap<string, V> {
  let map = numberTables.get(table) as Map<string, V> | undefined;
  if (!map) numberTables.set(table, (map = new Map(Object.entries(table))));
  return map;
}

export function createNumbering(fixture: NumberingFixture): Numbering {
  const operator = prefixTable(
    Object.entries(fixture.operators).flatMap(([name, prefixes]) => prefixes.map((p) => [p, name] as [string, string])),
  );
  const offset = prefixTable(Object.entries(fixture.utcOffsets));
  return {
    operatorOf: (msisdn) => operator(msisdn) ?? fixture.defaultOperator,
    utcOffsetOf: (msisdn) => offset(msisdn) ?? fixture.defaultUtcOffset,
  };
}

export const loadNumbering = (dir: string) => createNumbering(loadFixture(dir, 'numbering', NumberingFixture));
