// Activation and scope: X-Sim-Scenario per request (parallel tests do not interfere, and what a
// request causes later keeps its scenario), global activation, seeded probability.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type ScenarioScope } from '../../src/index.js';
import { form, json, readJson, startServer, type TestServer } from '../helpers/server.js';
import { activate, records, send, upload, VP_KEY } from './helpers.js';

let servers: TestServer[] = [];
const start = async (config = {}) => {
  const s = await startServer(config);
  servers.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const vp = (s: TestServer, number: string, scenario?: string) =>
  s.call('/voicepassword/api/voice-password/send/', json({ security: { apiKey: VP_KEY }, number }, scenario ? { 'x-sim-scenario': scenario } : {}));

describe('X-Sim-Scenario', () => {
  it('runs two scenarios at once, in parallel, without interference (counts, errors and later outcomes)', async () => {
    const s = await start();
    await upload(s, { name: 'a', rules: [{ match: { provider: 'voicepassword' }, times: 3, error: 'not_enough_money' }, { outcome: { state: 'busy' } }] });
    await upload(s, { name: 'b', rules: [{ outcome: { state: 'no-answer' } }] });
    const numbers = Array.from({ length: 10 }, (_, i) => `7916123450${i}`);
    const answers = await Promise.all(
      numbers.flatMap((n) => [vp(s, n, 'a').then(async (r) => ({ scenario: 'a', body: await readJson(r) })), vp(s, n, 'b').then(async (r) => ({ scenario: 'b', body: await readJson(r) }))]),
    );
    const a = answers.filter((x) => x.scenario === 'a');
    const b = answers.filter((x) => x.scenario === 'b');
    expect(a.filter((x) => x.body.result === 'error')).toHaveLength(3);
    expect(b.every((x) => x.body.result === 'ok')).toBe(true);
    await s.advance('1m');
    const stateOf = new Map((await records(s, 'provider=voicepassword&limit=100')).map((r) => [r.id, r.state]));
    for (const x of a.filter((y) => y.body.result === 'ok')) expect(stateOf.get(x.body.id)).toBe('BUSY');
    for (const x of b) expect(stateOf.get(x.body.id)).toBe('NO ANSWER');
  });

  it('keeps the scenario for work the request caused later: a Mobilgroup call dialled after a delay', async () => {
    const s = await start();
    await upload(s, { name: 'mg-busy', rules: [{ match: { provider: 'mobilgroup' }, outcome: { state: 'busy' } }] });
    const later = await readJson(await send(s, 'mobilgroup', '79161234567', { 'x-sim-scenario': 'mg-busy' }, { settings: { number: '74951234567', message: 'Напоминание', schedule: '' } }));
    const plain = await readJson(await send(s, 'mobilgroup', '79161234567'));
    await s.advance('5m');
    const state = async (id: string) => (await readJson(await s.call('/mobilgroup/api/get/', json({ request: 'state', id }, { authorization: 'demo-mobilgroup-key' })))).subscribers[0].status;
    expect(await state(later.id)).toBe('Занято');
    expect(await state(plain.id)).toBe('Успешно');
  });

  it('replaces the global scenarios for its request; "none" turns them all off', async () => {
    const s = await start();
    await upload(s, { name: 'global-err', rules: [{ match: { provider: 'voicepassword' }, error: 'user_disabled' }] });
    await activate(s, 'global-err');
    expect((await readJson(await vp(s, '79161234567'))).error_code).toBe('user_disabled');
    expect((await readJson(await vp(s, '79161234567', 'none'))).result).toBe('ok');
    await upload(s, { name: 'other', rules: [{ match: { provider: 'devino' }, error: 7 }] });
    expect((await readJson(await vp(s, '79161234567', 'other'))).result).toBe('ok');
  });

  it('refuses an unknown scenario with a 400 that names it', async () => {
    const s = await start();
    const res = await vp(s, '79161234567', 'happy-path, no-such-thing');
    expect(res.status).toBe(400);
    expect((await readJson(res)).error).toMatch(/Unknown scenario "no-such-thing" in the X-Sim-Scenario header \(known: .*happy-path/);
  });
});

describe('scope ids: X-Sim-Scenario: <names>; scope=<id>', () => {
  /** Four Devino SMS one after another; what each got: ok, or Devino's error code. */
  const fourSms = async (s: TestServer, header: string) => {
    const out: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await send(s, 'devino', '79161234567', { 'x-sim-scenario': header });
      out.push(res.status === 200 ? 'ok' : String((await readJson(res)).Code));
    }
    return out.join(',');
  };

  it('two parallel tests using out-of-money each get three sends, not three between them', async () => {
    const s = await start();
    const [a, b] = await Promise.all([fourSms(s, 'out-of-money; scope=test-a'), fourSms(s, 'out-of-money;scope=test-b')]);
    expect(a).toBe('ok,ok,ok,5');
    expect(b).toBe('ok,ok,ok,5');
    // Without an id, header use shares one set of counters (as documented).
    const [c, d] = await Promise.all([fourSms(s, 'out-of-money'), fourSms(s, 'out-of-money')]);
    expect(`${c},${d}`.split(',').filter((x) => x === 'ok')).toHaveLength(3);
  });

  it('counts outcomes apart, also for work a request causes later', async () => {
    const s = await start();
    await upload(s, { name: 'first-busy', rules: [{ match: { provider: 'voicepassword' }, times: 1, outcome: { state: 'busy' } }] });
    const ids = await Promise.all(['a', 'b', 'a', 'b'].map(async (scope) => (await readJson(await vp(s, '79161234567', `first-busy; scope=${scope}`))).id));
    await s.advance('1m');
    const stateOf = new Map((await records(s, 'provider=voicepassword')).map((r) => [r.id, r.state]));
    expect(ids.map((id) => stateOf.get(id)).sort()).toEqual(['ANSWERED', 'ANSWERED', 'BUSY', 'BUSY']);
  });

  it("a test's probability draws depend on its scope id and its own requests, not on what runs beside it", async () => {
    const s = await start({ seed: 7 });
    await upload(s, { name: 'coin', rules: [{ match: { provider: 'voicepassword' }, probability: 0.5, error: 'not_enough_money' }] });
    const run = async (scope: string) => {
      let out = '';
      for (let i = 0; i < 16; i++) out += (await readJson(await vp(s, '79161234567', `coin; scope=${scope}`))).result === 'ok' ? '.' : 'x';
      return out;
    };
    const alone = await run('t1');
    // The same id again (after a reset, as a new test run would), now with two other tests drawing in parallel.
    await s.call('/_sim/reset', { method: 'POST' });
    const [beside] = await Promise.all([run('t1'), run('t2'), run('t3')]);
    expect(beside).toBe(alone);
    expect(alone).toMatch(/x/);
    expect(alone).toMatch(/\./);
  });

  it('takes any text as an id, __proto__ too, each its own; refuses an empty or long id and unknown parameters with a 400', async () => {
    const s = await start();
    await upload(s, { name: 'once', rules: [{ match: { provider: 'voicepassword' }, times: 1, error: 'user_disabled' }] });
    for (const id of ['__proto__', 'constructor', 'suite > it works']) {
      expect((await readJson(await vp(s, '79161234567', `once; scope=${id}`))).error_code).toBe('user_disabled');
      expect((await readJson(await vp(s, '79161234567', `once; scope=${id}`))).result).toBe('ok');
    }
    const empty = await vp(s, '79161234567', 'once; scope=');
    expect(empty.status).toBe(400);
    expect((await readJson(empty)).error).toBe('The scope id in the X-Sim-Scenario header must be 1 to 200 characters (got 0)');
    expect((await readJson(await vp(s, '79161234567', `once; scope=${'x'.repeat(201)}`))).error).toMatch(/1 to 200 characters \(got 201\)/);
    const unknown = await vp(s, '79161234567', 'once; colour=red');
    expect(unknown.status).toBe(400);
    expect((await readJson(unknown)).error).toBe('Unknown parameter "colour" in the X-Sim-Scenario header (known: scope)');
  });

  it('sim.scope(id, scenario) gives the header and a fetch that sends it', async () => {
    const sim = await startSimulator({ logLevel: 'silent' });
    try {
      const session = (await (await fetch(`${sim.url}/devino/rest/User/SessionId?login=user&password=userpasswd`)).json()) as string;
      const sms = (scope: ScenarioScope) => async () => {
        const codes: number[] = [];
        for (let i = 0; i < 4; i++) codes.push((await scope.fetch('/devino/rest/Sms/Send', form({ SessionID: session, DestinationAddress: '79161234567', Data: 'Код', SourceAddress: 'TESTSMS' }))).status);
        return codes;
      };
      const a = sim.scope('Отправка кода; тест 1', 'out-of-money');
      const b = sim.scope('Отправка кода; тест 2', ['out-of-money']);
      expect(a.headers).toEqual({ 'x-sim-scenario': 'out-of-money; scope=%D0%9E%D1%82%D0%BF%D1%80%D0%B0%D0%B2%D0%BA%D0%B0%20%D0%BA%D0%BE%D0%B4%D0%B0%3B%20%D1%82%D0%B5%D1%81%D1%82%201' });
      expect(await Promise.all([sms(a)(), sms(b)()])).toEqual([
        [200, 200, 200, 403],
        [200, 200, 200, 403],
      ]);
      expect(() => sim.scope('x', 'no-such')).toThrow(/Unknown scenario "no-such"/);
      expect(() => sim.scope('', 'out-of-money')).toThrow(/1 to 200 characters/);
    } finally {
      await sim.close();
    }
  });
});

describe('probability from the seeded generator', () => {
  const pattern = async (seed: number) => {
    const s = await start({ seed });
    await upload(s, { name: 'coin', rules: [{ match: { provider: 'voicepassword' }, probability: 0.5, error: 'not_enough_money' }] });
    await upload(s, { name: 'noise', rules: [{ probability: 0.5, latency: 1 }] });
    // Requests of another scenario in between draw from their own rule's sequence, not from this one's.
    const out: string[] = [];
    for (let i = 0; i < 24; i++) {
      if (i % 3 === 0) await vp(s, '79161234567', 'noise');
      out.push((await readJson(await vp(s, '79161234567', 'coin'))).result === 'ok' ? '.' : 'x');
    }
    return out.join('');
  };

  it('gives the same results for the same seed twice, and others for another seed', async () => {
    const first = await pattern(42);
    const second = await pattern(42);
    expect(second).toBe(first);
    expect(first).toMatch(/x/);
    expect(first).toMatch(/\./);
    expect(await pattern(43)).not.toBe(first);
  });
});

describe('ties between active scenarios', () => {
  const code = async (s: TestServer, header?: string) => (await readJson(await vp(s, '79161234567', header))).error_code;

  it('the last activated wins; GET /_sim/scenarios lists the active ones in that priority order', async () => {
    const s = await start();
    await upload(s, { name: 'first', rules: [{ match: { provider: 'voicepassword' }, error: 'user_disabled' }] });
    await upload(s, { name: 'second', rules: [{ match: { provider: 'voicepassword' }, error: 'not_enough_money' }] });
    await activate(s, 'first');
    await activate(s, 'second');
    expect(await code(s)).toBe('not_enough_money');
    expect((await readJson(await s.call('/_sim/scenarios'))).active).toEqual(['second', 'first']);
    await activate(s, 'first'); // activated again: ahead once more
    expect(await code(s)).toBe('user_disabled');
    // The header's own order is its priority: the first named wins.
    expect(await code(s, 'second, first')).toBe('not_enough_money');
  });

  it('a list given at start (--scenario) is in priority order, like the header', async () => {
    const s = await start({ scenario: 'every-call-busy,happy-path' });
    expect((await readJson(await s.call('/_sim/scenarios'))).active).toEqual(['every-call-busy', 'happy-path']);
    const { id } = await readJson(await vp(s, '79161234567'));
    await s.advance('1m');
    expect((await records(s, 'provider=voicepassword'))[0]).toMatchObject({ id, state: 'BUSY' });
  });
});

describe('activation at start', () => {
  it('--scenario activates by name; an unknown name stops the start with a message naming it', async () => {
    const s = await start({ scenario: 'every-call-busy' });
    expect((await readJson(await s.call('/_sim/scenarios'))).active).toEqual(['every-call-busy']);
    const { id } = await readJson(await vp(s, '79161234567'));
    await s.advance('1m');
    expect((await records(s, 'provider=voicepassword'))[0]).toMatchObject({ id, state: 'BUSY' });
    await expect(startServer({ scenario: 'happy-path,typo' })).rejects.toThrow(/Unknown scenario "typo" in --scenario \(SIM_SCENARIO\)/);
  });
});
