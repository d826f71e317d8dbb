// What the sandbox's one search field means: a phone number in any common spelling (`+7 916 100-20-30`,
// `89161002030`, `79161002030`), or a word of a text, an id or an account. A number is compared by its
// digits, so every spelling of it finds the same records.
import type { StoredRecord } from '../core/context.js';

/** A Russian number's digits as the providers store them (`7XXXXXXXXXX`); other digits as they are. */
export function phoneKey(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits.length === 11 && digits[0] === '8') return `7${digits.slice(1)}`;
  if (digits.length === 10 && digits[0] === '9') return `7${digits}`;
  return digits;
}

/** The subscriber a record is about: the number it went to, or (an incoming SMS) came from. */
export const subscriberOf = (r: Pick<StoredRecord, 'to' | 'from' | 'incoming'>): string | undefined => (r.incoming ? r.from : r.to);

/** Only number-like input (digits, spaces, `+`, `-`, brackets) is searched as a number. */
const NUMBER_LIKE = /^\+?[\d\s()-]{3,}$/;

/** `hay`: the record's haystackOf, when the caller keeps it (the ordered catalogue does); called only by a text search. */
export type RecordMatcher = (r: StoredRecord, hay?: () => string) => boolean;

/** The test a search string puts to each record; undefined for an empty search. */
export function recordMatcher(search: string | undefined): RecordMatcher | undefined {
  const q = search?.trim().toLowerCase();
  if (!q) return undefined;
  if (NUMBER_LIKE.test(q)) {
    const digits = phoneKey(q);
    // A full number is found in its stored spelling; a fragment (`1002030`) as typed.
    return (r) => r.id.includes(digits) || (r.to?.includes(digits) ?? false) || (r.from?.includes(digits) ?? false);
  }
  return (r, hay) => (hay ? hay() : haystackOf(r)).includes(q);
}

/** The words a search looks in, lower-cased and joined (`\n` never occurs in a search, so no match spans two). */
export const haystackOf = (r: StoredRecord): string => [r.id, r.account, r.text, r.summary, r.from, r.code].filter((v) => v !== undefined).join('\n').toLowerCase();

/** Records of one subscriber's phone: whatever went to that number or came from it. */
export function phoneMatcher(number: string): RecordMatcher {
  const key = phoneKey(number);
  return (r) => {
    const who = subscriberOf(r);
    if (who === undefined) return false;
    // Stored numbers are digits already: the regular expression runs only for other spellings.
    return who === key || (who.length !== key.length && phoneKey(who) === key);
  };
}
