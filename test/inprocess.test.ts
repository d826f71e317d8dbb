// The in-process API (`import { startSimulator } from 'provider-sim'`) as a test runner uses it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../src/index.js';
import { form, readJson } from './helpers/server.js';
import { useReceiver } from './helpers/useSimulator.js';
import { VP_KEY } from './scenarios/helpers.js';
// The README's vitest example runs with the suite, so it cannot rot.
import '../examples/vitest.example.test.js';

async function sendSms(sim: RunningSimulator, to = '79161234567'): Promise<string> {
  const session = await readJson(await fetch(`${sim.url}/devino/rest/User/SessionId?login=user&password=userpasswd`));
  const res = await fetch(`${sim.url}/devino/rest/Sms/Send`, form({ SessionID: session, DestinationAddress: to, SourceAddress: 'DEVINO', Data: 'hi' }));
  const body = await readJson(res);
  if (!Array.isArray(body)) throw new Error(`send failed: ${JSON.stringify(body)}`);
  return body[0];
}

describe('startSimulator', () => {
  // The receiver first: after hooks run in reverse, so the simulator still closes before it.
  const rx = useReceiver();
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 5 });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  it('listens on a free loopback port with a manual clock', async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.url).not.toMatch(/:4010$/);
    const health = await readJson(await fetch(`${sim.url}/_sim/health`));
    expect(health.status).toBe('ok');
    const before = sim.clock.now().getTime();
    await new Promise((r) => setTimeout(r, 20));
    expect(sim.clock.now().getTime()).toBe(before);
  });

  it('the same seed gives the same ids', async () => {
    const other = await startSimulator({ seed: 5 });
    try {
      const ids = [await sendSms(sim), await sendSms(sim)];
      expect([await sendSms(other), await sendSms(other)]).toEqual(ids);
    } finally {
      await other.close();
    }
  });

  it('clock.advance moves time, fires what falls due and accepts durations or milliseconds', async () => {
    const start = sim.clock.now().getTime();
    const id = await sendSms(sim);
    expect(await sim.clock.advance('2h')).toBeGreaterThanOrEqual(2);
    expect(sim.clock.now().getTime()).toBe(start + 7_200_000);
    await sim.clock.advance(1500);
    expect(sim.clock.now().getTime()).toBe(start + 7_201_500);
    expect((await sim.messages({ id }))[0].state).toBe('0');
    await expect(sim.clock.advance('soon')).rejects.toThrow(/"soon" is not a duration/);
  });

  it('clock.set jumps to a Date, ISO text or epoch ms; clock.mode switches and rejects nonsense', async () => {
    await sim.clock.set(new Date('2030-01-01T00:00:00Z'));
    expect(sim.clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    await sim.clock.set('2030-01-02T03:04:05Z');
    expect(sim.clock.now().toISOString()).toBe('2030-01-02T03:04:05.000Z');
    await sim.clock.set(Date.parse('2029-12-31T00:00:00Z'));
    expect(sim.clock.now().toISOString()).toBe('2029-12-31T00:00:00.000Z');
    sim.clock.mode('x60');
    expect(sim.simulator.ctx.clock.state()).toMatchObject({ mode: 'speed', factor: 60 });
    sim.clock.mode('manual');
    expect(() => sim.clock.mode('fast')).toThrow(/"fast" is not a clock mode/);
    await expect(sim.clock.set('not a date')).rejects.toThrow(/is not a time/);
  });

  it('messages lists records of every provider with their history, filtered', async () => {
    const id = await sendSms(sim);
    await fetch(`${sim.url}/voicepassword/api/voice-password/send/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ security: { apiKey: VP_KEY }, number: '79161234567', capacity: '4' }),
    });
    await sim.clock.advance('1m');
    const all = await sim.messages();
    expect(new Set(all.map((r) => r.provider))).toEqual(new Set(['devino', 'voicepassword']));
    const [sms] = await sim.messages({ provider: 'devino', kind: 'sms' });
    expect(sms).toMatchObject({ provider: 'devino', kind: 'sms', id, account: 'user', state: '0' });
    expect(sms.history.map((h) => h.state)).toEqual(['-2', '-1', '0']);
    expect(await sim.messages({ provider: 'devino', state: '-1' })).toEqual([]);
    expect(await sim.messages({ id: 'nope' })).toEqual([]);
  });

  it('waitFor resolves on a future event, on one that already happened, and fails clearly on a timeout', async () => {
    const id = await sendSms(sim);
    // Already happened: the creation, before waitFor was called.
    expect(await sim.waitFor('record.created', (e) => e.id === id)).toMatchObject({ provider: 'devino', kind: 'sms', state: '-2' });
    // Not yet: resolves when the clock gets there.
    const delivered = sim.waitFor('record.state', (e) => e.id === id && e.state === '0');
    await sim.clock.advance('10s');
    expect(await delivered).toMatchObject({ id, state: '0', previous: '-1' });
    // Already happened: an intermediate state change counts too.
    expect(await sim.waitFor('record.state', (e) => e.id === id && e.state === '-1')).toMatchObject({ previous: '-2' });
    const clock = sim.waitFor('clock.changed');
    await sim.clock.advance('1s');
    expect((await clock).now).toBe(sim.clock.now().getTime());
    await expect(sim.waitFor('record.state', (e) => e.state === '46', { timeout: 50 })).rejects.toThrow(/no matching event within 50 ms/);
  });

  it('waitFor sees callback attempts, and clock.advance resolves once due callbacks were attempted', async () => {
    const res = await fetch(`${sim.url}/voicepassword/api/voice-password/send/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ security: { apiKey: VP_KEY }, number: '79161234567', capacity: '4', callback_url: `${rx.url}/vp` }),
    });
    const { id } = await readJson(res);
    await sim.clock.advance('5m');
    expect(rx.hits.map((h) => h.path)).toEqual(['/vp']);
    const attempt = await sim.waitFor('callback.attempt', (e) => e.provider === 'voicepassword');
    expect(attempt).toMatchObject({ attempt: 1, status: 200, url: `${rx.url}/vp` });
    expect(sim.callbacks({ subject: id })[0]).toMatchObject({ state: 'delivered', subject: id });
    expect(sim.journal({ provider: 'voicepassword' })[0]).toMatchObject({ operation: 'send', status: 200 });
  });

  it('useScenario activates exactly the given scenarios, inline documents too; null deactivates; a typo changes nothing', async () => {
    const { ctx, scenarios } = sim.simulator;
    sim.useScenario('happy-path');
    expect(scenarios.active()).toEqual(['happy-path']);
    // The magic number that is always rejected is delivered under happy-path.
    const id = await sendSms(sim, '79990000001');
    await sim.clock.advance('1m');
    expect((await sim.messages({ id }))[0].state).toBe('0');
    // A list is in priority order, as in the header: where two scenarios decide a call, the first listed wins.
    const call = () => scenarios.outcome({ provider: 'voicepassword', kind: 'voice', number: '79161234567' })?.state;
    sim.useScenario(['every-call-busy', 'happy-path']);
    expect(call()).toBe('busy');
    sim.useScenario(['happy-path', 'every-call-busy']);
    expect(call()).toBe('answered');
    sim.useScenario(['slow-provider', 'every-call-busy']);
    expect(scenarios.active()).toEqual(['slow-provider', 'every-call-busy']);
    expect(() => sim.useScenario(['happy-path', 'happy-paht'])).toThrow(/Unknown scenario "happy-paht" \(known: .*happy-path/);
    expect(scenarios.active()).toEqual(['slow-provider', 'every-call-busy']);
    sim.useScenario({ name: 'inline-no-money', rules: [{ match: { provider: 'devino', operation: 'Sms/Send' }, error: 'NotEnoughCredits' }] });
    expect(scenarios.active()).toEqual(['inline-no-money']);
    await expect(sendSms(sim)).rejects.toThrow(/"Code":5/);
    sim.useScenario(null);
    expect(scenarios.active()).toEqual([]);
  });

  it('reset forgets records and returns the clock timers and balances to the fixtures', async () => {
    await sendSms(sim);
    expect(await sim.messages()).toHaveLength(1);
    expect(sim.simulator.ctx.accounts.get('devino', 'user')?.balance).toBeLessThan(20015.3);
    sim.reset();
    expect(await sim.messages()).toEqual([]);
    expect(sim.simulator.ctx.accounts.get('devino', 'user')?.balance).toBe(20015.3);
    expect(sim.simulator.ctx.clock.pending()).toBe(0);
  });
});

describe('startSimulator options', () => {
  it('activates start-up scenarios (a reset returns to them) and works behind an admin token', async () => {
    const sim = await startSimulator({ scenario: ['happy-path'], adminToken: 'secret-token' });
    try {
      expect(sim.simulator.scenarios.active()).toEqual(['happy-path']);
      sim.useScenario(null);
      sim.reset();
      expect(sim.simulator.scenarios.active()).toEqual(['happy-path']);
      expect((await fetch(`${sim.url}/_sim/records`)).status).toBe(401);
      const id = await sendSms(sim);
      expect((await sim.messages())[0].id).toBe(id);
    } finally {
      await sim.close();
    }
  });

  it('close stops listening', async () => {
    const sim = await startSimulator();
    const { url } = sim;
    await sim.close();
    await expect(fetch(`${url}/_sim/health`)).rejects.toThrow();
  });

  it('an unknown start-up scenario fails the start with its name', async () => {
    await expect(startSimulator({ scenario: 'no-such-scenario' })).rejects.toThrow(/no-such-scenario/);
  });
});
