// Text checks shared by the routes: names that a file system and a UI can show, and the
// `k=v&k=v` scenario variables of a single activation.
import { invalidData } from './errors.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/;

export const MAX_NAME_LENGTH = 255;

/** A media name: trimmed, 1..255 characters, no control characters, slashes or broken UTF-16. */
export function checkName(raw: string): string {
  const name = raw.trim();
  if (name === '') throw invalidData('name must not be empty');
  if ([...name].length > MAX_NAME_LENGTH) throw invalidData(`name must be at most ${MAX_NAME_LENGTH} characters`);
  if (LONE_SURROGATE.test(name)) throw invalidData('name is not valid Unicode');
  if (CONTROL.test(name) || name.includes('/') || name.includes('\\')) throw invalidData('name must not contain control characters or slashes');
  return name;
}

export function checkText(field: string, raw: string): string {
  if (LONE_SURROGATE.test(raw)) throw invalidData(`${field} is not valid Unicode`);
  return raw;
}

/**
 * `text=Привет, как дела?&voice=female` as pairs. Values are taken as they stand (the spec's
 * example is not URL-encoded, and `+` or `%` in a TTS text must survive); an empty string is no
 * variables.
 */
export function parseScenarioData(raw: string | undefined): Record<string, string> {
  const vars: Record<string, string> = {};
  if (raw === undefined || raw.trim() === '') return vars;
  checkText('scenarioData', raw);
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? '' : pair.slice(0, eq).trim();
    if (key === '') throw invalidData(`scenarioData must be k=v pairs joined by &; "${pair.slice(0, 40)}" is not`);
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw invalidData(`scenarioData key ${key} is not allowed`);
    vars[key] = pair.slice(eq + 1);
  }
  return vars;
}
