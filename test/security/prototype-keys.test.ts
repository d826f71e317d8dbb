// Issue 14, finding 3: `PATCH /_sim/accounts/devino/__proto__ {"balance":5}` changed every object
// in the process. Every id, name, key and word a request uses to look something up is now an
// unknown one when it names something every object inherits: fast-check puts such keys in every
// id/name/key position of the admin routes and of the provider routes that look things up, and
// asserts no 5xx, the right not-found, and Object.prototype untouched afterwards.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, readJson } from '../helpers/server.js';
import { useSimulator } from '../helpers/useSimulator.js';
import { devinoSession, MG_KEY, send, UNIBELL_KEY, VP_KEY } from '../scenarios/helpers.js';

const INHERITED = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupGetter__',
  '__defineSetter__',
  '__lookupSetter__',
];
/** The inherited names as they come in requests: as is, in other cases (lookups lower-case words), and nested. */
const KEYS = [...INHERITED, ...INHERITED.map((k) => k.toUpperCase()), 'ToString', 'Constructor', '__proto__.balance', 'constructor.prototype', 'prototype.balance'];
const key = fc.constantFrom(...KEYS);
const enc = encodeURIComponent;

const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

// A few thousand requests per test: generous time-outs for a busy machine (the assertions are not timed).
describe('inherited names are unknown ids everywhere', () => {
  const s = useSimulator({ eachTest: 'keep' });
  const before = prototypeNames();
  /** Real records of every provider, so a forced state word reaches each provider's word table. */
  const live: { provider: string; kind: string; id: string }[] = [];
  let session = '';

  beforeAll(async () => {
    session = await devinoSession(s);
    const voice = await s.call('/devino/rest/Voice/Send', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `SessionID=${session}&SourceAddress=74957722345&DestinationAddress=79161234567&FileId=21`,
    });
    live.push({ provider: 'devino', kind: 'voice', id: String((await readJson(voice)).messageId) });
    const [sms] = await readJson(await send(s, 'devino', '79161234567'));
    live.push({ provider: 'devino', kind: 'sms', id: sms });
    live.push({ provider: 'mobilgroup', kind: 'call', id: `${(await readJson(await send(s, 'mobilgroup', '79161234567'))).id}-1` });
    live.push({ provider: 'voicepassword', kind: 'flashcall', id: (await readJson(await send(s, 'voicepassword', '79161234567'))).id });
    await send(s, 'unibell', '79161234567');
    const calls = await readJson(await s.call('/_sim/records?provider=unibell&kind=call'));
    live.push({ provider: 'unibell', kind: 'call', id: calls.records[0].id });
  });

  const expectNoPollution = () => {
    expect(prototypeNames()).toBe(before);
    const probe: Record<string, unknown> = {};
    expect(probe.balance).toBeUndefined();
    expect(probe.disabled).toBeUndefined();
    expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
  };

  it('admin routes: 404 for an inherited name in every id, name and key position', { timeout: 120_000 }, async () => {
    const wrong: string[] = [];
    const check = async (method: string, path: string, expected: number[], body?: unknown) => {
      const res = await s.call(path, body === undefined ? { method } : { ...json(body), method });
      if (!expected.includes(res.status)) wrong.push(`${method} ${path}: ${res.status} ${(await res.text()).slice(0, 120)}`);
    };
    await fc.assert(
      fc.asyncProperty(key, fc.constantFrom('devino', 'mobilgroup', 'voicepassword', 'unibell'), async (k, provider) => {
        await check('GET', `/_sim/accounts/${enc(k)}/user`, [404]);
        await check('GET', `/_sim/accounts/${provider}/${enc(k)}`, [404]);
        await check('PATCH', `/_sim/accounts/${provider}/${enc(k)}`, [404], { balance: 5, disabled: true });
        await check('PATCH', `/_sim/accounts/${enc(k)}/${enc(k)}`, [404], { balance: 5 });
        await check('GET', `/_sim/accounts?provider=${enc(k)}`, [404]);
        await check('GET', `/_sim/records?provider=${enc(k)}`, [404]);
        await check('GET', `/_sim/records/${provider}/${enc(k)}/${enc(k)}`, [404]);
        for (const kind of ['sms', 'voice', 'call', 'flashcall', 'broadcast', 'campaign', 'media']) await check('GET', `/_sim/records/${provider}/${kind}/${enc(k)}`, [404]);
        await check('POST', `/_sim/records/${provider}/call/${enc(k)}/state`, [404, 409], { state: 'busy' });
        await check('POST', `/_sim/records/${enc(k)}/call/1/state`, [404], { state: 'busy' });
        await check('GET', `/_sim/scenarios/${enc(k)}`, [404]);
        await check('POST', `/_sim/scenarios/${enc(k)}/activate`, [404]);
        await check('POST', `/_sim/scenarios/${enc(k)}/deactivate`, [404]);
        await check('GET', `/_sim/callbacks/${enc(k)}`, [404]);
        await check('POST', `/_sim/callbacks/${enc(k)}/redeliver`, [404]);
        await check('GET', `/_sim/unibell/apps/${enc(k)}`, [404]);
        await check('PATCH', `/_sim/unibell/apps/${enc(k)}`, [404], { startCallbackUrl: null });
        await check('GET', `/_sim/voicepassword/calls/${enc(k)}`, [404]);
        await check('GET', `/_sim/openapi/${enc(k)}`, [404]);
        await check('GET', `/_sim/openapi/assets/${enc(k)}`, [404]);
        await check('POST', '/_sim/devino/incoming', [404], { account: k, from: '79161234567', text: 'x' });
        await check('GET', `/_sim/journal?provider=${enc(k)}&operation=${enc(k)}&method=${enc(k)}`, [200]);
        await check('GET', `/_sim/callbacks?provider=${enc(k)}&subject=${enc(k)}`, [200]);
      }),
      { numRuns: 60, seed: 20261201 },
    );
    expect(wrong).toEqual([]);
    expectNoPollution();
  });

  it('forcing a real record to an inherited word is refused (409), the record unchanged', { timeout: 120_000 }, async () => {
    const wrong: string[] = [];
    await fc.assert(
      fc.asyncProperty(key, fc.constantFrom(...live), async (k, rec) => {
        const path = `/_sim/records/${rec.provider}/${rec.kind}/${enc(rec.id)}`;
        const res = await s.call(`${path}/state`, json({ state: k }));
        if (res.status !== 409) wrong.push(`${rec.provider} ${rec.kind} ${k}: ${res.status} ${(await res.text()).slice(0, 120)}`);
      }),
      { numRuns: 80, seed: 20261202 },
    );
    expect(wrong).toEqual([]);
    expectNoPollution();
  });

  it('scenarios: inherited names as scenario names, provider names, error names and outcome words get a 4xx or load as data', { timeout: 120_000 }, async () => {
    const wrong: string[] = [];
    await fc.assert(
      fc.asyncProperty(key, async (k) => {
        const docs = [
          { name: k, rules: [{ match: { provider: 'devino' }, error: 'NotEnoughCredits' }] },
          { name: 'x', rules: [{ match: { provider: k }, error: 'NotEnoughCredits' }] },
          { name: 'x', rules: [{ match: { provider: 'devino' }, error: k }] },
          { name: 'x', rules: [{ match: { provider: 'unibell' }, outcome: { state: k } }] },
        ];
        for (const doc of docs) {
          const res = await s.call('/_sim/scenarios', json(doc));
          if (res.status >= 500) wrong.push(`upload ${JSON.stringify(doc)}: ${res.status} ${(await res.text()).slice(0, 120)}`);
        }
        const header = await s.call(`/devino/rest/User/Balance?SessionID=${session}`, { headers: { 'x-sim-scenario': k } });
        if (header.status >= 500) wrong.push(`X-Sim-Scenario ${k}: ${header.status}`);
      }),
      { numRuns: 30, seed: 20261203 },
    );
    expect(wrong).toEqual([]);
    await s.call('/_sim/reset', { method: 'POST' });
    expectNoPollution();
  });

  it("provider routes: an inherited name as an id, template, call, media or app key gets the provider's own not-found", { timeout: 120_000 }, async () => {
    const wrong: string[] = [];
    const expectAnswer = async (what: string, res: Response, ok: (status: number, body: string) => boolean) => {
      const text = await res.text();
      if (res.status >= 500 || !ok(res.status, text)) wrong.push(`${what}: ${res.status} ${text.slice(0, 160)}`);
    };
    const mg = (route: string, body: unknown) => s.call(`/mobilgroup/api/${route}/`, json(body, { authorization: MG_KEY }));
    const vp = (route: string, body: unknown) => s.call(`/voicepassword/api/voice-password/${route}/`, json(body, { authorization: VP_KEY }));
    const ub = { 'x-authorization': `AccessKey ${UNIBELL_KEY}` };
    await fc.assert(
      fc.asyncProperty(key, async (k) => {
        await expectAnswer(`mobilgroup state ${k}`, await mg('get', { request: 'state', id: k }), (_s, b) => b.includes('Error_ID_Not_Found'));
        await expectAnswer(`mobilgroup templates get ${k}`, await mg('get', { request: 'templates', account: '777', id: k }), (_s, b) => JSON.parse(b).result === 'ok' && JSON.parse(b).data.length === 0);
        await expectAnswer(`mobilgroup templates set ${k}`, await mg('set', { request: 'templates', account: '777', templates: [{ id: k, name: 'n', message: 'm' }] }), (_s, b) => b.includes('Template_not_found'));
        await expectAnswer(`voicepassword state ${k}`, await vp('get', { request: 'state', id: k }), (_s, b) => b.includes('ID_Not_Found'));
        await expectAnswer(`unibell media ${k}`, await s.call(`/unibell/media/${enc(k)}`, { headers: ub }), (st, b) => st === 404 && b.includes('invalidDataError'));
        await expectAnswer(`unibell key ${k}`, await s.call('/unibell/balance', { headers: { 'x-authorization': `AccessKey ${k}` } }), (st) => st === 401);
        await expectAnswer(`unibell scenarioData ${k}`, await s.call('/unibell/apps/activate', json({ reference: `r-${k}`, destAddr: '79161234567', scenarioData: `${k}=1&fileId=${k}` }, ub)), (st) => st < 500);
        await expectAnswer(`devino state ${k}`, await s.call(`/devino/rest/Sms/State?SessionID=${session}&messageId=${enc(k)}`), (st, b) => st < 500 && 'Code' in JSON.parse(b));
        await expectAnswer(`devino login ${k}`, await s.call(`/devino/rest/User/SessionId?login=${enc(k)}&password=x`), (st, b) => st < 500 && JSON.parse(b).Code === 4);
        await expectAnswer(`devino session ${k}`, await s.call(`/devino/rest/User/Balance?SessionID=${enc(k)}`), (st, b) => st < 500 && JSON.parse(b).Code === 3);
      }),
      { numRuns: 40, seed: 20261204 },
    );
    expect(wrong).toEqual([]);
    await s.advance('1h');
    expectNoPollution();
  });

  it('after all that, a real account PATCH stores exactly what it was given, and /_sim/reset finds nothing to undo', async () => {
    const patched = await s.call('/_sim/accounts/devino/user', { ...json({ balance: 12 }), method: 'PATCH' });
    expect(await readJson(patched)).toEqual({ provider: 'devino', id: 'user', balance: 12, disabled: false });
    expect((await s.call('/_sim/accounts/devino/toString')).status).toBe(404);
    expect((await s.call('/_sim/accounts/devino/__proto__')).status).toBe(404);
    expect((await s.call('/_sim/reset', { method: 'POST' })).status).toBe(200);
    expectNoPollution();
  });
});
