// VoicePassword's wire formats: Moscow local times (no DST since 2014), money with a dot and two
// decimals, durations as `mm:ss` in statistics and as whole seconds in callbacks.

import { formatDateTime, fromWallClock, MSK_OFFSET_MS } from '../../core/wallClock.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function mskParts(epochMs: number) {
  const d = new Date(epochMs + MSK_OFFSET_MS);
  return {
    y: d.getUTCFullYear(),
    mo: pad(d.getUTCMonth() + 1),
    d: pad(d.getUTCDate()),
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
  };
}

// The day of the last call asked about: calls come in runs on the same day, so its text is reused.
let lastDay = Number.NaN;
let lastDayText = '';

/** `11.09.2020`: the key of a day in `daily`. */
export function mskDay(epochMs: number): string {
  const day = Math.floor((epochMs + MSK_OFFSET_MS) / 86_400_000);
  if (day !== lastDay) {
    const p = mskParts(epochMs);
    lastDayText = `${p.d}.${p.mo}.${p.y}`;
    lastDay = day;
  }
  return lastDayText;
}

/** `11.09.2020 13:34:39`, as `/get/` shows dates. */
export function mskDateTime(epochMs: number): string {
  return `${mskDay(epochMs)} ${mskParts(epochMs).time}`;
}

/** `2020-02-02 15:18:48`, as callbacks show dates. */
export const mskIsoDateTime = (epochMs: number) => formatDateTime(epochMs);

const DAY = /^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

/** Parses `dd.mm.yyyy` or `dd.mm.yyyy HH:mm:ss` (Moscow); undefined for anything else or a day that does not exist. */
export function parseMskDate(text: string): number | undefined {
  const m = DAY.exec(text.trim());
  if (!m) return undefined;
  const [d, mo, y, h = '0', mi = '0', s = '0'] = m.slice(1);
  return fromWallClock({ y: +y, mo: +mo, d: +d, h: +h, mi: +mi, s: +s });
}

export const money = (value: number) => value.toFixed(2);

/** `00:04`; minutes run past 59 rather than adding hours. */
export function minutesSeconds(seconds: number): string {
  const whole = Math.round(seconds);
  return `${pad(Math.floor(whole / 60))}:${pad(whole % 60)}`;
}
