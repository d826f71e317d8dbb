// Unibell's wire dates: `YYYY-MM-DD HH:mm:ss` in Moscow time (UTC+3, no daylight saving).
import { formatDateTime, MSK_OFFSET_MS, parseDateTime } from '../../core/wallClock.js';

const DAY_MS = 86_400_000;
const TIME_ONLY = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

export { MSK_OFFSET_MS };

/** Epoch ms as `2020-02-12 18:09:10`, Moscow time. */
export const formatMsk = (epochMs: number) => formatDateTime(epochMs);

/** `2024-10-31 09:00:00` (Moscow time) as epoch ms; undefined for anything else or an impossible date. */
export const parseMsk = (text: string) => parseDateTime(text);

/** Seconds since Moscow midnight of `2024-10-31 09:00:00` or `09:00[:00]`. */
export function parseTimeOfDay(text: string): number | undefined {
  const trimmed = text.trim();
  const t = TIME_ONLY.exec(trimmed);
  if (t) {
    const [h, mi, s = '0'] = t.slice(1).map((x) => x ?? '0');
    if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
    return Number(h) * 3600 + Number(mi) * 60 + Number(s);
  }
  const at = parseMsk(trimmed);
  if (at === undefined) return undefined;
  return Math.floor((((at + MSK_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / 1000);
}

/** A daily window of Moscow times of day; `end < start` wraps past midnight. */
export interface WorkWindow {
  startSec: number;
  endSec: number;
}

/** The first moment at or after `at` inside the window. */
export function nextInWindow(at: number, w: WorkWindow): number {
  const local = at + MSK_OFFSET_MS;
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  const sec = (local - midnight) / 1000;
  const inside = w.startSec < w.endSec ? sec >= w.startSec && sec < w.endSec : sec >= w.startSec || sec < w.endSec;
  if (inside) return at;
  const openToday = midnight + w.startSec * 1000;
  const open = openToday > local ? openToday : openToday + DAY_MS;
  return open - MSK_OFFSET_MS;
}
