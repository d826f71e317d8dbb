// When deliveries go out: timers on the simulator clock for delayed ones and retries, a ready queue
// drained with a bounded number of attempts in flight, and reorder groups (a scenario holds
// deliveries of one key, then sends them newest first, one after another).
import type { SimClock, TimerHandle } from '../clock.js';
import type { CallbackDelivery, CallbackEffect } from './types.js';

export interface DeliveryQueue {
  /** Due now: waits for a free slot. */
  enqueue(d: CallbackDelivery): void;
  /** Due at simulated time `at`. */
  at(d: CallbackDelivery, at: number): void;
  /** Held with the others of its reorder key. */
  hold(d: CallbackDelivery, reorder: NonNullable<CallbackEffect['reorder']>): void;
  /** An attempt of `d` ended: the delivery chained after it (reordering) goes next. */
  attempted(d: CallbackDelivery): void;
  readonly inFlight: number;
  busy(): boolean;
  idle(): Promise<void>;
  /** Forgets everything waiting; attempts in flight run to their end. */
  clear(): void;
  /** Takes no more attempts and resolves once those in flight end. */
  close(): Promise<void>;
}

export function createDeliveryQueue(options: {
  clock: SimClock;
  concurrency: number;
  lookup: (id: string) => CallbackDelivery | undefined;
  /** Runs one attempt; undefined when the delivery is no longer known. */
  run: (id: string) => Promise<void> | undefined;
}): DeliveryQueue {
  const { clock, concurrency, lookup } = options;
  const timers = new Map<string, TimerHandle>();
  const ready: string[] = [];
  /** Reordered deliveries waiting for their group to fill. */
  const groups = new Map<string, { ids: string[]; timer: TimerHandle }>();
  /** Reordered deliveries go one after another: the next is queued once the previous attempt ends. */
  const chainNext = new Map<string, string>();
  let inFlight = 0;
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  const settleIdle = () => {
    if (ready.length === 0 && inFlight === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  };

  const pump = () => {
    while (!closed && inFlight < concurrency && ready.length > 0) {
      const running = options.run(ready.shift() as string);
      if (!running) continue;
      inFlight++;
      void running.finally(() => {
        inFlight--;
        pump();
        settleIdle();
      });
    }
    settleIdle();
  };

  const enqueue = (d: CallbackDelivery) => {
    timers.delete(d.id);
    // Closing: nothing new starts, and nothing queued now may hold up the close waiting for idle.
    if (closed) return;
    d.state = 'queued';
    ready.push(d.id);
    pump();
  };

  const release = (key: string) => {
    const group = groups.get(key);
    if (!group) return;
    groups.delete(key);
    clock.cancel(group.timer);
    const ids = group.ids.filter((id) => lookup(id)?.state === 'scheduled').reverse();
    for (let i = 0; i + 1 < ids.length; i++) chainNext.set(ids[i], ids[i + 1]);
    const head = ids.length > 0 ? lookup(ids[0]) : undefined;
    if (head) enqueue(head);
  };

  const cancelWaiting = () => {
    for (const t of timers.values()) clock.cancel(t);
    timers.clear();
    for (const g of groups.values()) clock.cancel(g.timer);
    groups.clear();
    ready.length = 0;
  };

  const idle = () => {
    if (ready.length === 0 && inFlight === 0) return Promise.resolve();
    return new Promise<void>((resolve) => idleWaiters.push(resolve));
  };

  return {
    enqueue,
    at(d, at) {
      d.nextAttemptAt = at;
      timers.set(d.id, clock.at(at, () => enqueue(d)));
    },
    hold(d, reorder) {
      let group = groups.get(reorder.key);
      if (!group) {
        group = { ids: [], timer: clock.at(clock.now() + reorder.windowMs, () => release(reorder.key)) };
        groups.set(reorder.key, group);
      }
      group.ids.push(d.id);
      d.nextAttemptAt = group.timer.at;
      if (group.ids.length >= reorder.count) release(reorder.key);
    },
    attempted(d) {
      const next = chainNext.get(d.id);
      if (next === undefined) return;
      chainNext.delete(d.id);
      const nd = lookup(next);
      if (nd && nd.state === 'scheduled') enqueue(nd);
    },
    get inFlight() {
      return inFlight;
    },
    busy: () => ready.length > 0 || inFlight > 0,
    idle,
    clear() {
      cancelWaiting();
      chainNext.clear();
    },
    async close() {
      closed = true;
      cancelWaiting();
      await idle();
    },
  };
}
