// Issue 16: one clock move fires everything due on the way, callback retries scheduled during the
// move included: with a dead receiver, one advance of an hour reaches the final `failed`.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { json, readJson } from '../helpers/server.js';
import { useSimulator } from '../helpers/useSimulator.js';

/** A loopback port nobody listens on: every attempt is refused at once. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('advancing the clock chains callback retries', () => {
  const s = useSimulator({ eachTest: 'fresh' });

  it('one advance of 1h takes a dead receiver\'s callback through every retry to failed', async () => {
    const url = `http://127.0.0.1:${await deadPort()}/cb`;
    const sent = await readJson(await s.call('/voicepassword/api/voice-password/send/', json({ security: { apiKey: 'demo-voicepassword-key' }, number: '79161234567', callback_url: url })));
    expect(sent.result).toBe('ok');
    await s.advance('1h');
    const [delivery] = s.sim.ctx.callbacks.list({ provider: 'voicepassword', subject: sent.id });
    expect(delivery.state).toBe('failed');
    expect(delivery.attempts.length).toBe(s.sim.ctx.callbacks.stats().limits.retries + 1);
    // In time order, each after the previous.
    const times = delivery.attempts.map((a) => a.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('the same through the in-process API', async () => {
    const { startSimulator } = await import('../../src/index.js');
    const sim = await startSimulator();
    try {
      const url = `http://127.0.0.1:${await deadPort()}/cb`;
      const res = await fetch(`${sim.url}/voicepassword/api/voice-password/send/`, json({ security: { apiKey: 'demo-voicepassword-key' }, number: '79161234567', callback_url: url }));
      const sent = await readJson(res);
      await sim.clock.advance('1h');
      const [delivery] = sim.simulator.ctx.callbacks.list({ provider: 'voicepassword', subject: sent.id });
      expect(delivery.state).toBe('failed');
    } finally {
      await sim.close();
    }
  });
});
