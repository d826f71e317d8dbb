// Date formats on Devino's wire: local date-times without offset in, .NET JSON dates out.
import { fromWallClock, MSK_OFFSET_HOURS } from '../../core/wallClock.js';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/** Parses `2011-01-28T16:00:00` (or with a space, or date only) as a time at `utcOffsetHours`. */
export function parseLocalDateTime(text: string, utcOffsetHours: number): number | undefined {
  const m = LOCAL.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = m.slice(1);
  return fromWallClock({ y: +y, mo: +mo, d: +d, h: +h, mi: +mi, s: +s, ms: +ms.padEnd(3, '0') }, utcOffsetHours);
}

/** Moscow time, in which SendDate is given. */
export const MSK_OFFSET = MSK_OFFSET_HOURS;

/** `"\/Date(1294045911213)\/"` as .NET's serializer writes it (with the escaped slashes). */
export const dotNetDate = (epochMs: number | undefined) => (epochMs === undefined ? null : `/Date(${epochMs})/`);

/**
 * JSON text with .NET's `\/Date(…)\/` escaping, which JSON.stringify does not produce by itself.
 * Plain replacements, no regular expression: inside JSON text `"/Date(` can only open a string and
 * `)/"` only close one, and `\/` is an escaped `/`, so any other string they touch reads the same.
 */
export const toDotNetJson = (value: unknown) => {
  const json = JSON.stringify(value);
  return json.includes('"/Date(') ? json.replaceAll('"/Date(', '"\\/Date(').replaceAll(')/"', ')\\/"') : json;
};
