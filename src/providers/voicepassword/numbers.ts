// Subscriber and calling numbers: what clients send (`7…`, `+7…`, `8…`, spaces and dashes) to the
// 11-digit form on the wire, and the direction checks behind the spec's number errors.
import { normalizeMsisdn } from '../../core/phone.js';
import { fail } from './errors.js';
import type { VoicePasswordFixture } from './schemas.js';

/** Digits of a number as clients write it; undefined when it is not a phone number at all. */
export function normalizeNumber(raw: string | number | null | undefined): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const digits = normalizeMsisdn(String(raw));
  if (!digits) return undefined;
  // Russian local forms: 8 and the bare 10-digit mobile number mean +7.
  if (digits.length === 11 && digits.startsWith('8')) return `7${digits.slice(1)}`;
  if (digits.length === 10 && digits.startsWith('9')) return `7${digits}`;
  return digits;
}

export interface NumberRules {
  /** The normalised subscriber number, or the spec's error for it. */
  check(raw: string | number | null | undefined): string;
}

export function createNumberRules(fixture: VoicePasswordFixture): NumberRules {
  const spam = new Set(fixture.spamList);
  const directions = [...fixture.directions].sort((a, b) => b.prefix.length - a.prefix.length);
  const prohibited = fixture.prohibitedPrefixes;
  return {
    check(raw) {
      const number = normalizeNumber(raw);
      if (!number) throw fail('number_is_empty');
      const direction = directions.find((d) => number.startsWith(d.prefix) && number.length === d.length);
      if (!direction) throw fail('number_not_valid');
      if (prohibited.some((p) => number.startsWith(p))) throw fail('number_not_permitted');
      if (spam.has(number)) throw fail('number_in_spam_list');
      return number;
    },
  };
}
