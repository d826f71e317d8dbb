// Subscriber and calling numbers: what clients send (`7…`, `+7…`, `8…`, spaces and dashes) to the
// 11-digit form on the wire, and the direction checks behind the spec's number errors.
import { normalizeNumber, type NumberPolicy } from '../../core/phone.js';
import { fail } from './errors.js';
import type { VoicePasswordFixture } from './schemas.js';

/** The platform reads the Russian national forms as +7: `8…` and the bare ten-digit mobile number. */
export const VOICEPASSWORD_NUMBERS: NumberPolicy = { trunk8: 'as7', bareMobile: 'as7' };

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
      const number = normalizeNumber(raw, VOICEPASSWORD_NUMBERS);
      if (!number) throw fail('number_is_empty');
      const direction = directions.find((d) => number.startsWith(d.prefix) && number.length === d.length);
      if (!direction) throw fail('number_not_valid');
      if (prohibited.some((p) => number.startsWith(p))) throw fail('number_not_permitted');
      if (spam.has(number)) throw fail('number_in_spam_list');
      return number;
    },
  };
}
