import { describe, expect, it } from 'vitest';
import { readJson } from '../helpers/server.js';
import { useSimulator } from '../helpers/useSimulator.js';

describe('admin basics', () => {
  const s = useSimulator({ config: { clock: 'manual' }, eachTest: 'fresh' });

  it('answers health with the providers it serves', async () => {
    const res = await s.call('/_sim/health');
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body.status).toBe('ok');
    expect(body.providers).toContain('devino');
    expect(body.persistence).toBe('memory');
  });

  it('reads and advances the manual clock by ms and by a readable duration', async () => {
    const before = await readJson(await s.call('/_sim/clock'));
    expect(before.mode).toBe('manual');
    await s.advance(1500);
    await s.advance('2h');
    const after = await readJson(await s.call('/_sim/clock'));
    expect(after.epochMs - before.epochMs).toBe(2 * 3_600_000 + 1500);
    expect(after.now).toBe(new Date(after.epochMs).toISOString());
  });

  it('rejects a bad advance with a 400 that says why', async () => {
    const res = await s.call('/_sim/clock/advance', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"by":"soon"}' });
    expect(res.status).toBe(400);
    expect((await readJson(res)).error).toMatch(/not a duration/);
  });
});
