// Date formats on Devino's wire: local date-times without offset in, .NET JSON dates out.

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/** Parses `2011-01-28T16:00:00` (or with a space, or date only) as a time at `utcOffsetHours`. */
export function parseLocalDateTime(text: string, utcOffsetHours: number): number | undefined {
  const m = LOCAL.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = m.slice(1);
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0')));
  const back = new Date(utc);
  // Reject dates that JavaScript would roll over (2011-02-30).
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  return utc - utcOffsetHours * 3_600_000;
}

/** Moscow time, in which SendDate is given. */
export const MSK_OFFSET = 3;

/** `"\/Date(1294045911213)\/"` as .NET's serializer writes it (with the escaped slashes). */
export const dotNetDate = (epochMs: number | undefined) => (epochMs === undefined ? null : `/Date(${epochMs})/`);

/** JSON text with .NET's `\/Date(…)\/` escaping, which JSON.stringify does not produce by itself. */
export const toDotNetJson = (value: unknown) => {
  const json = JSON.stringify(value);
  // Most answers (ids, balances) hold no date: skip the regular expression.
  return json.includes('"/Date(') ? json.replace(/"\/Date\((-?\d+)\)\/"/g, '"\\/Date($1)\\/"') : json;
};
