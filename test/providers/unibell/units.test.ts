// Pure helpers: Moscow dates, the daily work window, scenario variables, pagination, balance text.
import { describe, expect, it } from 'vitest';
import { formatBalance } from '../../../src/providers/unibell/routes/apps.js';
import { formatMsk, nextInWindow, parseMsk, parseTimeOfDay } from '../../../src/providers/unibell/dates.js';
import { paginate } from '../../../src/providers/unibell/pagination.js';
import { parseScenarioData } from '../../../src/providers/unibell/text.js';

describe('unibell helpers', () => {
  it('parses and formats Moscow wall time', () => {
    const at = parseMsk('2024-10-31 09:00:00');
    expect(at).toBe(Date.parse('2024-10-31T06:00:00Z'));
    expect(formatMsk(at as number)).toBe('2024-10-31 09:00:00');
    expect(parseMsk('2024-02-30 09:00:00')).toBeUndefined();
    expect(parseTimeOfDay('2024-10-31 21:00:00')).toBe(21 * 3600);
    expect(parseTimeOfDay('09:30')).toBe(9.5 * 3600);
  });

  it('moves a time outside the window to the next opening, including windows over midnight', () => {
    const day = { startSec: 9 * 3600, endSec: 21 * 3600 };
    const msk = (t: string) => parseMsk(t) as number;
    expect(nextInWindow(msk('2024-10-31 10:00:00'), day)).toBe(msk('2024-10-31 10:00:00'));
    expect(nextInWindow(msk('2024-10-31 08:00:00'), day)).toBe(msk('2024-10-31 09:00:00'));
    expect(nextInWindow(msk('2024-10-31 21:00:00'), day)).toBe(msk('2024-11-01 09:00:00'));
    const night = { startSec: 22 * 3600, endSec: 6 * 3600 };
    expect(nextInWindow(msk('2024-10-31 23:00:00'), night)).toBe(msk('2024-10-31 23:00:00'));
    expect(nextInWindow(msk('2024-11-01 05:00:00'), night)).toBe(msk('2024-11-01 05:00:00'));
    expect(nextInWindow(msk('2024-11-01 12:00:00'), night)).toBe(msk('2024-11-01 22:00:00'));
  });

  it('reads scenarioData as k=v pairs without decoding the values', () => {
    expect(parseScenarioData('text=Привет, как дела?')).toEqual({ text: 'Привет, как дела?' });
    expect(parseScenarioData('a=1&b=x=y&c=&d=1+1%')).toEqual({ a: '1', b: 'x=y', c: '', d: '1+1%' });
    expect(parseScenarioData('')).toEqual({});
  });

  it('paginates with totals', () => {
    const items = [1, 2, 3, 4, 5];
    expect(paginate(items, { page: 2, perPage: 2, disabled: false })).toEqual({ pagination: { totalItems: 5, currentPage: 2, totalPages: 3 }, items: [3, 4] });
    expect(paginate([], { page: 1, perPage: 2, disabled: true })).toEqual({ pagination: { totalItems: 0, currentPage: 1, totalPages: 0 }, items: [] });
  });

  it('writes the balance with at least one fraction digit', () => {
    expect([100, 98.5, 98.25, -1.2, 0].map(formatBalance)).toEqual(['100.0', '98.5', '98.25', '-1.2', '0.0']);
  });
});
