// Mobilgroup's wire formats: money with a comma in /send/ and balance but a point in state,
// Moscow local times, 11-digit numbers.
import { roundMoney } from '../../core/accounts.js';
import { formatDateTime, parseDateTime } from '../../core/wallClock.js';

/** `"1,82"`: /send/ prices and budget, balance. */
export const moneyComma = (value: number) => roundMoney(value).toFixed(2).replace('.', ',');

/** `"3.41"` in state; a zero is `"0"`, as the spec's transfer section shows. */
export const moneyDot = (value: number) => (roundMoney(value) === 0 ? '0' : roundMoney(value).toFixed(2));

/** `2020-07-15 14:05:12`, Moscow time. */
export const moscowDateTime = (epochMs: number) => formatDateTime(epochMs);

/** `2020-02-04 14:25` (seconds optional) in Moscow time; undefined for anything else or a date that does not exist. */
export const parseSchedule = (text: string) => parseDateTime(text);

/** The spec's "11-digit format" of a subscriber phone: `79161234567`, nothing else. */
export const isElevenDigits = (phone: string) => /^\d{11}$/.test(phone);

/** An integer setting in `min..max`, sent as `"2"` or `2`; undefined when it is not one. */
export function intInRange(text: string, min: number, max: number): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}
