// Moving the clock as the README promises: everything due on the way fires in order, callback
// retries included. A callback attempt is real network I/O, so after the timers of each instant that
// started deliveries, time waits for those attempts to finish; a retry they schedule inside the
// window then fires within the same move.
import type { CallbackDispatcher } from './callbacks.js';
import type { SimClock } from './clock.js';

/** Moves the clock forward to `target`, awaiting callback attempts instant by instant. Returns the timers fired. */
export async function advanceSettled(clock: SimClock, callbacks: Pick<CallbackDispatcher, 'busy' | 'idle'>, target: number): Promise<number> {
  let fired = 0;
  // Attempts already under way belong to the present: their retries are timed from now, not from the target.
  await callbacks.idle();
  for (;;) {
    const step = clock.advanceUntil(target, () => callbacks.busy());
    fired += step.fired;
    await callbacks.idle();
    if (step.done) return fired;
  }
}
