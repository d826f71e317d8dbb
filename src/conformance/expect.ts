// The few assertions the suites use, on node:util's deep equality, so the kit runs under any test runner (or
// none) and vitest stays the user's choice. A failure says what was expected and what came back.
import { inspect, isDeepStrictEqual } from 'node:util';

const show = (v: unknown) => inspect(v, { depth: 6, breakLength: Infinity, maxArrayLength: 20, maxStringLength: 200 });

export class ExpectationError extends Error {
  override name = 'ExpectationError';
  constructor(
    message: string,
    readonly expected: unknown,
    readonly actual: unknown,
  ) {
    super(message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** `actual` has every property of `expected` (recursively; arrays element by element, same length). */
function matches(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e));
  if (isObject(expected) && !(expected instanceof Date)) {
    if (!isObject(actual)) return false;
    return Object.keys(expected).every((k) => matches(actual[k], expected[k]));
  }
  return Object.is(actual, expected) || isDeepStrictEqual(actual, expected);
}

export function expect<T>(actual: T, label?: string) {
  const fail = (what: string, expected: unknown): never => {
    throw new ExpectationError(`${label ? `${label}: ` : ''}expected ${what} ${show(expected)}, got ${show(actual)}`, expected, actual);
  };
  const check = (ok: boolean, what: string, expected: unknown) => {
    if (!ok) fail(what, expected);
  };
  const num = () => (typeof actual === 'number' ? actual : Number.NaN);
  return {
    toBe: (expected: unknown) => check(Object.is(actual, expected), '', expected),
    toEqual: (expected: unknown) => check(isDeepStrictEqual(JSON.parse(JSON.stringify(actual ?? null)), JSON.parse(JSON.stringify(expected ?? null))), '', expected),
    toMatchObject: (expected: unknown) => check(matches(actual, expected), 'an object like', expected),
    toBeCloseTo: (expected: number, digits = 2) => check(Math.abs(num() - expected) < 10 ** -digits / 2, 'about', expected),
    toHaveLength: (expected: number) => check((isObject(actual) || typeof actual === 'string') && (actual as { length?: unknown }).length === expected, 'length', expected),
    toMatch: (pattern: RegExp) => check(typeof actual === 'string' && pattern.test(actual), 'text matching', pattern),
    toBeGreaterThan: (expected: number) => check(num() > expected, 'more than', expected),
    toBeGreaterThanOrEqual: (expected: number) => check(num() >= expected, 'at least', expected),
    toBeLessThanOrEqual: (expected: number) => check(num() <= expected, 'at most', expected),
    toBeNull: () => check(actual === null, '', null),
    not: {
      toBe: (expected: unknown) => check(!Object.is(actual, expected), 'anything but', expected),
    },
  };
}
