// Wall-clock times on the providers' wires: every provider writes and reads local times without an
// offset (Moscow, UTC+3, no daylight saving since 2014), some at a recipient's own offset.

export const MSK_OFFSET_HOURS = 3;
export const MSK_OFFSET_MS = MSK_OFFSET_HOURS * 3_600_000;

export interface WallClockFields {
  y: number;
  mo: number;
  d: number;
  h?: number;
  mi?: number;
  s?: number;
  ms?: number;
}

/** Epoch ms of a wall-clock time at a UTC offset; undefined for a day or time that does not exist (2011-02-30, 24:00). */
export function fromWallClock(f: WallClockFields, offsetHours = MSK_OFFSET_HOURS): number | undefined {
  const { y, mo, d, h = 0, mi = 0, s = 0, ms = 0 } = f;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(utc);
  // Date.UTC rolls an impossible day over into the next month.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return utc - offsetHours * 3_600_000;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** `2020-07-15 14:05` or `2020-07-15T14:05:12` at a UTC offset (Moscow by default). */
export function parseDateTime(text: string, offsetHours = MSK_OFFSET_HOURS): number | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  return fromWallClock({ y: +m[1], mo: +m[2], d: +m[3], h: +m[4], mi: +m[5], s: m[6] === undefined ? 0 : +m[6] }, offsetHours);
}

/** `2020-07-15 14:05:12` at a UTC offset (Moscow by default). */
export function formatDateTime(epochMs: number, offsetHours = MSK_OFFSET_HOURS): string {
  return new Date(epochMs + offsetHours * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
