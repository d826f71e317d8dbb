// Outcome effects on every provider: the final state of what was sent, when it is reached, call
// duration, DTMF digits and an incoming reply, overriding the fixtures' defaults.
import { describe, expect, it } from 'vitest';
import { form, json, readJson } from '../helpers/server.js';
import { useReceiver, useSimulator } from '../helpers/useSimulator.js';
import { bodyOf, devinoSession, records, send, UNIBELL_KEY, upload, VP_KEY } from './helpers.js';

const rx = useReceiver();
const s = useSimulator();

describe('devino', () => {
  it('SMS: scripted final state at the scripted time, and an incoming reply', async () => {
    await upload(s, {
      name: 'sms-outcome',
      rules: [
        { match: { provider: 'devino', kind: 'sms', number: '79161111111' }, outcome: { state: 'undeliverable', after: '2m' } },
        { match: { provider: 'devino', kind: 'sms' }, outcome: { state: 'delivered', after: '10s', reply: { text: 'СТОП', after: '1m' } } },
      ],
    });
    const h = { 'x-sim-scenario': 'sms-outcome' };
    const rejected = (await readJson(await send(s, 'devino', '79161111111', h)))[0];
    const replied = (await readJson(await send(s, 'devino', '79162222222', h)))[0];
    const session = await devinoSession(s);
    const state = async (id: string) => (await readJson(await s.call(`/devino/rest/Sms/State?SessionID=${session}&MessageID=${encodeURIComponent(id)}`))).State;
    await s.advance('1s');
    await s.advance('1m');
    expect(await state(rejected)).toBe(-1);
    expect(await state(replied)).toBe(0);
    expect(await records(s, 'provider=devino&kind=incoming-sms')).toHaveLength(0);
    await s.advance('10s'); // delivered at 11 s, the reply a minute later
    const incoming = await records(s, 'provider=devino&kind=incoming-sms');
    expect(incoming).toHaveLength(1);
    await s.advance('50s');
    expect(await state(rejected)).toBe(42);
    const detail = await readJson(await s.call(`/_sim/records/devino/incoming-sms/${incoming[0].id}`));
    expect(detail.detail).toMatchObject({ from: '79162222222', to: 'TESTSMS', text: 'СТОП' });
  });

  it('voice: scripted attempts, listening time and DTMF digits', async () => {
    await upload(s, { name: 'voice-outcome', rules: [{ match: { kind: 'voice' }, outcome: { attempts: ['busy', 'answered'], duration: 3, dtmf: '42' } }] });
    const session = await devinoSession(s);
    const init = form({ SessionID: session, SourceAddress: '74957722345', DestinationAddress: '79161234567', FileId: 21, RetryCount: 2, Gap: 1, Dtmf: 'true' });
    const res = await s.call('/devino/rest/Voice/Send', { ...init, headers: { ...(init.headers as Record<string, string>), 'x-sim-scenario': 'voice-outcome' } });
    const { messageId } = await readJson(res);
    await s.advance('2s'); // dialled
    await s.advance('3s'); // busy: redial in a minute
    const state = async () => (await readJson(await s.call(`/devino/rest/Voice/State?SessionID=${session}&MessageID=${messageId}`))).state;
    expect(await state()).toBe(0);
    await s.advance('1m');
    await s.advance('8s'); // answer after 5 s, listens 3 s
    expect(await state()).toBe(2);
    const detail = (await readJson(await s.call(`/_sim/records/devino/voice/${messageId}`))).detail;
    expect(detail.attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['busy', 'answered']);
    expect(detail.collectedDtmf).toBe('42');
  });
});

describe('mobilgroup', () => {
  it('scripted call results per attempt and ring time', async () => {
    await upload(s, { name: 'mg-outcome', rules: [{ match: { provider: 'mobilgroup', kind: 'call' }, outcome: { attempts: ['no-answer', 'busy'], after: '20s' } }] });
    const res = await send(s, 'mobilgroup', '79161234567', { 'x-sim-scenario': 'mg-outcome' }, {
      settings: { number: '74951234567', message: 'Ваша запись подтверждена', attempts: '2', interval: '1' },
    });
    const { id } = await readJson(res);
    const state = async () => (await readJson(await s.call('/mobilgroup/api/get/', json({ request: 'state', id }, { authorization: 'demo-mobilgroup-key' })))).subscribers[0];
    await s.advance('19s');
    expect((await state()).status).toBe('Вызов');
    await s.advance('1s');
    expect((await state()).status).toBe('Ожидает повтора');
    await s.advance('1m');
    await s.advance('20s');
    expect(await state()).toMatchObject({ status: 'Занято', attempts: '2' });
  });
});

describe('voicepassword', () => {
  it('scripted result, its time and the connected duration, with the callback carrying them', async () => {
    await upload(s, {
      name: 'vp-outcome',
      rules: [
        { match: { number: '79161111111' }, outcome: { state: 'NO ANSWER', after: '45s' } },
        { match: { number: '79162222222' }, outcome: { state: 'answered', duration: 9 } },
      ],
    });
    const h = { 'x-sim-scenario': 'vp-outcome' };
    const a = await readJson(await s.call('/voicepassword/api/voice-password/send/', json({ security: { apiKey: VP_KEY }, number: '79161111111', callback_url: `${rx.url}/vp` }, h)));
    const b = await readJson(await s.call('/voicepassword/api/voice-password/send/', json({ security: { apiKey: VP_KEY }, number: '79162222222', callback_url: `${rx.url}/vp`, voice: {} }, h)));
    await s.advance('44s');
    await s.sim.ctx.callbacks.idle();
    expect(rx.hits.map((x) => bodyOf(x).id)).toEqual([b.id]);
    expect(rx.hits[0].body).toMatchObject({ state: 'ANSWERED', duration: '9' });
    await s.advance('1s');
    await rx.waitFor(2);
    expect(rx.hits[1].body).toMatchObject({ id: a.id, state: 'NO ANSWER', duration: '0' });
  });

  it('scripted SMS fallback status', async () => {
    await upload(s, { name: 'vp-sms', rules: [{ match: { provider: 'voicepassword', kind: 'sms' }, outcome: { state: 'undeliverable' } }] });
    const call = await readJson(await send(s, 'voicepassword', '79161234567'));
    await s.advance('1m');
    const sms = await readJson(await s.call('/voicepassword/api/voice-password/send/', json({ security: { apiKey: VP_KEY }, sms: { id: call.id } }, { 'x-sim-scenario': 'vp-sms' })));
    expect(sms.result).toBe('ok');
    await s.advance('1m');
    const rec = (await records(s, 'provider=voicepassword&kind=sms'))[0];
    expect(rec.history.map((x: { state: string }) => x.state)).toEqual(['QUEUED', 'SEND', 'NOT DELIVERED']);
  });
});

describe('unibell', () => {
  it('scripted outcome and duration in the end callback', async () => {
    const patch = await s.call(`/_sim/unibell/apps/${UNIBELL_KEY}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endCallbackUrl: `${rx.url}/end`, startCallbackUrl: null }) });
    expect(patch.status).toBe(200);
    await upload(s, {
      name: 'ub-outcome',
      rules: [
        { match: { provider: 'unibell', number: '79161111111' }, outcome: { state: 'busy' } },
        { match: { provider: 'unibell' }, outcome: { state: 'answered', duration: 90 } },
      ],
    });
    const h = { 'x-sim-scenario': 'ub-outcome' };
    expect((await send(s, 'unibell', '79161111111', h)).status).toBe(200);
    expect((await send(s, 'unibell', '79162222222', h)).status).toBe(200);
    await s.advance('2m');
    await rx.waitFor(2);
    const byRef = Object.fromEntries(rx.hits.map((x) => [x.query.reference, x.query]));
    expect(byRef['ref-79161111111']).toMatchObject({ type: 'endCallback', state: '5', error: '17', duration: '0' });
    expect(byRef['ref-79162222222']).toMatchObject({ type: 'endCallback', state: '2', error: '0', duration: '90' });
  });
});
