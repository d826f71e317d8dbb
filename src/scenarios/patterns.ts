// Text patterns of scenario rules: exact text, a glob (`7999*`, `?` for one character) or
// `/regex/flags`. Compiled once when a scenario is loaded, for the linear-time engine (see
// core/textPattern.ts): a rule's pattern cannot stall the requests it is matched against.
import { compileGlob, compileRegex, PatternError, splitRegex } from '../core/textPattern.js';

export type Matcher = (value: unknown) => boolean;

export function compilePattern(pattern: string | number | boolean): Matcher {
  if (typeof pattern !== 'string') {
    const want = String(pattern);
    return (value) => value !== undefined && value !== null && String(value) === want;
  }
  const re = splitRegex(pattern);
  let test: (text: string) => boolean;
  if (re) {
    test = compileRegex(re.source, re.flags);
  } else if (/[*?]/.test(pattern)) {
    test = compileGlob(pattern);
  } else {
    test = (text) => text === pattern;
  }
  return (value) => {
    if (value === undefined || value === null) return false;
    if (Array.isArray(value)) return value.some((v) => (typeof v === 'object' && v !== null ? false : test(String(v))));
    if (typeof value === 'object') return false;
    return test(String(value));
  };
}

/** Checks a pattern compiles; the message explains why not. */
export function patternError(pattern: string | number | boolean): string | undefined {
  if (typeof pattern !== 'string') return undefined;
  try {
    compilePattern(pattern);
    return undefined;
  } catch (err) {
    if (err instanceof PatternError) return err.message;
    throw err;
  }
}

/**
 * Reads a dot path (`settings.number`, `subscribers.0.phone`) from a value, with keys compared
 * case-insensitively (Devino's parameters are). An array on the way matches if any element does.
 */
export function readPath(value: unknown, path: string): unknown {
  let current: unknown[] = [value];
  for (const part of path.split('.')) {
    const next: unknown[] = [];
    for (const v of current) {
      if (Array.isArray(v)) {
        if (/^\d+$/.test(part)) next.push(v[Number(part)]);
        else for (const item of v) next.push(lookup(item, part));
      } else {
        next.push(lookup(v, part));
      }
    }
    current = next.filter((v) => v !== undefined);
    if (current.length === 0) return undefined;
  }
  return current.length === 1 ? current[0] : current.flat();
}

function lookup(value: unknown, key: string): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (Object.hasOwn(record, key)) return record[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(record)) if (k.toLowerCase() === lower || k.toLowerCase().replace(/\[\d*\]$/, '') === lower) return record[k];
  return undefined;
}
