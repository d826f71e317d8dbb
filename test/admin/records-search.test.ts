// What the sandbox inbox asks the admin API: records with what the phone shows, search by any spelling
// of a number or a word, a subscriber's phone, a reply sent from it, and request headers with secrets masked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneKey, recordMatcher } from '../../src/admin/recordSearch.js';
import { maskHeaders } from '../../src/admin/maskHeaders.js';
import { form, json, readJson, startServer, type TestServer } from '../helpers/server.js';
import { VP_KEY } from '../scenarios/helpers.js';

const LONG = 'Здравствуйте! Ваш заказ 5521 собран и ждёт вас в пункте выдачи на Тверской до пятницы включительно. Код получения 4821.';

describe('admin records for the sandbox inbox', () => {
  let s: TestServer;
  let shortId: string;
  let longIds: string[];
  let callId: string;
  beforeAll(async () => {
    s = await startServer();
    const session = await readJson(await s.call('/devino/rest/User/SessionId?login=user&password=userpasswd'));
    [shortId] = await readJson(await s.call('/devino/rest/Sms/Send', form({ SessionID: session, DestinationAddress: '79161002030', SourceAddress: 'DEVINO', Data: 'Код 4821 привет' })));
    longIds = await readJson(await s.call('/devino/rest/Sms/Send', form({ SessionID: session, DestinationAddress: '+7 (916) 100-20-30', SourceAddress: 'DEVINO', Data: LONG })));
    await readJson(await s.call('/devino/rest/Sms/Send', form({ SessionID: session, DestinationAddress: '79035550011', SourceAddress: 'DEVINO', Data: 'Другой абонент' })));
    await s.advance('1s'); // records of two providers at one instant have no order between them
    const call = await readJson(await s.call('/voicepassword/api/voice-password/send/', json({ security: { apiKey: VP_KEY }, number: '79161002030', capacity: '4' })));
    callId = call.id;
  });
  afterAll(() => s.close());

  const ids = async (query: string) => (await readJson(await s.call(`/_sim/records?${query}`))).records.map((r: { id: string }) => r.id).sort();

  it('lists each record with its recipient, sender and text (each part of a long SMS), and a call with its code', async () => {
    const { records } = await readJson(await s.call('/_sim/records?limit=10'));
    expect(records.find((r: { id: string }) => r.id === shortId)).toMatchObject({ to: '79161002030', from: 'DEVINO', text: 'Код 4821 привет', part: 1, parts: 1 });
    const parts = records.filter((r: { id: string }) => longIds.includes(r.id)).sort((a: { part: number }, b: { part: number }) => a.part - b.part);
    expect(parts.map((r: { text: string }) => r.text).join('')).toBe(LONG);
    expect(records.find((r: { id: string }) => r.id === callId)).toMatchObject({ provider: 'voicepassword', to: '79161002030', code: expect.stringMatching(/^\d{4}$/) });
  });

  it('finds a number by every common spelling, and a word of a text', async () => {
    const expected = [shortId, ...longIds, callId].sort();
    for (const spelling of ['+7 916 100-20-30', '89161002030', '79161002030', '+79161002030', '8 (916) 100 20 30']) {
      expect(await ids(`q=${encodeURIComponent(spelling)}`)).toEqual(expected);
    }
    expect(await ids(`q=${encodeURIComponent('ПРИВЕТ')}`)).toEqual([shortId]);
    expect(await ids(`q=${encodeURIComponent('абонент')}&limit=1`)).toHaveLength(1);
    expect((await readJson(await s.call('/_sim/records?q=nothing-like-this'))).total).toBe(0);
  });

  it('pages by offset, newest first', async () => {
    const all = (await readJson(await s.call('/_sim/records?limit=100'))).records.map((r: { id: string }) => r.id);
    const second = (await readJson(await s.call('/_sim/records?limit=2&offset=2'))).records.map((r: { id: string }) => r.id);
    expect(second).toEqual(all.slice(2, 4));
    expect((await s.call('/_sim/records?offset=-1')).status).toBe(400);
  });

  it("shows a subscriber's phone oldest first, and a reply sent from it reaches the provider as an incoming SMS", async () => {
    const phone = await readJson(await s.call(`/_sim/phones/${encodeURIComponent('8 916 100-20-30')}`));
    expect(phone.number).toBe('79161002030');
    expect(phone.records.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([shortId, ...longIds, callId]));
    expect(phone.records).toHaveLength(2 + longIds.length);
    expect(phone.records[0].id).toBe(shortId);

    const reply = await s.call('/_sim/phones/79161002030/sms', json({ text: 'Спасибо' }));
    expect(reply.status).toBe(201);
    expect(await readJson(reply)).toMatchObject({ provider: 'devino', kind: 'incoming-sms', account: 'user', from: '79161002030', to: 'DEVINO', incoming: true, text: 'Спасибо' });
    const after = await readJson(await s.call('/_sim/phones/79161002030'));
    expect(after.records.at(-1)).toMatchObject({ kind: 'incoming-sms', text: 'Спасибо' });
    // In the provider's own store: Devino's detail of it is its incoming SMS.
    const detail = await readJson(await s.call(`/_sim/records/devino/incoming-sms/${after.records.at(-1).id}`));
    expect(detail.detail).toMatchObject({ account: 'user', from: '79161002030', to: 'DEVINO', text: 'Спасибо' });
  });

  it('a reply needs a provider that takes SMS from subscribers, and a number', async () => {
    expect((await s.call('/_sim/phones/79161002030/sms', json({ text: 'x', provider: 'unibell' }))).status).toBe(409);
    expect((await s.call('/_sim/phones/79990000000/sms', json({ text: 'x' }))).status).toBe(409);
    expect((await s.call('/_sim/phones/ab/sms', json({ text: 'x' }))).status).toBe(400);
    expect((await s.call('/_sim/phones/79161002030/sms', json({ text: '' }))).status).toBe(400);
    // A provider the simulator does not serve (an inherited name too) is not found.
    for (const provider of ['nosuch', '__proto__']) expect((await s.call('/_sim/phones/79161002030/sms', json({ text: 'x', provider }))).status).toBe(404);
  });

  it('journals request headers and shows them with credentials masked', async () => {
    await s.call('/devino/rest/User/Balance?SessionID=nope', { headers: { authorization: 'Bearer secret-1', 'x-api-key': 'secret-2', 'x-trace': 'visible' } });
    const [entry] = (await readJson(await s.call('/_sim/journal?limit=1'))).entries;
    expect(entry.headers).toMatchObject({ authorization: 'Bearer ***', 'x-api-key': '***', 'x-trace': 'visible' });
    expect(JSON.stringify(entry)).not.toContain('secret-');
  });
});

describe('search rules', () => {
  it('normalises a number to the stored spelling', () => {
    expect(['+7 916 100-20-30', '89161002030', '79161002030', '9161002030'].map(phoneKey)).toEqual(Array(4).fill('79161002030'));
  });
  it('an id or account given as `__proto__` is just text', () => {
    const match = recordMatcher('__proto__');
    expect(match?.({ kind: 'sms', id: 'x', account: 'y', state: '0', createdAt: 0, updatedAt: 0, history: () => [] })).toBe(false);
    expect(maskHeaders({ __proto__: 'x', cookie: 'a=b' } as Record<string, string>)).toMatchObject({ cookie: '***' });
  });
});
