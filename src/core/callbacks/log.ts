// The delivery log: every delivery by id with what it sends, and the counters of the stats.
// Pending deliveries are never forgotten, finished ones past `logSize` are: the log holds at most
// maxPending + logSize, and what was dropped stays visible however full the queue is.
import type { CallbackDelivery, CallbackStats, DeliveryState, Prepared } from './types.js';

export interface DeliveryLog {
  add(d: CallbackDelivery, p: Prepared): void;
  get(id: string): CallbackDelivery | undefined;
  prepared(id: string): Prepared | undefined;
  list(filter?: { provider?: string; subject?: string; state?: DeliveryState }): CallbackDelivery[];
  /** Deliveries waiting or in flight. */
  readonly pending: number;
  /** A delivery counted as pending from now until it finishes. */
  started(d: CallbackDelivery): void;
  finish(d: CallbackDelivery, state: 'delivered' | 'failed'): void;
  /** Not sent; `refused` (the queue had no room) is remembered as the latest refusal. */
  drop(d: CallbackDelivery, reason: string, refused: boolean): void;
  /** Forgets the oldest finished deliveries past the log's size. */
  trim(): void;
  counts(): Pick<CallbackStats, 'pending' | 'dropped' | 'delivered' | 'failed' | 'lastDropped'>;
  clear(): void;
}

export function createDeliveryLog(logSize: number, now: () => number): DeliveryLog {
  const log = new Map<string, CallbackDelivery>();
  const prepared = new Map<string, Prepared>();
  /** Finished deliveries (delivered, failed, dropped), oldest first: the log forgets from here without scanning the pending ones. */
  const finishedOrder = new Set<string>();
  let pending = 0;
  let dropped = 0;
  let delivered = 0;
  let failed = 0;
  let lastDropped: CallbackStats['lastDropped'];

  const trim = () => {
    for (const id of finishedOrder) {
      if (finishedOrder.size <= logSize) break;
      finishedOrder.delete(id);
      log.delete(id);
      prepared.delete(id);
    }
  };

  return {
    add(d, p) {
      log.set(d.id, d);
      prepared.set(d.id, p);
    },
    get: (id) => log.get(id),
    prepared: (id) => prepared.get(id),
    list(filter = {}) {
      const out: CallbackDelivery[] = [];
      for (const d of log.values()) {
        if (filter.provider && d.provider !== filter.provider) continue;
        if (filter.subject && d.subject !== filter.subject) continue;
        if (filter.state && d.state !== filter.state) continue;
        out.push(d);
      }
      return out;
    },
    get pending() {
      return pending;
    },
    started() {
      pending++;
    },
    finish(d, state) {
      d.state = state;
      d.nextAttemptAt = undefined;
      pending--;
      if (state === 'delivered') delivered++;
      else failed++;
      finishedOrder.add(d.id);
      trim();
    },
    drop(d, reason, refused) {
      d.state = 'dropped';
      d.dropReason = reason;
      dropped++;
      finishedOrder.add(d.id);
      if (refused) lastDropped = { id: d.id, provider: d.provider, url: d.url, subject: d.subject, at: now(), reason };
    },
    trim,
    counts: () => ({ pending, dropped, delivered, failed, lastDropped }),
    clear() {
      prepared.clear();
      log.clear();
      finishedOrder.clear();
      lastDropped = undefined;
      pending = 0;
      dropped = 0;
      delivered = 0;
      failed = 0;
    },
  };
}
