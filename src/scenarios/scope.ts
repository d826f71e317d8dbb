// Which scenarios apply to the work in progress. A request with `X-Sim-Scenario` runs in its own
// scope; everything it causes later (timers on the simulator clock: call results, retries,
// callbacks) inherits that scope, so parallel tests using different scenarios never see each
// other's rules, and tests that send their own scope id do not share counters either. Work outside
// any scope uses the scenarios activated globally.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SimClock } from '../core/clock.js';

export interface Scope {
  /** Scenario names, in priority order (the header's order). */
  scenarios: readonly string[];
  /**
   * The test's own scope id (`X-Sim-Scenario: out-of-money; scope=<id>`): rule counters, seeded
   * draws and reorder groups are kept apart per id. Without one, header use shares one set.
   */
  id?: string;
}

export const scopeStorage = new AsyncLocalStorage<Scope>();

export const currentScope = (): Scope | undefined => scopeStorage.getStore();

/** Runs `fn` in `scope`, or outside any scope when it is undefined. */
export function runInScope<T>(scope: Scope | undefined, fn: () => T): T {
  return scope ? scopeStorage.run(scope, fn) : scopeStorage.exit(fn);
}

/** Timers fire outside any scope unless they were set inside one (see `scopedClock`). */
export const outsideScopes = (fire: () => void) => scopeStorage.exit(fire);

/**
 * The clock as providers see it: a timer runs in the scope it was set in. Without this, a timer
 * would run in whatever context happened to move the clock (an admin request, a Node timer);
 * the clock itself fires in no scope (`outsideScopes`), so an unscoped timer needs no wrapper.
 */
export function scopedClock(clock: SimClock): SimClock {
  const at: SimClock['at'] = (epochMs, fn, arg) => {
    const scope = currentScope();
    return scope ? clock.at(epochMs, () => runInScope(scope, () => fn(arg as Parameters<typeof fn>[0]))) : clock.at(epochMs, fn, arg);
  };
  return { ...clock, at, after: (ms, fn) => at(clock.now() + ms, fn) };
}
