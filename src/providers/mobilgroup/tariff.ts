// How long a message plays and what a call, a transfer and an SMS cost.
import { roundMoney } from '../../core/accounts.js';
import { segmentSms } from '../../core/sms.js';
import type { Tariff } from './schemas.js';

export const MAX_MESSAGE_LENGTH = 5000;

/** Characters a speech synthesiser reads at a normal pace (about 12 per second of Russian speech). */
const CHARS_PER_SECOND = 12;

/** TTS has nothing to say for text without a letter or a digit (only punctuation, emoji, spaces). */
export const isSpeakable = (text: string) => /[\p{L}\p{N}]/u.test(text);

/** Characters (code points, not UTF-16 units) of a text, counted without copying it. */
export function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // The second half of a surrogate pair is the same character as the first.
    if (c < 0xdc00 || c > 0xdfff || i === 0 || text.charCodeAt(i - 1) < 0xd800 || text.charCodeAt(i - 1) > 0xdbff) n++;
  }
  return n;
}

/** Seconds of synthesised speech for a text; at least 2 (the synthesiser's lead-in and pause). */
export function speechSeconds(text: string): number {
  // Runs of white space read as one pause; leading and trailing ones not at all.
  const chars = codePoints(/\s\s|^\s|\s$|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ').trim() : text);
  return Math.max(2, Math.ceil(chars / CHARS_PER_SECOND));
}

/** Per started minute, as Russian voice tariffs bill; nothing for a call nobody heard. */
export const perMinute = (rate: number, seconds: number) => (seconds > 0 ? roundMoney(rate * Math.ceil(seconds / 60)) : 0);

export const callPrice = (tariff: Tariff, seconds: number) => perMinute(tariff.callPerMinute, seconds);

export const transferPrice = (tariff: Tariff, seconds: number) => perMinute(tariff.transferPerMinute, seconds);

export function smsCost(tariff: Tariff, text: string): { parts: number; price: number } {
  const parts = segmentSms(text).parts.length;
  return { parts, price: roundMoney(parts * tariff.smsPerPart) };
}
