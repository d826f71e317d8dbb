import { beforeEach, describe, expect, it } from 'vitest';
import { IncomingSmsResponse, SmsStateResponse, StatisticsResponse } from '../../../src/providers/devino/schemas.js';
import { json, readJson } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { get, login, post, sms, smsState } from './devino.js';

describe('Devino SMS states on the clock', () => {
  const s = useSimulator({ eachTest: 'fresh' });
  let sid: string;
  beforeEach(async () => {
    sid = await login(s);
  });

  const send = async (extra = {}) => (await post(s, '/Sms/Send', sms(sid, extra))).body[0] as string;
  /** Moves the clock, then logs in again so a long jump never meets an expired session. */
  const advance = async (by: string) => {
    await s.advance(by);
    sid = await login(s);
  };

  it('queued (-2), sent (-1), then delivered (0), with the dates of each step', async () => {
    const t0 = (await readJson(await s.call('/_sim/clock'))).epochMs;
    const id = await send();
    const queued = SmsStateResponse.parse(await smsState(s, sid, id));
    expect(queued).toEqual({
      State: -2,
      CreationDateUtc: `/Date(${t0})/`,
      SubmittedDateUtc: null,
      ReportedDateUtc: null,
      TimeStampUtc: `/Date(${t0})/`,
      StateDescription: 'В очереди',
      Price: 0.35,
    });
    await s.advance('1s');
    expect(await smsState(s, sid, id)).toMatchObject({ State: -1, StateDescription: 'Отправлено', SubmittedDateUtc: `/Date(${t0 + 1000})/`, ReportedDateUtc: null });
    await s.advance('5s');
    expect(await smsState(s, sid, id)).toMatchObject({ State: 0, StateDescription: 'Доставлено абоненту', ReportedDateUtc: `/Date(${t0 + 6000})/`, TimeStampUtc: `/Date(${t0 + 6000})/` });
  });

  it('writes .NET dates with escaped slashes on the wire', async () => {
    const id = await send();
    const res = await s.call(`/devino/rest/Sms/State?sessionId=${sid}&messageId=${id}`);
    expect(await res.text()).toMatch(/"CreationDateUtc":"\\\/Date\(\d+\)\\\/"/);
  });

  it('reaches the failure states of the magic numbers', async () => {
    const rejected = await send({ DestinationAddress: '79990000001' });
    const platform = await send({ DestinationAddress: '79990000003' });
    await s.advance('1s');
    expect((await smsState(s, sid, platform)).State).toBe(-1);
    await s.advance('5s');
    expect(await smsState(s, sid, rejected)).toMatchObject({ State: 42, StateDescription: 'Отклонено смс-центром' });
    expect(await smsState(s, sid, platform)).toMatchObject({ State: 48, StateDescription: 'Отклонено Платформой' });
  });

  it('expires an undelivered SMS when its Validity runs out (46)', async () => {
    const id = await send({ DestinationAddress: '79990000002', Validity: 10 });
    await s.advance('9m59s');
    expect((await smsState(s, sid, id)).State).toBe(-1);
    await s.advance('1s');
    expect(await smsState(s, sid, id)).toMatchObject({ State: 46, StateDescription: 'Просрочено' });
  });

  it('expires a slow delivery that would land after its validity, but not one within it', async () => {
    // 79990000004 delivers 10 minutes after submission.
    const short = await send({ DestinationAddress: '79990000004', Validity: 5 });
    const long = await send({ DestinationAddress: '79990000004', Validity: 30 });
    await s.advance('11m');
    expect((await smsState(s, sid, short)).State).toBe(46);
    expect((await smsState(s, sid, long)).State).toBe(0);
  });

  it('without Validity, the platform default (24 h) applies', async () => {
    const id = await send({ DestinationAddress: '79990000002' });
    await advance('23h59m');
    expect((await smsState(s, sid, id)).State).toBe(-1);
    await advance('1m');
    expect((await smsState(s, sid, id)).State).toBe(46);
  });

  it('answers 255 for an unknown id, another account\'s id, and ids older than 48 hours', async () => {
    const unknown = await smsState(s, sid, 'GW0200000000');
    expect(SmsStateResponse.parse(unknown)).toMatchObject({ State: 255, StateDescription: 'Неизвестный', CreationDateUtc: null, Price: null });
    const id = await send();
    const other = await login(s, 'test', '11111');
    expect((await smsState(s, other, id)).State).toBe(255);
    await advance('47h');
    expect((await smsState(s, sid, id)).State).toBe(0);
    await advance('1h1m');
    expect((await smsState(s, sid, id)).State).toBe(255);
  });

  it('finds a multi-part id whose + arrived unencoded as a space', async () => {
    const [first] = (await post(s, '/Sms/Send', sms(sid, { Data: 'a'.repeat(200) }))).body;
    const raw = await get(s, `/Sms/State?sessionId=${sid}&messageId=${first}`); // + not encoded
    expect(raw.body.State).toBe(-2);
  });

  it('needs a messageId (Code 1) and a valid session (Code 3)', async () => {
    const r = await get(s, `/Sms/State?sessionId=${sid}`);
    expect(r.body.Code).toBe(1);
    expect(r.body.Desc).toMatch(/^MessageID can not be null or empty/);
    expect((await get(s, '/Sms/State?sessionId=nope&messageId=x')).body.Code).toBe(3);
  });
});

describe('Devino /Sms/In', () => {
  const s = useSimulator({ eachTest: 'fresh' });
  let sid: string;
  beforeEach(async () => {
    sid = await login(s);
  });

  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);

  it('lists replies of subscribers (magic number) and injected SMS in the period', async () => {
    const t0 = (await readJson(await s.call('/_sim/clock'))).epochMs;
    await post(s, '/Sms/Send', sms(sid, { DestinationAddress: '79990000005', SourceAddress: 'TESTSMS' }));
    await s.advance('6s');
    const early = await get(s, `/Sms/In?sessionId=${sid}&minDateUTC=${iso(t0 - 60_000)}&maxDateUTC=${iso(t0 + 3_600_000)}`);
    expect(early.body).toEqual([]);
    await s.advance('30s');
    const injected = await s.call('/_sim/devino/incoming', json({ from: '+79260000000', to: '79160000000', text: 'test1' }));
    expect(injected.status).toBe(201);
    const r = await get(s, `/Sms/In?sessionId=${sid}&minDateUTC=${iso(t0 - 60_000)}&maxDateUTC=${iso(t0 + 3_600_000)}`);
    const list = IncomingSmsResponse.parse(r.body);
    expect(list).toEqual([
      { Data: 'Да', SourceAddress: '79990000005', DestinationAddress: 'TESTSMS', ID: expect.any(Number), CreatedDateUtc: `/Date(${t0 + 36_000})/` },
      { Data: 'test1', SourceAddress: '79260000000', DestinationAddress: '79160000000', ID: list[0].ID + 1, CreatedDateUtc: expect.any(String) },
    ]);
    // The period bounds filter.
    const before = await get(s, `/Sms/In?sessionId=${sid}&minDateUTC=${iso(t0 - 60_000)}&maxDateUTC=${iso(t0 + 30_000)}`);
    expect(before.body).toEqual([]);
    // Another account sees none of it.
    const other = await login(s, 'test', '11111');
    expect((await get(s, `/Sms/In?sessionId=${other}&minDateUTC=${iso(t0 - 60_000)}&maxDateUTC=${iso(t0 + 3_600_000)}`)).body).toEqual([]);
  });

  it('rejects missing, unreadable, inverted and too-old bounds', async () => {
    const now = (await readJson(await s.call('/_sim/clock'))).epochMs;
    expect((await get(s, `/Sms/In?sessionId=${sid}&maxDateUTC=${iso(now)}`)).body.Code).toBe(1);
    expect((await get(s, `/Sms/In?sessionId=${sid}&minDateUTC=${iso(now)}`)).body.Code).toBe(1);
    expect((await get(s, `/Sms/In?sessionId=${sid}&minDateUTC=yesterday&maxDateUTC=${iso(now)}`)).body.Code).toBe(2);
    expect((await get(s, `/Sms/In?sessionId=${sid}&minDateUTC=${iso(now)}&maxDateUTC=${iso(now - 1000)}`)).body.Code).toBe(2);
    expect((await get(s, `/Sms/In?sessionId=${sid}&minDateUTC=${iso(now - 400 * 86_400_000)}&maxDateUTC=${iso(now)}`)).body.Code).toBe(2);
  });
});

describe('Devino /Sms/Statistics', () => {
  const s = useSimulator({ eachTest: 'fresh' });
  let sid: string;
  beforeEach(async () => {
    sid = await login(s);
  });

  const msk = (ms: number) => new Date(ms + 3 * 3_600_000).toISOString().slice(0, 19);

  it('counts the account\'s segments by outcome', async () => {
    const t0 = (await readJson(await s.call('/_sim/clock'))).epochMs;
    await post(s, '/Sms/Send', sms(sid));
    await post(s, '/Sms/Send', sms(sid, { Data: 'a'.repeat(200) })); // 2 segments
    await post(s, '/Sms/Send', sms(sid, { DestinationAddress: '79990000001' }));
    await post(s, '/Sms/Send', sms(sid, { DestinationAddress: '79990000002', Validity: 1 }));
    await post(s, '/Sms/Send', sms(sid, { DestinationAddress: '79990000004' }));
    await post(s, '/Sms/Send', sms(sid, { SendDate: msk(t0 + 3_600_000) }));
    await s.advance('2m');
    const r = await get(s, `/Sms/Statistics?sessionId=${sid}&startDateTime=${msk(t0 - 1000)}&endDateTime=${msk(t0 + 1000)}`);
    expect(StatisticsResponse.parse(r.body)).toEqual({
      Sent: 1,
      Delivered: 3,
      Errors: 0,
      InProcess: 1,
      Expired: 1,
      Rejected: 1,
      Total: 7,
      TotalWithErrors: 7,
      DeliveryRatio: 0.4286,
    });
    const other = await login(s, 'test', '11111');
    expect((await get(s, `/Sms/Statistics?sessionId=${other}&startDateTime=${msk(t0 - 1000)}&endDateTime=${msk(t0 + 1000)}`)).body.Total).toBe(0);
  });

  it('refuses a range over 90 days with the Russian message', async () => {
    const r = await get(s, `/Sms/Statistics?sessionId=${sid}&startDateTime=2024-01-01T00:00:00&endDateTime=2024-04-01T00:00:01`);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ Code: 2, Desc: 'Нельзя указывать диапазон дат более 90 дней.' });
    expect((await get(s, `/Sms/Statistics?sessionId=${sid}&startDateTime=2024-01-01T00:00:00`)).body.Code).toBe(1);
  });
});
