// Mobilgroup's wire formats: money with a comma in /send/ and balance but a point in state,
// Moscow local times, 11-digit numbers.
import { roundMoney } from '../../core/accounts.js';

const MSK_OFFSET_MS = 3 * 3_600_000;

/** `"1,82"`: /send/ prices and budget, balance. */
export const moneyComma = (value: number) => roundMoney(value).toFixed(2).replace('.', ',');

/** `"3.41"` in state; a zero is `"0"`, as the spec's transfer section shows. */
export const moneyDot = (value: number) => (roundMoney(value) === 0 ? '0' : roundMoney(value).toFixed(2));

/** `2020-07-15 14:05:12`, Moscow time. */
export function moscowDateTime(epochMs: number): string {
  const iso = new Date(epochMs + MSK_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

const SCHEDULE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** `2020-02-04 14:25` (seconds optional) in Moscow time; undefined for anything else or a date that does not exist. */
export function parseSchedule(text: string): number | undefined {
  const m = SCHEDULE.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s = '0'] = m.slice(1).map((part) => part ?? '0');
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(utc);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return undefined;
  }
  return utc - MSK_OFFSET_MS;
}

/**
 * The spec's "11-digit format": `79161234567`. Clients also send `+7…` and the domestic `8…`
 * with spaces or dashes; those are the same number.
 */
export function normalizePhone(raw: string): string | undefined {
  const digits = raw.trim().replace(/[\s()-]/g, '').replace(/^\+/, '');
  if (!/^[78]\d{10}$/.test(digits)) return undefined;
  return `7${digits.slice(1)}`;
}

/** An integer setting in `min..max`, sent as `"2"` or `2`; undefined when it is not one. */
export function intInRange(text: string, min: number, max: number): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}
