// Scenario outcomes that ask for generated content: a call duration within a range, DTMF digits,
// a reply SMS in Russian. Drawn from the rule's seeded generator: the same after a reset.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { form, json, readJson, startServer, type TestServer } from '../helpers/server.js';
import { devinoSession, records, send, upload, VP_KEY } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s.close();
});
beforeEach(async () => {
  await s.call('/_sim/reset', { method: 'POST' });
});

const CYRILLIC = /[А-Яа-яЁё]/;

describe('generated outcome content', () => {
  it('duration {min, max}: each call connects for a whole number of seconds in the range, the same ones after a reset', async () => {
    await upload(s, { name: 'vp-duration-range', rules: [{ match: { provider: 'voicepassword' }, outcome: { state: 'answered', duration: { min: 20, max: 40 } } }] });
    const durations = async () => {
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) {
        const body = { security: { apiKey: VP_KEY }, number: `7916111110${i}`, voice: {} };
        ids.push((await readJson(await s.call('/voicepassword/api/voice-password/send/', json(body, { 'x-sim-scenario': 'vp-duration-range' })))).id);
      }
      await s.advance('2m');
      return Promise.all(ids.map(async (id) => (await readJson(await s.call(`/_sim/records/voicepassword/voice/${id}`))).detail.duration as number));
    };
    const first = await durations();
    for (const d of first) {
      expect(Number.isInteger(d)).toBe(true);
      expect(d).toBeGreaterThanOrEqual(20);
      expect(d).toBeLessThanOrEqual(40);
    }
    expect(new Set(first).size).toBeGreaterThan(1);
    await s.call('/_sim/reset', { method: 'POST' });
    expect(await durations()).toEqual(first);
  });

  it('dtmf {generate: true, length}: the subscriber presses that many random digits', async () => {
    await upload(s, { name: 'voice-dtmf-generated', rules: [{ match: { kind: 'voice' }, outcome: { state: 'answered', duration: 3, dtmf: { generate: true, length: 3 } } }] });
    const session = await devinoSession(s);
    const init = form({ SessionID: session, SourceAddress: '74957722345', DestinationAddress: '79161234567', FileId: 21, Dtmf: 'true' });
    const res = await s.call('/devino/rest/Voice/Send', { ...init, headers: { ...(init.headers as Record<string, string>), 'x-sim-scenario': 'voice-dtmf-generated' } });
    const { messageId } = await readJson(res);
    await s.advance('1m');
    const detail = (await readJson(await s.call(`/_sim/records/devino/voice/${messageId}`))).detail;
    expect(detail.collectedDtmf).toMatch(/^[0-9]{3}$/);
  });

  it('reply {generate: true}: the subscriber answers in Russian, the same text after a reset', async () => {
    await upload(s, { name: 'sms-reply-generated', rules: [{ match: { provider: 'devino', kind: 'sms' }, outcome: { state: 'delivered', reply: { generate: true, after: '1m' } } }] });
    const replyText = async () => {
      expect((await send(s, 'devino', '79162222222', { 'x-sim-scenario': 'sms-reply-generated' })).status).toBe(200);
      await s.advance('2m');
      const incoming = await records(s, 'provider=devino&kind=incoming-sms');
      expect(incoming).toHaveLength(1);
      return (await readJson(await s.call(`/_sim/records/devino/incoming-sms/${incoming[0].id}`))).detail.text as string;
    };
    const text = await replyText();
    expect(text).toMatch(CYRILLIC);
    await s.call('/_sim/reset', { method: 'POST' });
    expect(await replyText()).toBe(text);
  });

  it('a reply with both a text and generate, or a range with max below min, is refused naming the field', async () => {
    const both = await s.call('/_sim/scenarios', json({ name: 'bad-reply', rules: [{ outcome: { reply: { text: 'Да', generate: true } } }] }));
    expect(both.status).toBe(400);
    expect((await readJson(both)).error).toMatch(/text or generate/);
    const range = await s.call('/_sim/scenarios', json({ name: 'bad-range', rules: [{ outcome: { duration: { min: 40, max: 20 } } }] }));
    expect(range.status).toBe(400);
    expect((await readJson(range)).error).toMatch(/max must not be less than min/);
  });
});
