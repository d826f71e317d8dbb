// Phone number rules shared by the providers: one normaliser with a per-provider policy, and the operator
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

/**
 * How a provider reads a subscriber number on its wire. Every provider strips spaces, dashes,
 * brackets and a leading `+` and wants 10 to 15 digits; they differ only in the Russian national
 * forms (docs/fidelity.md, "Subscriber numbers").
 */
export interface NumberPolicy {
  /** The trunk form `8XXXXXXXXXX`: read as `7XXXXXXXXXX`, or refused; by default kept as its digits. */
  trunk8?: 'as7' | 'refuse';
  /** A bare ten-digit mobile number `9XXXXXXXXX`: read as `79XXXXXXXXX`; by default kept as its digits. */
  bareMobile?: 'as7';
}

const DIGITS_ONLY: NumberPolicy = {};

/**
 * The one form scenario rules match a subscriber by, whatever the provider: a number is the same
 * subscriber as `+7 916 100-20-30`, `89161002030`, `9161002030` and `79161002030` alike.
 */
export const SUBSCRIBER: NumberPolicy = { trunk8: 'as7', bareMobile: 'as7' };

/** A number as a provider with this policy reads it: E.164 digits without `+`, or undefined when it is not one it takes. */
export function normalizeNumber(raw: string | number | null | undefined, policy: NumberPolicy = DIGITS_ONLY): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const digits = msisdnDigits(typeof raw === 'string' ? raw : String(raw));
  if (digits === undefined) return undefined;
  // 56 is `8`, 57 is `9`: the national forms are told apart without a regular expression (the hot path of every send).
  if (digits.length === 11 && digits.charCodeAt(0) === 56 && policy.trunk8 !== undefined) return policy.trunk8 === 'as7' ? `7${digits.slice(1)}` : undefined;
  if (digits.length === 10 && digits.charCodeAt(0) === 57 && policy.bareMobile === 'as7') return `7${digits}`;
  return digits;
}

/** The subscriber a number names, as scenario rules match it ({@link SUBSCRIBER}); anything else: its digits. */
export const subscriberKey = (raw: string): string => normalizeNumber(raw, SUBSCRIBER) ?? raw.replace(/\D/g, '');

/** Digits only, with an optional leading `+`; anything else (letters, too short or long) is not a number. */
function msisdnDigits(raw: string): string | undefined {
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
