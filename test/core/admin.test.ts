import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.js';

describe('admin basics', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer({ clock: 'manual' });
  });
  afterEach(() => s.close());

  it('answers health with the providers it serves', async () => {
    const res = await s.call('/_sim/health');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.providers).toContain('devino');
    expect(body.persistence).toBe('memory');
  });

  it('reads and advances the manual clock by ms and by a readable duration', async () => {
    const before = await (await s.call('/_sim/clock')).json();
    expect(before.mode).toBe('manual');
    await s.advance(1500);
    await s.advance('2h');
    const after = await (await s.call('/_sim/clock')).json();
    expect(after.epochMs - before.epochMs).toBe(2 * 3_600_000 + 1500);
    expect(after.now).toBe(new Date(after.epochMs).toISOString());
  });

  it('rejects a bad advance with a 400 that says why', async () => {
    const res = await s.call('/_sim/clock/advance', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"by":"soon"}' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/not a duration/);
  });
});
