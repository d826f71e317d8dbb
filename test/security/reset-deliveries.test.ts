// A reset while callbacks are in flight: the attempts that end after it belong to a generation that
// is gone, so the new one's counters (pending above all) are left alone and settle at zero.
import { describe, expect, it } from 'vitest';
import { readJson } from '../helpers/server.js';
import { useReceiver, useSimulator } from '../helpers/useSimulator.js';

describe('reset during deliveries', () => {
  // Probe callbacks of the test's own ({i}), no provider's document: not checked against one.
  const s = useSimulator({ config: { callbackTimeoutMs: 300, validateResponses: false }, eachTest: 'fresh' });
  const receiver = useReceiver({ hang: true, eachTest: 'fresh' });

  it('leaves stats.pending at zero once the attempts in flight at the reset end', async () => {
    for (let i = 0; i < 3; i++) s.sim.ctx.callbacks.send({ provider: 'voicepassword', url: `${receiver.url}/cb`, method: 'POST', json: { i } });
    // The first callback of a process loads undici: on a loaded machine that alone can pass a second.
    await receiver.waitFor(3, { timeoutMs: 15_000 });
    expect(s.sim.ctx.callbacks.stats()).toMatchObject({ pending: 3, inFlight: 3 });

    expect((await s.call('/_sim/reset', { method: 'POST' })).status).toBe(200);
    // The three attempts time out after the reset; before the fix each was then scheduled for a
    // retry in the new generation and counted as pending for ever.
    await s.sim.ctx.callbacks.idle();
    const after = await readJson(await s.call('/_sim/callbacks'));
    expect(after.deliveries).toEqual([]);
    expect(after.stats).toMatchObject({ pending: 0, inFlight: 0, delivered: 0, failed: 0, dropped: 0 });
    // Nothing was left scheduled either: moving the clock past every retry sends nothing.
    await s.advance('1h');
    await s.sim.ctx.callbacks.idle();
    expect(receiver.hits).toHaveLength(3);
    expect(s.sim.ctx.callbacks.stats().pending).toBe(0);
  });
});
