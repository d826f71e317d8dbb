// Times as people read them: a date-time in UTC and in Moscow time (the providers' own clock), never
// an epoch number. Only simulator times are formatted here; the page never reads the browser's clock.
import { formatDateTime, MSK_OFFSET_HOURS } from '../../core/wallClock.js';

export const msOf = (at: string | number): number => (typeof at === 'number' ? at : Date.parse(at));

/** `2026-12-01 23:05:12` UTC. */
export const utc = (at: string | number) => formatDateTime(msOf(at), 0);

/** `hh:mm` (UTC) for a list row, with the seconds when they matter. */
export const clockTime = (at: string | number) => utc(at).slice(11, 16);

/** `2026-12-01 23:05:12 UTC · 02:05:12 MSK`: both clocks a tester compares with. */
export function bothZones(at: string | number): string {
  const ms = msOf(at);
  const msk = formatDateTime(ms, MSK_OFFSET_HOURS);
  const sameDay = msk.slice(0, 10) === utc(ms).slice(0, 10);
  return `${utc(ms)} UTC · ${sameDay ? msk.slice(11) : msk} MSK`;
}

/** An epoch-millisecond value in a provider's own record (2001..2286): shown as a date-time. */
export const looksLikeEpochMs = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1e12 && v < 1e13;

/** `+7 916 100-20-30` for a Russian number, anything else as it is. */
export function prettyNumber(n: string): string {
  const m = /^7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(n);
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : n;
}

export const seconds = (s: number) => (s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`);
