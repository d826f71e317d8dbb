// Callback effects (delay, drop, duplicate, reorder) on the providers that send callbacks
// (VoicePassword: JSON POSTs; Unibell: GETs with a query), and the delivery time-out setting.
import { describe, expect, it } from 'vitest';
import { json, readJson } from '../helpers/server.js';
import { useReceiver, useSimulator } from '../helpers/useSimulator.js';
import { bodyOf, send, UNIBELL_KEY, upload, VP_KEY } from './helpers.js';

const rx = useReceiver();
const s = useSimulator();

const vpCall = (number: string, scenario: string) =>
  s.call('/voicepassword/api/voice-password/send/', json({ security: { apiKey: VP_KEY }, number, callback_url: `${rx.url}/vp` }, { 'x-sim-scenario': scenario }));

const unibellTo = async (endpoints: { start?: string | null; end?: string | null }) => {
  const res = await s.call(`/_sim/unibell/apps/${UNIBELL_KEY}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ startCallbackUrl: endpoints.start ?? null, endCallbackUrl: endpoints.end ?? null }),
  });
  expect(res.status).toBe(200);
};

describe('voicepassword callbacks', () => {
  it('delay: the result callback comes the scripted time late (simulator time)', async () => {
    await upload(s, { name: 'cb-delay', rules: [{ match: { provider: 'voicepassword' }, callbacks: { delay: '2m' } }] });
    await vpCall('79161234567', 'cb-delay');
    await s.advance('10s'); // the call ended (ANSWERED after 5 s)
    await s.sim.ctx.callbacks.idle();
    expect(rx.hits).toHaveLength(0);
    await s.advance('2m');
    const [hit] = await rx.waitFor(1);
    expect(bodyOf(hit).state).toBe('ANSWERED');
  });

  it('drop: nothing is sent and the log says which rule dropped it', async () => {
    await upload(s, { name: 'cb-drop', rules: [{ name: 'lost', match: { body: { state: 'BUSY' } }, callbacks: { drop: true } }] });
    await vpCall('79990000001', 'cb-drop'); // the fixtures' busy number
    await vpCall('79161234567', 'cb-drop');
    await s.advance('1m');
    await rx.waitFor(1);
    expect(rx.hits.map((h) => bodyOf(h).state)).toEqual(['ANSWERED']);
    const log = await readJson(await s.call('/_sim/callbacks?provider=voicepassword&state=dropped'));
    expect(log.deliveries).toHaveLength(1);
    expect(log.deliveries[0].dropReason).toBe('dropped by scenario rule cb-drop#1 (lost)');
  });

  it('duplicate: the same callback arrives twice', async () => {
    await upload(s, { name: 'cb-dup', rules: [{ callbacks: { duplicate: 1 } }] });
    const { id } = await readJson(await vpCall('79161234567', 'cb-dup'));
    await s.advance('1m');
    const hits = await rx.waitFor(2);
    expect(hits).toHaveLength(2);
    expect(hits[0].body).toEqual(hits[1].body);
    expect(bodyOf(hits[0]).id).toBe(id);
  });

  it('reorder: two results are sent newest first', async () => {
    await upload(s, { name: 'cb-reorder', rules: [{ callbacks: { reorder: { count: 2, window: '5m' } } }] });
    await vpCall('79990000001', 'cb-reorder'); // BUSY after 3 s
    await vpCall('79161234567', 'cb-reorder'); // ANSWERED after 5 s
    await s.advance('4s');
    await s.sim.ctx.callbacks.idle();
    expect(rx.hits).toHaveLength(0);
    await s.advance('2s');
    const hits = await rx.waitFor(2);
    expect(hits.map((h) => bodyOf(h).state)).toEqual(['ANSWERED', 'BUSY']);
  });

  it('reorder: a lone callback goes when the window closes', async () => {
    await upload(s, { name: 'cb-window', rules: [{ callbacks: { reorder: { count: 2, window: '5m' } } }] });
    await vpCall('79161234567', 'cb-window');
    await s.advance('5m'); // the result came at 5 s: held until 5 min after that
    await s.sim.ctx.callbacks.idle();
    expect(rx.hits).toHaveLength(0);
    await s.advance('5s');
    await rx.waitFor(1);
  });
});

describe('unibell callbacks', () => {
  it('delay and duplicate apply to GET callbacks', async () => {
    await unibellTo({ end: `${rx.url}/end` });
    await upload(s, { name: 'ub-late-twice', rules: [{ match: { provider: 'unibell' }, callbacks: { delay: '1m', duplicate: 1 } }] });
    await send(s, 'unibell', '79161234567', { 'x-sim-scenario': 'ub-late-twice' });
    await s.advance('30s'); // the call ended (1 + 5 + 12 s)
    await s.sim.ctx.callbacks.idle();
    expect(rx.hits).toHaveLength(0);
    await s.advance('1m');
    const hits = await rx.waitFor(2);
    expect(hits.map((h) => h.query.type)).toEqual(['endCallback', 'endCallback']);
  });

  it('reorder: the end callback arrives before the start callback', async () => {
    await unibellTo({ start: `${rx.url}/start`, end: `${rx.url}/end` });
    await upload(s, { name: 'ub-reorder', rules: [{ match: { provider: 'unibell' }, callbacks: { reorder: true } }] });
    await send(s, 'unibell', '79161234567', { 'x-sim-scenario': 'ub-reorder' });
    await s.advance('30s');
    const hits = await rx.waitFor(2);
    expect(hits.map((h) => h.query.type)).toEqual(['endCallback', 'startCallback']);
  });

  it('drop by account', async () => {
    await unibellTo({ end: `${rx.url}/end` });
    await upload(s, { name: 'ub-drop', rules: [{ match: { account: '0000000000' }, callbacks: { drop: true } }] });
    await send(s, 'unibell', '79161234567', { 'x-sim-scenario': 'ub-drop' });
    await s.advance('30s');
    await s.sim.ctx.callbacks.idle();
    expect(rx.hits).toHaveLength(0);
    expect((await readJson(await s.call('/_sim/callbacks?provider=unibell'))).deliveries[0].state).toBe('dropped');
  });
});

describe('the shipped callbacks-out-of-order scenario does what its description says', () => {
  const h = { 'x-sim-scenario': 'callbacks-out-of-order' };
  const call = async (number: string) =>
    (await readJson(await s.call('/voicepassword/api/voice-password/send/', json({ security: { apiKey: VP_KEY }, number, callback_url: `${rx.url}/call` }, h)))).id as string;
  const fallback = async (id: string) =>
    expect((await readJson(await s.call('/voicepassword/api/voice-password/send/', json({ security: { apiKey: VP_KEY }, sms: { id }, callback_url: `${rx.url}/sms` }, h)))).result).toBe('ok');
  const states = (path: string) => rx.hits.filter((x) => x.path === path).map((x) => bodyOf(x).state);

  it("an SMS fallback sent once the call's result came: DELIVERED before SEND before QUEUED", async () => {
    const id = await call('79990000002'); // NO ANSWER after 30 s
    await s.advance('30s');
    await s.sim.ctx.callbacks.idle();
    expect(rx.hits).toHaveLength(0); // a lone result is held...
    await s.advance('1m');
    await rx.waitFor(1, { timeoutMs: 5000 }); // ...a minute
    expect(states('/call')).toEqual(['NO ANSWER']);
    await fallback(id);
    await s.advance('10s');
    await rx.waitFor(3, { path: '/sms', timeoutMs: 5000 });
    expect(states('/sms')).toEqual(['DELIVERED', 'SEND', 'QUEUED']);
  });

  it('an SMS fallback sent before the call ended, and one not delivered: the final status first', async () => {
    await fallback(await call('79161234567'));
    await fallback(await call('79990000005')); // SMS fallback NOT DELIVERED
    await s.advance('10s');
    await rx.waitFor(6, { path: '/sms', timeoutMs: 5000 });
    const sms = rx.hits.filter((x) => x.path === '/sms');
    const byCall = (id: string) => sms.filter((x) => bodyOf(x).number === id).map((x) => bodyOf(x).state);
    expect(byCall('79161234567')).toEqual(['DELIVERED', 'SEND', 'QUEUED']);
    expect(byCall('79990000005')).toEqual(['NOT DELIVERED', 'SEND', 'QUEUED']);
  });

  it('a failed SMS fallback: FAIL before QUEUED, once the minute has passed', async () => {
    await fallback(await call('79990000006')); // SMS fallback FAIL, never SEND
    await s.advance('1m');
    await rx.waitFor(2, { path: '/sms', timeoutMs: 5000 });
    expect(states('/sms')).toEqual(['FAIL', 'QUEUED']);
  });

  it("a Unibell call's end before its start", async () => {
    await unibellTo({ start: `${rx.url}/start`, end: `${rx.url}/end` });
    await send(s, 'unibell', '79161234567', h);
    await s.advance('30s');
    const hits = await rx.waitFor(2, { timeoutMs: 5000 });
    expect(hits.map((x) => x.query.type)).toEqual(['endCallback', 'startCallback']);
  });
});

describe('delivery time-out (callbackTimeoutMs)', () => {
  const slow = useReceiver({ hang: true, eachTest: 'keep' });
  const t = useSimulator({ config: { callbackTimeoutMs: 100 }, eachTest: 'keep' });

  it('gives up on a receiver that does not answer within the configured time', async () => {
    await t.call('/voicepassword/api/voice-password/send/', json({ security: { apiKey: VP_KEY }, number: '79161234567', callback_url: `${slow.url}/cb` }));
    await t.advance('10s');
    await t.sim.ctx.callbacks.idle();
    const [d] = (await readJson(await t.call('/_sim/callbacks'))).deliveries;
    expect(d.state).toBe('retrying');
    expect(d.attempts[0].error).toBe('timeout after 100 ms');
  });
});
