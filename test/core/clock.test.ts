import { describe, expect, it } from 'vitest';
import { createClock, parseClockMode, parseDuration } from '../../src/core/clock.js';

describe('simulator clock', () => {
  it('fires due timers in time order while advancing, each seeing its own due time as now', () => {
    const clock = createClock({ mode: 'manual', start: 1_000 });
    const seen: [string, number][] = [];
    clock.at(5_000, () => seen.push(['b', clock.now()]));
    clock.at(2_000, () => {
      seen.push(['a', clock.now()]);
      // Scheduled from inside a timer, still within the advance: fires in the same advance.
      clock.after(500, () => seen.push(['a+500', clock.now()]));
    });
    clock.at(9_000, () => seen.push(['late', clock.now()]));
    expect(clock.advance(5_000)).toBe(3);
    expect(seen).toEqual([
      ['a', 2_000],
      ['a+500', 2_500],
      ['b', 5_000],
    ]);
    expect(clock.now()).toBe(6_000);
    expect(clock.pending()).toBe(1);
  });

  it('keeps insertion order for timers due at the same time, and skips cancelled ones', () => {
    const clock = createClock({ mode: 'manual', start: 0 });
    const order: number[] = [];
    for (let i = 0; i < 5; i++) clock.at(100, () => order.push(i));
    const h = clock.at(100, () => order.push(99));
    clock.cancel(h);
    clock.advance(100);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('set() jumps forward firing what is due, and backwards firing nothing', () => {
    const clock = createClock({ mode: 'manual', start: 0 });
    let fired = 0;
    clock.at(1_000, () => fired++);
    expect(clock.set(-5_000)).toBe(0);
    expect(clock.now()).toBe(-5_000);
    expect(clock.set(2_000)).toBe(1);
    expect(fired).toBe(1);
  });

  it('a timer that throws does not stop the others', () => {
    const errors: unknown[] = [];
    const clock = createClock({ mode: 'manual', start: 0, onError: (e) => errors.push(e) });
    let ran = false;
    clock.at(1, () => {
      throw new Error('boom');
    });
    clock.at(2, () => (ran = true));
    clock.advance(2);
    expect(ran).toBe(true);
    expect(errors).toHaveLength(1);
  });

  it('runs timers by itself in real and sped-up modes', async () => {
    const clock = createClock({ mode: 'speed', factor: 1000 });
    const t0 = clock.now();
    const fired = new Promise<number>((resolve) => clock.after(10_000, () => resolve(clock.now())));
    // 10 simulated seconds at x1000 are about 10 real milliseconds.
    expect(await fired).toBeGreaterThanOrEqual(t0 + 10_000);
    clock.close();
  });

  it('clearTimers drops everything scheduled', () => {
    const clock = createClock({ mode: 'manual', start: 0 });
    let fired = false;
    clock.at(10, () => (fired = true));
    clock.clearTimers();
    clock.advance(100);
    expect(fired).toBe(false);
  });

  it('parses clock modes and durations', () => {
    expect(parseClockMode('manual')).toEqual({ mode: 'manual', factor: 0 });
    expect(parseClockMode('x60')).toEqual({ mode: 'speed', factor: 60 });
    expect(parseClockMode('fast')).toBeUndefined();
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration(42)).toBe(42);
    expect(parseDuration('2 hours')).toBeUndefined();
  });
});
