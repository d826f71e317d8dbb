import { describe, expect, it } from 'vitest';
import { formatDateTime, fromWallClock, parseDateTime } from '../../src/core/wallClock.js';

describe('wall-clock times', () => {
  it('reads a Moscow time by default and any UTC offset when given', () => {
    expect(parseDateTime('2020-07-15 14:05')).toBe(Date.UTC(2020, 6, 15, 11, 5));
    expect(parseDateTime('2020-07-15T14:05:12', 10)).toBe(Date.UTC(2020, 6, 15, 4, 5, 12));
  });

  it('rejects days and times that do not exist, and other shapes', () => {
    expect(fromWallClock({ y: 2011, mo: 2, d: 30 })).toBeUndefined();
    expect(fromWallClock({ y: 2024, mo: 2, d: 29 })).toBe(Date.UTC(2024, 1, 28, 21));
    expect(parseDateTime('2020-07-15 24:00')).toBeUndefined();
    expect(parseDateTime('2020-07-15 12:60')).toBeUndefined();
    expect(parseDateTime('2020-07-15')).toBeUndefined();
    expect(parseDateTime('15.07.2020 12:00')).toBeUndefined();
  });

  it('writes the same format back, round trip', () => {
    const at = parseDateTime('2020-02-12 18:09:10') as number;
    expect(formatDateTime(at)).toBe('2020-02-12 18:09:10');
    expect(formatDateTime(Date.UTC(2020, 0, 1, 22, 30), 3)).toBe('2020-01-02 01:30:00');
  });
});
