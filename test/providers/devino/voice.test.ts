import { beforeEach, describe, expect, it } from 'vitest';
import { VoiceSendResponse, VoiceStateResponse } from '../../../src/providers/devino/schemas.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { balance, get, login, post } from './devino.js';

describe('Devino voice', () => {
  const s = useSimulator({ eachTest: 'fresh' });
  let sid: string;
  beforeEach(async () => {
    sid = await login(s);
  });

  const voice = (extra: Record<string, string | number> = {}) => ({ sessionId: sid, sourceAddress: '74957722345', destinationAddress: '79160000000', fileId: 21, ...extra });
  const send = async (extra: Record<string, string | number> = {}) => {
    const r = await post(s, '/Voice/Send', voice(extra));
    expect(r.status).toBe(200);
    return VoiceSendResponse.parse(r.body).messageId;
  };
  const state = async (id: number) => VoiceStateResponse.parse((await get(s, `/Voice/State?sessionId=${sid}&messageId=${id}`)).body);

  it('sends the spec example and answers a numeric messageId; charges the voice price', async () => {
    const r = await post(s, '/Voice/Send', voice());
    expect(r.body).toEqual({ messageId: expect.any(Number) });
    expect(await balance(s, sid)).toBe(20014.1);
  });

  it('goes sending (0), sent (1), listened (2) when answered', async () => {
    const id = await send();
    expect(await state(id)).toEqual({ state: 0, desc: 'Отправляется' });
    await s.advance('2s');
    expect(await state(id)).toEqual({ state: 1, desc: 'Отправлено' });
    await s.advance('18s'); // 5 s to answer + 14 s of file 21
    expect((await state(id)).state).toBe(1);
    await s.advance('1s');
    expect(await state(id)).toEqual({ state: 2, desc: 'Прослушано' });
  });

  it('redials after gap minutes, retryCount times, then reports not listened (3)', async () => {
    const id = await send({ destinationAddress: '79990000011', retryCount: 3, gap: 5 });
    await s.advance('2s'); // attempt 1 starts
    expect((await state(id)).state).toBe(1);
    await s.advance('20s'); // rings out
    expect((await state(id)).state).toBe(0);
    await s.advance('4m59s');
    expect((await state(id)).state).toBe(0);
    await s.advance('1s'); // attempt 2
    expect((await state(id)).state).toBe(1);
    await s.advance('20s');
    expect((await state(id)).state).toBe(0);
    await s.advance('5m'); // attempt 3, the last
    await s.advance('20s');
    expect(await state(id)).toEqual({ state: 3, desc: 'Не прослушано' });
  });

  it('with one attempt (the default), an unanswered call is not listened right after ringing out', async () => {
    const id = await send({ destinationAddress: '79990000011' });
    await s.advance('22s');
    expect((await state(id)).state).toBe(3);
  });

  it('busy first, answered on the redial', async () => {
    const id = await send({ destinationAddress: '79990000012', retryCount: 2, gap: 1 });
    await s.advance('5s'); // 2 s dial + 3 s busy
    expect((await state(id)).state).toBe(0);
    await s.advance('1m');
    expect((await state(id)).state).toBe(1);
    await s.advance('19s');
    expect((await state(id)).state).toBe(2);
  });

  it('reports an error (4) when the call fails', async () => {
    const id = await send({ destinationAddress: '79990000013', retryCount: 3 });
    await s.advance('3s');
    expect(await state(id)).toEqual({ state: 4, desc: 'Ошибка' });
  });

  it('holds a message with sendDate (UTC+3) until then', async () => {
    const now = s.sim.ctx.clock.now();
    const at = Math.floor((now + 7_200_000) / 1000) * 1000;
    const id = await send({ sendDate: new Date(at + 3 * 3_600_000).toISOString().slice(0, 19) });
    await s.advance('1h');
    sid = await login(s);
    expect((await state(id)).state).toBe(0);
    s.sim.ctx.clock.set(at + 2000);
    sid = await login(s);
    expect((await state(id)).state).toBe(1);
  });

  it('accepts dtmf=true and completes the call', async () => {
    const id = await send({ destinationAddress: '79990000014', dtmf: 'true' });
    await s.advance('25s');
    expect((await state(id)).state).toBe(2);
  });

  it('validates every parameter with the spec error codes', async () => {
    const cases: [Record<string, string | number>, number, RegExp?][] = [
      [{ fileId: '' }, 1, /^FileId/],
      [{ sourceAddress: '' }, 1, /^SourceAddress/],
      [{ destinationAddress: 'abc' }, 2, /destination/],
      [{ sourceAddress: '74950000000' }, 6, /Invalid source address/],
      [{ fileId: 99 }, 2, /fileId/],
      [{ retryCount: 0 }, 2, /retryCount/],
      [{ retryCount: 11 }, 2, /retryCount/],
      [{ gap: 'x' }, 2, /gap/],
      [{ dtmf: 'yes' }, 2, /dtmf/],
      [{ sendDate: 'later' }, 2, /sendDate/],
    ];
    for (const [extra, code, desc] of cases) {
      const r = await post(s, '/Voice/Send', voice(extra));
      expect(r.body.Code, JSON.stringify(extra)).toBe(code);
      if (desc) expect(r.body.Desc).toMatch(desc);
    }
    expect(await balance(s, sid)).toBe(20015.3);
  });

  it('needs money for the message (Code 5)', async () => {
    const poor = await login(s, 'empty', 'empty');
    const r = await post(s, '/Voice/Send', voice({ sessionId: poor }));
    expect(r.status).toBe(403);
    expect(r.body.Code).toBe(5);
  });

  it('hides another account\'s message and unknown ids (Code 2)', async () => {
    const id = await send();
    const other = await login(s, 'test', '11111');
    expect((await get(s, `/Voice/State?sessionId=${other}&messageId=${id}`)).body.Code).toBe(2);
    expect((await get(s, `/Voice/State?sessionId=${sid}&messageId=999`)).body.Code).toBe(2);
    expect((await get(s, `/Voice/State?sessionId=${sid}`)).body.Code).toBe(1);
  });
});
