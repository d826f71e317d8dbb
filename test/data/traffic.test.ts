// Generated traffic (`POST /_sim/traffic`, `sim.traffic()`): a stretch of realistic requests through
// the providers' own routes on the simulator clock. Counts per kind within stated ranges, the same
// seed plays the same, Cyrillic in texts and replies, callbacks to a closed loopback port fail and retry.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateFixtures } from '../../src/core/generate/fixtures.js';
import { MAX_TRAFFIC_MINUTES, NOWHERE } from '../../src/admin/traffic.js';
import { providers } from '../../src/providers/index.js';
import { startSimulator, type RunningSimulator } from '../../src/index.js';
import { UI_BASE } from '../../src/ui/paths.js';
import { json, readJson, startServer, type TestServer } from '../helpers/server.js';

const START = '2026-03-02T09:00:00Z';
const CYRILLIC = /[А-Яа-яЁё]/;

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s.close();
});

const sims: RunningSimulator[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});
async function freshSimulator(seed = 1): Promise<RunningSimulator> {
  const sim = await startSimulator({ seed });
  sims.push(sim);
  await sim.clock.set(START);
  return sim;
}

/** What a client sent and got, without the timing of the run. */
const wire = (sim: RunningSimulator) => sim.journal({}, 100_000).map((e) => ({ at: e.at, method: e.method, url: e.url, body: e.body, status: e.status, response: e.response }));

describe('POST /_sim/traffic', () => {
  it('an hour on the bundled fixtures: counts per provider and kind within the stated ranges, the clock an hour on', async () => {
    await s.call('/_sim/reset', { method: 'POST' });
    await s.call('/_sim/clock', json({ now: START }));
    const res = await s.call('/_sim/traffic', json({ minutes: 60, seed: 1 }));
    expect(res.status).toBe(200);
    const report = await readJson(res);
    expect(report).toMatchObject({ minutes: 60, seed: 1, from: '2026-03-02T09:00:00.000Z', to: '2026-03-02T10:00:00.000Z' });
    expect((await readJson(await s.call('/_sim/clock'))).now).toBe('2026-03-02T10:00:00.000Z');
    const c = report.counts;
    // Rates per hour (src/providers/<slug>/generate.ts): 1-4 SMS a minute (8 % to numbers that never deliver,
    // 12 % answered), a broadcast every ~8 minutes, 0-2 VoicePassword calls a minute (20 % voice),
    // a Unibell call every ~3 minutes and one campaign.
    expect(c.devino.sms).toBeGreaterThanOrEqual(90);
    expect(c.devino.sms).toBeLessThanOrEqual(220);
    expect(c.devino.undeliverable).toBeGreaterThanOrEqual(2);
    expect(c.devino.undeliverable).toBeLessThanOrEqual(30);
    expect(c.devino['incoming-sms']).toBeGreaterThanOrEqual(5);
    expect(c.devino['incoming-sms']).toBeLessThanOrEqual(40);
    expect(c.mobilgroup.broadcast).toBeGreaterThanOrEqual(2);
    expect(c.mobilgroup.broadcast).toBeLessThanOrEqual(16);
    expect(c.mobilgroup.call).toBeGreaterThanOrEqual(c.mobilgroup.broadcast);
    expect(c.voicepassword.flashcall).toBeGreaterThanOrEqual(25);
    expect(c.voicepassword.flashcall).toBeLessThanOrEqual(90);
    expect(c.voicepassword.voice).toBeGreaterThanOrEqual(3);
    expect(c.voicepassword.voice).toBeLessThanOrEqual(30);
    expect(c.unibell.call).toBeGreaterThanOrEqual(8);
    expect(c.unibell.call).toBeLessThanOrEqual(30);
    expect(c.unibell.campaign).toBe(1);
    expect(report.callbacks.deliveries).toBeGreaterThan(0);
    // What was counted is what the records show.
    const records = (await readJson(await s.call('/_sim/records?limit=10000'))).records as { provider: string; kind: string }[];
    const count = (provider: string, kind: string) => records.filter((r) => r.provider === provider && r.kind === kind).length;
    expect(count('devino', 'incoming-sms')).toBe(c.devino['incoming-sms']);
    expect(count('mobilgroup', 'broadcast')).toBe(c.mobilgroup.broadcast);
    expect(count('voicepassword', 'flashcall')).toBe(c.voicepassword.flashcall);
    expect(count('unibell', 'campaign')).toBe(1);
  });

  it('SMS of several lengths and alphabets, some undeliverable; replies and names in Russian', async () => {
    const sim = await freshSimulator();
    await sim.traffic({ minutes: 60, seed: 2 });
    const sends = sim.journal({ operation: 'Sms/Send' }, 10_000).map((e) => (e.body as { Data: string }).Data);
    expect(sends.some((t) => CYRILLIC.test(t) && t.length <= 70)).toBe(true);
    expect(sends.some((t) => CYRILLIC.test(t) && t.length > 70)).toBe(true); // several segments
    expect(sends.some((t) => !CYRILLIC.test(t) && t.length <= 160)).toBe(true);
    expect(sends.some((t) => !CYRILLIC.test(t) && t.length > 160)).toBe(true);
    const sms = await sim.messages({ provider: 'devino', kind: 'sms', limit: 10_000 });
    expect(sms.some((r) => r.state === '0')).toBe(true);
    expect(sms.some((r) => ['42', '48'].includes(r.state))).toBe(true);
    const replies = await sim.messages({ provider: 'devino', kind: 'incoming-sms' });
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) {
      const detail = await sim.simulator.app.inject({ url: `/_sim/records/devino/incoming-sms/${r.id}` });
      expect(detail.json().detail.text).toMatch(CYRILLIC);
    }
    const broadcasts = sim.journal({ provider: 'mobilgroup', operation: 'send' }, 1000).map((e) => (e.body as { settings: { message: string } }).settings.message);
    expect(broadcasts.length).toBeGreaterThan(0);
    expect(broadcasts.every((m) => CYRILLIC.test(m))).toBe(true);
  });

  it('the same seed on the same state plays identical requests and records; another seed does not', async () => {
    const [a, b, c] = [await freshSimulator(), await freshSimulator(), await freshSimulator()];
    const [ra, rb, rc] = [await a.traffic({ minutes: 30, seed: 5 }), await b.traffic({ minutes: 30, seed: 5 }), await c.traffic({ minutes: 30, seed: 6 })];
    expect(rb).toEqual(ra);
    expect(wire(b)).toEqual(wire(a));
    expect(await b.messages({ limit: 10_000 })).toEqual(await a.messages({ limit: 10_000 }));
    expect(wire(c)).not.toEqual(wire(a));
    expect(rc.counts).not.toEqual(ra.counts);
  });

  it('callbacks go to a closed loopback port, fail and are retried', async () => {
    const sim = await freshSimulator();
    const report = await sim.traffic({ minutes: 30, seed: 1 });
    const deliveries = sim.callbacks();
    expect(deliveries.length).toBe(report.callbacks.deliveries);
    expect(deliveries.length).toBeGreaterThan(0);
    for (const d of deliveries) {
      expect(d.url.startsWith(`${NOWHERE}/`)).toBe(true);
      expect(new URL(d.url).hostname).toBe('127.0.0.1');
      expect(d.attempts.every((a) => a.error !== undefined)).toBe(true);
    }
    expect(deliveries.some((d) => d.attempts.length >= 2)).toBe(true);
    expect(report.callbacks.failedAttempts).toBe(deliveries.reduce((n, d) => n + d.attempts.length, 0));
  });

  it(`minutes outside 1..${MAX_TRAFFIC_MINUTES} (or not whole) is a 400 naming the limit; nothing is played`, async () => {
    const before = (await readJson(await s.call('/_sim/clock'))).epochMs;
    for (const minutes of [MAX_TRAFFIC_MINUTES + 1, 0, 1.5]) {
      const res = await s.call('/_sim/traffic', json({ minutes, seed: 1 }));
      expect(res.status).toBe(400);
      expect((await readJson(res)).error).toMatch(new RegExp(`minutes.*${MAX_TRAFFIC_MINUTES}`));
    }
    expect((await readJson(await s.call('/_sim/traffic', json({ seed: 1 })))).error).toMatch(/minutes/);
    expect((await readJson(await s.call('/_sim/clock'))).epochMs).toBe(before);
    const sim = await freshSimulator();
    await expect(sim.traffic({ minutes: 5000 })).rejects.toThrow(RangeError);
  });

  it('on generated fixtures the traffic spreads over many accounts of every provider', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-traffic-'));
    try {
      for (const [name, text] of generateFixtures(providers, { accounts: 50, seed: 4 }).files) writeFileSync(join(dir, name), text);
      const sim = await startSimulator({ fixtures: dir });
      sims.push(sim);
      // An hour: a broadcast comes ~every 8 minutes, so a shorter stretch may hold none for some seeds.
      const report = await sim.traffic({ minutes: 60, seed: 3 });
      for (const p of ['devino', 'mobilgroup', 'voicepassword', 'unibell']) expect(Object.keys(report.counts[p] ?? {}).length, p).toBeGreaterThan(0);
      const accounts = new Set(sim.journal({ operation: 'Sms/Send' }, 10_000).map((e) => e.account));
      expect(accounts.size).toBeGreaterThan(10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the sandbox UI has a button that plays an hour', async () => {
    const page = await (await s.call(UI_BASE)).text();
    expect(page).toMatch(/id="traffic"/);
    const script = await (await s.call(`${UI_BASE}/app.js`)).text();
    // The bundle's quoting is esbuild's: the call is found by its path and body.
    expect(script).toMatch(/["']POST["'],\s*["']\/traffic["'],\s*\{\s*minutes:\s*60/);
  });
});
