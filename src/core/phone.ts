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
  const trimmed = raw.trim().replace(/[\s()-]/g, '');
  const m = /^\+?(\d{10,15})$/.exec(trimmed);
  if (!m) return undefined;
  return m[1];
}

function prefixTable<V>(entries: Iterable<[string, V]>) {
  const map = new Map<string, V>();
  const lengths = new Set<number>();
  for (const [prefix, value] of entries) {
    map.set(prefix, value);
    lengths.add(prefix.length);
  }
  const sorted = [...lengths].sort((a, b) => b - a);
  return (msisdn: string): V | undefined => {
    for (const len of sorted) {
      const hit = map.get(msisdn.slice(0, len));
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
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
