// The callback queue's shutdown: close() resolves once the attempts in flight end, whatever is
// queued meanwhile (a retry, the next of a reorder chain, a callback a listener asks for).
import { describe, expect, it } from 'vitest';
import { createClock } from '../../src/core/clock.js';
import { createDeliveryQueue } from '../../src/core/callbacks/queue.js';
import type { CallbackDelivery } from '../../src/core/callbacks/types.js';

const delivery = (id: string) => ({ id, state: 'scheduled', attempts: [] }) as unknown as CallbackDelivery;

describe('callback delivery queue', () => {
  it('close() resolves when the attempt in flight ends, even if a delivery is queued after close began', async () => {
    const clock = createClock({ mode: 'manual' });
    const known = new Map<string, CallbackDelivery>();
    let finish = () => {};
    const started: string[] = [];
    const queue = createDeliveryQueue({
      clock,
      concurrency: 1,
      lookup: (id) => known.get(id),
      run(id) {
        started.push(id);
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    for (const id of ['a', 'b']) known.set(id, delivery(id));
    queue.enqueue(known.get('a') as CallbackDelivery);
    expect(started).toEqual(['a']);

    let closed = false;
    const closing = queue.close().then(() => (closed = true));
    // Queued while closing: never started, and it must not hold the close up.
    queue.enqueue(known.get('b') as CallbackDelivery);
    await Promise.resolve();
    expect(closed).toBe(false);
    finish();
    await closing;
    expect(closed).toBe(true);
    expect(started).toEqual(['a']);
    clock.close();
  });
});
