import { beforeEach, describe, expect, it } from 'vitest';
import { SmsIdsResponse } from '../../../src/providers/devino/schemas.js';
import { readJson } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { balance, login, post, REST, sms, smsState } from './devino.js';

const SINGLE_ID = /^GW02[0-9A-F]{8}$/;
const part = (to: string, of: number, index: number) => new RegExp(`^SAR-GW01\\+${to}-[0-9a-f]{8}-${of}-${index}$`);

/** Wall-clock text of an instant at a UTC offset, as clients write SendDate. */
const localText = (epochMs: number, offsetHours: number) => new Date(epochMs + offsetHours * 3_600_000).toISOString().slice(0, 19);

describe('Devino /Sms/Send', () => {
  const s = useSimulator({ eachTest: 'fresh' });
  let sid: string;
  beforeEach(async () => {
    sid = await login(s);
  });

  it('sends the spec example and answers one id; the price of the MTS tariff is taken', async () => {
    const res = await s.call(`${REST}/Sms/Send?SessionId=${sid}&DestinationAddress=79161002030&SourceAddress=DEVINO&Data=test&Validity=0`, { method: 'POST' });
    expect(res.status).toBe(200);
    const ids = SmsIdsResponse.parse(await readJson(res));
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(SINGLE_ID);
    expect(await balance(s, sid)).toBe(20014.95);
  });

  it('accepts +7 numbers and parameters split between query string and form body', async () => {
    const res = await s.call(`${REST}/sms/send?sessionid=${sid}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'destinationAddress=%2B79031234567&sourceAddress=TESTSMS&data=hello+world',
    });
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual([expect.stringMatching(SINGLE_ID)]);
    expect(await balance(s, sid)).toBe(20014.92); // Beeline 0.38
  });

  it('prices each segment by the operator of the number', async () => {
    const cases: [string, number][] = [
      ['79161002030', 0.35], // MTS
      ['79031234567', 0.38], // Beeline
      ['79261234567', 0.37], // MegaFon
      ['79001234567', 0.33], // Tele2
      ['74957722345', 0.45], // other: the account's default tariff
    ];
    let expected = 20015.3;
    for (const [to, price] of cases) {
      const r = await post(s, '/Sms/Send', sms(sid, { DestinationAddress: to }));
      expect(r.status).toBe(200);
      expected = Math.round((expected - price) * 100) / 100;
      expect(await balance(s, sid)).toBeCloseTo(expected, 6);
      const state = await smsState(s, sid, r.body[0]);
      expect(state.Price).toBe(price);
    }
  });

  describe('checks run in the spec order', () => {
    it('1: required parameters first, the first missing one in the table order', async () => {
      const none = await post(s, '/Sms/Send', {});
      expect(none.status).toBe(400);
      expect(none.body.Code).toBe(1);
      expect(none.body.Desc).toMatch(/^SessionID can not be null or empty/);
      for (const p of ['DestinationAddress', 'Data', 'SourceAddress'] as const) {
        const params: Record<string, string> = sms(sid);
        delete params[p];
        const r = await post(s, '/Sms/Send', params);
        expect(r.body.Code, p).toBe(1);
        expect(r.body.Desc).toMatch(new RegExp(`^${p} can not be null or empty`));
      }
      expect((await post(s, '/Sms/Send', sms(sid, { Data: '' }))).body.Code).toBe(1);
    });

    it('2: the session before the number, sender and length', async () => {
      const r = await post(s, '/Sms/Send', sms('NOSUCHSESSION', { DestinationAddress: 'abc', SourceAddress: 'NOT-REGISTERED-NAME' }));
      expect(r.body).toEqual({ Code: 3, Desc: 'Invalid session id' });
    });

    it('3: the balance before the number and the sender', async () => {
      const poor = await login(s, 'empty', 'empty');
      const r = await post(s, '/Sms/Send', sms(poor, { DestinationAddress: 'abc', SourceAddress: 'BAD' }));
      expect(r.status).toBe(403);
      expect(r.body.Code).toBe(5);
    });

    it('4: the number before the sender', async () => {
      const r = await post(s, '/Sms/Send', sms(sid, { DestinationAddress: '89161002030', SourceAddress: 'UNKNOWN' }));
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ Code: 2, Desc: 'Invalid destination address: 89161002030' });
    });

    it('5: the sender before the length; a sender must be valid and registered', async () => {
      const long = 'x'.repeat(2001);
      for (const source of ['UNKNOWN', 'TOOLONGSENDERNAME', '1234567890123456', 'ДЕВИНО']) {
        const r = await post(s, '/Sms/Send', sms(sid, { SourceAddress: source, Data: long }));
        expect(r.body, source).toEqual({ Code: 6, Desc: 'Invalid source address' });
      }
      // A registered digital sender is fine.
      expect((await post(s, '/Sms/Send', sms(sid, { SourceAddress: '74957722345' }))).status).toBe(200);
    });

    it('6: the length last: 2000 characters pass, 2001 do not', async () => {
      const over = await post(s, '/Sms/Send', sms(sid, { Data: 'x'.repeat(2001) }));
      expect(over.body.Code).toBe(2);
      expect(over.body.Desc).toMatch(/2001 characters/);
      const max = await post(s, '/Sms/Send', sms(sid, { Data: 'x'.repeat(2000) }));
      expect(max.body).toHaveLength(14); // ceil(2000 / 153)
    });

    it('a rejected send charges nothing', async () => {
      await post(s, '/Sms/Send', sms(sid, { SourceAddress: 'UNKNOWN' }));
      await post(s, '/Sms/Send', sms(sid, { Validity: 'soon' }));
      await post(s, '/Sms/Send', sms(sid, { SendDate: 'tomorrow' }));
      expect(await balance(s, sid)).toBe(20015.3);
    });

    it('bad Validity and SendDate formats are Code 2', async () => {
      expect((await post(s, '/Sms/Send', sms(sid, { Validity: '-5' }))).body.Code).toBe(2);
      expect((await post(s, '/Sms/Send', sms(sid, { SendDate: '2011-02-30T10:00:00' }))).body.Code).toBe(2);
    });
  });

  describe('segmentation', () => {
    const count = async (data: string) => {
      const r = await post(s, '/Sms/Send', sms(sid, { Data: data }));
      expect(r.status).toBe(200);
      return r.body as string[];
    };

    it('Latin (GSM-7): 160 characters is one SMS, 161 is two parts of 153 + 8', async () => {
      expect(await count('a'.repeat(160))).toEqual([expect.stringMatching(SINGLE_ID)]);
      const ids = await count('a'.repeat(161));
      expect(ids).toEqual([expect.stringMatching(part('79161002030', 2, 1)), expect.stringMatching(part('79161002030', 2, 2))]);
      // One message key for both parts.
      expect(ids[0].split('-')[3]).toBe(ids[1].split('-')[3]);
      expect(await count('a'.repeat(306))).toHaveLength(2);
      expect(await count('a'.repeat(307))).toHaveLength(3);
    });

    it('GSM-7 extension characters count twice', async () => {
      expect(await count(`${'a'.repeat(158)}€`)).toHaveLength(1);
      expect(await count(`${'a'.repeat(159)}€`)).toHaveLength(2);
    });

    it('Cyrillic (UCS-2): 70 characters is one SMS, 71 is two; 134 is two parts of 67, 135 three', async () => {
      expect(await count('я'.repeat(70))).toHaveLength(1);
      expect(await count('я'.repeat(71))).toHaveLength(2);
      expect(await count('я'.repeat(134))).toHaveLength(2);
      expect(await count('я'.repeat(135))).toHaveLength(3);
      // One Cyrillic letter turns a Latin text into UCS-2.
      expect(await count(`${'a'.repeat(70)}я`)).toHaveLength(2);
    });

    it('charges every segment', async () => {
      await count('я'.repeat(135));
      expect(await balance(s, sid)).toBe(20014.25); // 3 x 0.35
    });
  });
});

describe('Devino /Sms/SendBulk', () => {
  const s = useSimulator({ eachTest: 'fresh' });
  let sid: string;
  beforeEach(async () => {
    sid = await login(s);
  });

  const bulk = (numbers: string[], extra = {}) => ({ SessionID: sid, DestinationAddresses: numbers, SourceAddress: 'DEVINO', Data: 'a'.repeat(200), ...extra });

  it('lists all segments of one number before the next, in request order', async () => {
    const r = await post(s, '/Sms/SendBulk', bulk(['79160000000', '79053500000']));
    expect(r.status).toBe(200);
    expect(r.body).toEqual([
      expect.stringMatching(part('79160000000', 2, 1)),
      expect.stringMatching(part('79160000000', 2, 2)),
      expect.stringMatching(part('79053500000', 2, 1)),
      expect.stringMatching(part('79053500000', 2, 2)),
    ]);
    expect(await balance(s, sid)).toBe(20015.3 - 2 * 0.35 - 2 * 0.38);
  });

  it('reads repeated keys, [] and [i] forms, and any key case', async () => {
    const body = `sessionid=${sid}&destinationaddresses[]=79160000001&DestinationAddresses[1]=79160000002&DESTINATIONADDRESSES=79160000003&sourceAddress=DEVINO&data=hi`;
    const res = await s.call(`${REST}/Sms/SendBulk`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const ids = await readJson(res);
    expect(ids).toHaveLength(3);
    const states = await Promise.all(ids.map((id: string) => smsState(s, sid, id)));
    expect(states.every((st) => st.State === -2)).toBe(true);
    const tos = ids.map((id: string) => s.sim.ctx.journal && id);
    expect(tos).toHaveLength(3);
  });

  it('one bad number rejects the whole batch and charges nothing', async () => {
    const r = await post(s, '/Sms/SendBulk', bulk(['79160000000', '12', '79053500000']));
    expect(r.body).toEqual({ Code: 2, Desc: 'Invalid destination address: 12' });
    expect(await balance(s, sid)).toBe(20015.3);
  });

  it('needs money for the whole batch', async () => {
    const test = await login(s, 'test', '11111'); // 500 at 0.5 per segment
    const numbers = Array.from({ length: 501 }, (_, i) => `7916${String(i).padStart(7, '0')}`);
    // 501 numbers x 2 segments x 0.5 = 501 > 500.
    const r = await post(s, '/Sms/SendBulk', { SessionID: test, DestinationAddresses: numbers, SourceAddress: 'TESTSMS', Data: 'x'.repeat(200) });
    expect(r.body.Code).toBe(5);
    expect(await balance(s, test)).toBe(500);
    const ok = await post(s, '/Sms/SendBulk', { SessionID: test, DestinationAddresses: numbers.slice(0, 500), SourceAddress: 'TESTSMS', Data: 'x' });
    expect(ok.body).toHaveLength(500);
    expect(await balance(s, test)).toBe(250);
  });

  it('needs at least one number', async () => {
    const r = await post(s, '/Sms/SendBulk', { SessionID: sid, SourceAddress: 'DEVINO', Data: 'x' });
    expect(r.body.Code).toBe(1);
    expect(r.body.Desc).toMatch(/^DestinationAddresses/);
  });
});

describe('Devino scheduled and time-zone sends', () => {
  const s = useSimulator({ eachTest: 'fresh' });
  let sid: string;
  let now: number;
  beforeEach(async () => {
    sid = await login(s);
    now = (await readJson(await s.call('/_sim/clock'))).epochMs;
  });

  it('SendDate is Moscow time: the SMS stays queued until then', async () => {
    const at = Math.floor((now + 3_600_000) / 1000) * 1000;
    const r = await post(s, '/Sms/Send', sms(sid, { SendDate: localText(at, 3) }));
    const id = r.body[0];
    await s.advance('59m');
    expect((await smsState(s, sid, id)).State).toBe(-2);
    await s.advance('1m1s');
    const sent = await smsState(s, sid, id);
    expect(sent.State).toBe(-1);
    expect(sent.SubmittedDateUtc).toBe(`/Date(${at + 1000})/`);
    await s.advance('5s');
    expect((await smsState(s, sid, id)).State).toBe(0);
  });

  it('a SendDate in the past sends now', async () => {
    const r = await post(s, '/Sms/Send', sms(sid, { SendDate: '2011-01-28T16:00:00' }));
    await s.advance('1s');
    expect((await smsState(s, sid, r.body[0])).State).toBe(-1);
  });

  it('SendByTimeZone reads SendDate in the recipient zone (7914: UTC+10, 7913: UTC+7)', async () => {
    // 10:00 tomorrow, local to each recipient.
    const tomorrow = new Date(now + 86_400_000).toISOString().slice(0, 10);
    const sendDate = `${tomorrow}T10:00:00`;
    const far = await post(s, '/Sms/SendByTimeZone', sms(sid, { DestinationAddress: '79141234567', SendDate: sendDate }));
    const near = await post(s, '/Sms/SendByTimeZone', sms(sid, { DestinationAddress: '79131234567', SendDate: sendDate }));
    const moscow = await post(s, '/Sms/SendByTimeZone', sms(sid, { DestinationAddress: '79161234567', SendDate: sendDate }));
    const due = (offset: number) => Date.parse(`${sendDate}Z`) - offset * 3_600_000;
    for (const [r, offset] of [[far, 10], [near, 7], [moscow, 3]] as const) {
      const id = r.body[0];
      s.sim.ctx.clock.set(due(offset) + 999);
      const fresh = await login(s); // a day later the first session has expired
      expect((await smsState(s, fresh, id)).State, `UTC+${offset} before`).toBe(-2);
      await s.advance(1);
      const st = await smsState(s, fresh, id);
      expect(st.State, `UTC+${offset} after`).toBe(-1);
      expect(st.SubmittedDateUtc).toBe(`/Date(${due(offset) + 1000})/`);
    }
  });

  it('SendByTimeZone requires SendDate', async () => {
    const r = await post(s, '/Sms/SendByTimeZone', sms(sid));
    expect(r.body.Code).toBe(1);
    expect(r.body.Desc).toMatch(/^SendDate/);
  });

  it('SendBulk honours SendDate too', async () => {
    const r = await post(s, '/Sms/SendBulk', { SessionID: sid, DestinationAddresses: ['79160000000', '79160000001'], SourceAddress: 'DEVINO', Data: 'x', SendDate: localText(now + 600_000, 3) });
    await s.advance('10m');
    expect((await smsState(s, sid, r.body[1])).State).toBe(-2);
    await s.advance('1s');
    expect((await smsState(s, sid, r.body[1])).State).toBe(-1);
  });
});
