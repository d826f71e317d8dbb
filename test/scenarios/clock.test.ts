// Moving the clock fires what is due, in time order, each at its own time: session expiry,
// scheduled sends, validity expiry, call retries and callbacks, in one jump of the clock.
import { describe, expect, it } from 'vitest';
import type { EventName, SimEvents } from '../../src/core/events.js';
import { form, json, readJson } from '../helpers/server.js';
import { useReceiver, useSimulator } from '../helpers/useSimulator.js';
import { devinoSession, upload, VP_KEY } from './helpers.js';

const rx = useReceiver({ eachTest: 'keep' });
const s = useSimulator({ eachTest: 'keep' });

const T0 = Date.parse('2030-03-01T09:00:00.000Z'); // 12:00 in Moscow
const MIN = 60_000;

describe('one jump of the clock', () => {
  it('fires session expiry, a scheduled send, a validity expiry, call retries and a callback in order', async () => {
    expect((await s.call('/_sim/clock', json({ now: T0 }))).status).toBe(200);
    const session = await devinoSession(s);
    const post = async (path: string, params: Record<string, string | number>) => {
      const res = await s.call(path, form({ SessionID: session, ...params }));
      expect(res.status).toBe(200);
      return readJson(res);
    };
    // Scheduled for 14:10 Moscow (130 min); delivered 5 s after it is sent.
    const [scheduled] = await post('/devino/rest/Sms/Send', { DestinationAddress: '79161234567', Data: 'Отложенное', SourceAddress: 'TESTSMS', SendDate: '2030-03-01T14:10:00' });
    // The phone is off: the SMS stays sent until its 150 minutes of validity run out.
    const [expiring] = await post('/devino/rest/Sms/Send', { DestinationAddress: '79990000002', Data: 'Истечёт', SourceAddress: 'TESTSMS', Validity: 150 });
    // Never answers: dialled at 160 min, again 5 minutes after the first attempt ends.
    const { messageId } = await post('/devino/rest/Voice/Send', { SourceAddress: '74957722345', DestinationAddress: '79990000011', FileId: 21, SendDate: '2030-03-01T14:40:00', RetryCount: 2, Gap: 5 });
    // The call ends at once; its callback is scripted to come three hours late.
    await upload(s, { name: 'late-cb', rules: [{ callbacks: { delay: '3h' } }] });
    const vp = await readJson(await s.call('/voicepassword/api/voice-password/send/', json({ security: { apiKey: VP_KEY }, number: '79161234567', callback_url: `${rx.url}/cb` }, { 'x-sim-scenario': 'late-cb' })));

    await s.advance(119 * MIN);
    expect((await s.call(`/devino/rest/User/Balance?SessionID=${session}`)).status).toBe(200);

    const seen: { name: EventName; at: number; now: number; event: SimEvents[EventName] }[] = [];
    const off = s.sim.ctx.events.onAny((name, event) => {
      if ('at' in event) seen.push({ name, at: event.at, now: s.sim.ctx.clock.now(), event });
    });
    await s.advance(4 * 60 * MIN);
    await rx.waitFor(1);
    await s.sim.ctx.callbacks.idle();
    off();

    // Session expiry: the same session is now refused as expired (not as unknown).
    const expired = await s.call(`/devino/rest/User/Balance?SessionID=${session}`);
    expect(expired.status).toBe(401);
    expect(await readJson(expired)).toEqual({ Code: 4, Desc: 'SessionID expired' });

    const at = (pred: (e: (typeof seen)[number]) => boolean, what: string) => {
      const found = seen.find(pred);
      if (!found) throw new Error(`no event for ${what}`);
      return found.at - T0;
    };
    const rec = (e: (typeof seen)[number]) => e.event as SimEvents['record.state'];
    const sent = at((e) => e.name === 'record.state' && rec(e).id === scheduled && rec(e).state === '-1', 'scheduled send');
    const validity = at((e) => e.name === 'record.state' && rec(e).id === expiring && rec(e).state === '46', 'validity expiry');
    const dials = seen.filter((e) => e.name === 'record.state' && rec(e).id === String(messageId) && rec(e).state === '1').map((e) => e.at - T0);
    const notListened = at((e) => e.name === 'record.state' && rec(e).id === String(messageId) && rec(e).state === '3', 'voice final');
    const callback = at((e) => e.name === 'callback.attempt', 'callback');

    expect(sent).toBe(130 * MIN + 1000);
    expect(validity).toBe(150 * MIN);
    expect(dials).toEqual([160 * MIN + 2000, 160 * MIN + 2000 + 20_000 + 5 * MIN]);
    expect(notListened).toBe(dials[1] + 20_000);
    expect(callback).toBeGreaterThanOrEqual(180 * MIN);
    expect(sent).toBeLessThan(validity);
    expect(validity).toBeLessThan(dials[0]);
    expect(notListened).toBeLessThan(callback);
    // Every event is announced at its own due time, in time order.
    for (const e of seen.filter((x) => x.name !== 'callback.attempt')) expect(e.now).toBe(e.at);
    const times = seen.filter((e) => e.name.startsWith('record.')).map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(rx.hits[0].body).toMatchObject({ id: vp.id, state: 'ANSWERED' });
  });
});
