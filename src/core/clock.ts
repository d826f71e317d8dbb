// The only module that reads the wall clock: everything else asks the simulator clock,
// so tests can freeze, jump or speed up time and see every timer fire in order.

export type ClockMode = 'real' | 'manual' | 'speed';

export interface ClockState {
  now: number;
  mode: ClockMode;
  /** Simulated milliseconds per real millisecond (1 for real, 0 for manual). */
  factor: number;
}

export interface TimerHandle {
  readonly at: number;
  cancelled: boolean;
}

export interface SimClock {
  now(): number;
  date(): Date;
  state(): ClockState;
  /** Moves time forward, firing every timer due on the way in time order. Returns how many fired. */
  advance(ms: number): number;
  /**
   * Like advance to `target`, but stops right after the timers of one instant when `pause()` says so
   * (time then stays at that instant), so that work those timers started can finish before time moves
   * on. `done` is false when it stopped early; call it again to go on.
   */
  advanceUntil(target: number, pause: () => boolean): { fired: number; done: boolean };
  /** Jumps to an absolute time; moving backwards fires nothing. */
  set(epochMs: number): number;
  setMode(mode: ClockMode, factor?: number): void;
  /** Calls `fn(arg)` at the time; passing `arg` spares a closure per timer (a million pending SMS). */
  at<A = undefined>(epochMs: number, fn: (arg: A) => void, arg?: A): TimerHandle;
  after(ms: number, fn: () => void): TimerHandle;
  cancel(handle: TimerHandle): void;
  pending(): number;
  /** Drops every timer (a reset): nothing scheduled before fires. */
  clearTimers(): void;
  close(): void;
}

interface Timer extends TimerHandle {
  seq: number;
  fn: (arg: unknown) => void;
  arg: unknown;
}

export interface ClockOptions {
  mode?: ClockMode;
  factor?: number;
  start?: number;
  onError?: (err: unknown) => void;
  /** Runs each batch of due timers (the scenario scope's clean context), default as is. */
  runTimers?: (fire: () => void) => void;
}

const MAX_NODE_DELAY = 2_147_483_647;

// The clock's limits, enforced where a time comes in (admin API, in-process API, --clock, the data
// file); the clock itself stays a plain timeline for its own tests. A time outside them cannot be shown in every provider's date formats (a
// four-digit year), and `new Date(t).toISOString()` throws past year 275760: one such time once
// made every later request, health included, answer 500.
/** Earliest time the clock may show: 1970-01-01T00:00:00.000Z. */
export const CLOCK_MIN_MS = 0;
/** Latest time the clock may show: 9999-12-31T23:59:59.999Z. */
export const CLOCK_MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** Longest move of one advance: 10 years of 365 days. */
export const MAX_ADVANCE_MS = 10 * 365 * 86_400_000;
/** Fastest speed-up: x10000 (a simulated day in under 9 real seconds). */
export const MAX_SPEED_FACTOR = 10_000;

const iso = (ms: number) => new Date(ms).toISOString();
export const CLOCK_RANGE_TEXT = `between ${iso(CLOCK_MIN_MS)} and ${iso(CLOCK_MAX_MS)} (epoch ms ${CLOCK_MIN_MS}..${CLOCK_MAX_MS})`;
export const ADVANCE_LIMIT_TEXT = `at most 10 years (${MAX_ADVANCE_MS} ms) per advance`;

/** Why a time is not one the clock can show, or undefined when it can. */
export function clockTimeProblem(epochMs: number): string | undefined {
  return Number.isFinite(epochMs) && epochMs >= CLOCK_MIN_MS && epochMs <= CLOCK_MAX_MS ? undefined : `the clock's time must be ${CLOCK_RANGE_TEXT}`;
}

/** Why moving the clock from `now` by `ms` is refused (the per-advance limit, the range), or undefined. */
export function advanceProblem(now: number, ms: number): string | undefined {
  if (ms > MAX_ADVANCE_MS) return `the clock moves ${ADVANCE_LIMIT_TEXT}`;
  const problem = clockTimeProblem(now + ms);
  return problem && `advancing by ${ms} ms would pass the limit: ${problem}`;
}

/** Why a clock mode text is refused (syntax or a factor past the limit), or undefined when it is good. */
export function clockModeProblem(text: string): string | undefined {
  if (text === 'real' || text === 'manual') return undefined;
  const m = /^x(\d+(?:\.\d+)?)$/.exec(text);
  if (!m || !(Number(m[1]) > 0)) return 'must be real, manual or x<factor> (e.g. x60)';
  if (Number(m[1]) > MAX_SPEED_FACTOR) return `the speed factor of ${text} is over the limit: at most x${MAX_SPEED_FACTOR}`;
  return undefined;
}

/** Parses `real`, `manual`, `x60` (speed-up, up to x10000) into a mode and factor. */
export function parseClockMode(text: string): { mode: ClockMode; factor: number } | undefined {
  if (clockModeProblem(text) !== undefined) return undefined;
  if (text === 'real') return { mode: 'real', factor: 1 };
  if (text === 'manual') return { mode: 'manual', factor: 0 };
  return { mode: 'speed', factor: Number(text.slice(1)) };
}

export function createClock(options: ClockOptions = {}): SimClock {
  let mode: ClockMode = options.mode ?? 'real';
  let factor = mode === 'manual' ? 0 : mode === 'real' ? 1 : (options.factor ?? 1);
  let anchorReal = Date.now();
  let anchorSim = options.start ?? anchorReal;
  let seq = 0;
  let firing = false;
  let wake: NodeJS.Timeout | undefined;
  const heap: Timer[] = [];
  const onError = options.onError ?? ((err) => console.error('clock timer failed', err));

  const now = () => (factor === 0 ? anchorSim : anchorSim + Math.floor((Date.now() - anchorReal) * factor));

  const reanchor = (sim: number) => {
    anchorReal = Date.now();
    anchorSim = sim;
  };

  const runTimers = options.runTimers ?? ((fire: () => void) => fire());

  /** Set by fireBatch when a `pause` stopped it before `until`. */
  let paused = false;

  function fireDue(until: number, pinTime: boolean, pause?: () => boolean): number {
    paused = false;
    if (heap.length === 0 || heap[0].at > until) return 0;
    let fired = 0;
    runTimers(() => {
      fired = fireBatch(until, pinTime, pause);
    });
    return fired;
  }

  function fireBatch(until: number, pinTime: boolean, pause?: () => boolean): number {
    let fired = 0;
    firing = true;
    try {
      while (heap.length > 0 && heap[0].at <= until) {
        const timer = pop();
        if (timer.cancelled) continue;
        // While advancing, handlers see their own due time as "now", so work they schedule lands correctly.
        if (pinTime && timer.at > now()) reanchor(timer.at);
        timer.cancelled = true;
        fired++;
        try {
          timer.fn(timer.arg);
        } catch (err) {
          onError(err);
        }
        // The last timer of its instant: the caller may want to wait for what it started.
        if (pause && (heap.length === 0 || heap[0].at > timer.at) && pause()) {
          paused = true;
          break;
        }
      }
    } finally {
      firing = false;
    }
    return fired;
  }

  function arm() {
    if (wake) clearTimeout(wake);
    wake = undefined;
    if (factor === 0 || heap.length === 0) return;
    const delay = Math.min(MAX_NODE_DELAY, Math.max(0, Math.ceil((heap[0].at - now()) / factor)));
    wake = setTimeout(() => {
      wake = undefined;
      fireDue(now(), false);
      arm();
    }, delay);
    wake.unref();
  }

  function push(timer: Timer) {
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  function pop(): Timer {
    const top = heap[0];
    const last = heap.pop() as Timer;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }

  /** Fires every timer due up to `target` in time order, then stands at `target`. */
  function moveForward(target: number): number {
    const fired = fireDue(target, true);
    if (target > now()) reanchor(target);
    arm();
    return fired;
  }

  const clock: SimClock = {
    now,
    date: () => new Date(now()),
    state: () => ({ now: now(), mode, factor }),
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError('advance needs a non-negative duration');
      return moveForward(now() + ms);
    },
    advanceUntil(target, pause) {
      if (!(target >= now())) return { fired: 0, done: true };
      const fired = fireDue(target, true, pause);
      if (paused) {
        arm();
        return { fired, done: false };
      }
      if (target > now()) reanchor(target);
      arm();
      return { fired, done: true };
    },
    set(epochMs) {
      const current = now();
      if (epochMs <= current) {
        reanchor(epochMs);
        arm();
        return 0;
      }
      return moveForward(epochMs);
    },
    setMode(next, nextFactor) {
      reanchor(now());
      mode = next;
      factor = next === 'manual' ? 0 : next === 'real' ? 1 : (nextFactor ?? 1);
      if (factor > 0) fireDue(now(), false);
      arm();
    },
    at(epochMs, fn, arg) {
      const timer: Timer = { at: epochMs, seq: seq++, fn: fn as (arg: unknown) => void, arg, cancelled: false };
      push(timer);
      // A timer set inside another timer's handler is picked up by the running loop.
      if (!firing && heap[0] === timer) arm();
      return timer;
    },
    after: (ms, fn) => clock.at(now() + ms, fn),
    cancel(handle) {
      handle.cancelled = true;
    },
    pending: () => heap.reduce((n, t) => (t.cancelled ? n : n + 1), 0),
    clearTimers() {
      for (const t of heap) t.cancelled = true;
      heap.length = 0;
      arm();
    },
    close() {
      if (wake) clearTimeout(wake);
      wake = undefined;
      heap.length = 0;
    },
  };
  arm();
  return clock;
}

function less(a: Timer, b: Timer) {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a duration like `90s`, `2h`, `1h30m`, `250ms` or a bare number of milliseconds. */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text : undefined;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(trimmed); m; m = re.exec(trimmed)) {
    total += Number(m[1]) * UNITS[m[2]];
    consumed = re.lastIndex;
  }
  return consumed > 0 && consumed === trimmed.length ? total : undefined;
}
