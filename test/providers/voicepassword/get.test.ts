// /get/: balance, state and daily in the spec's formats, tenant isolation, and every error.
import { beforeEach, describe, expect, it } from 'vitest';
import { json, readJson } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { GET, error, get, send } from './vp.js';

/** 2024-03-05 10:00:00 Moscow time. */
const T0 = Date.UTC(2024, 2, 5, 7, 0, 0);

describe('VoicePassword /get/', () => {
  const s = useSimulator({ eachTest: 'fresh' });
  beforeEach(async () => {
    s.sim.ctx.clock.set(T0);
  });

  it('balance: the spec\'s shape, money with two decimals', async () => {
    expect(await get(s, { request: 'balance' })).toEqual({ result: 'ok', balance: '999.00', currency: 'Rub' });
    s.sim.ctx.accounts.setBalance('voicepassword', 'demo', 12.3456);
    expect((await get(s, { request: 'balance' })).balance).toBe('12.35');
  });

  it('state: the spec\'s example id answers the spec\'s example', async () => {
    expect(await get(s, { request: 'state', id: '12345' })).toEqual({
      result: 'ok',
      data: {
        id: '12345',
        number: '79999999999',
        date: '11.09.2020 13:34:39',
        duration: '00:04',
        price: '0.35',
        service: 'Voice Password',
        state: 'Успешно',
      },
    });
  });

  it('state of a new call: Moscow date, «Дозвон» and 00:00 until it ends; the id may be a number', async () => {
    const call = await send(s, { number: '79999999999', voice: { code: '1234' } });
    expect(await get(s, { request: 'state', id: Number(call.id) })).toEqual({
      result: 'ok',
      data: { id: call.id, number: '79999999999', date: '05.03.2024 10:00:00', duration: '00:00', price: '0.35', service: 'Voice Password', state: 'Дозвон' },
    });
  });

  it('daily: the spec\'s example day answers the spec\'s example, rows as a string', async () => {
    expect(await get(s, { request: 'daily', date: '11.09.2020' })).toEqual({
      result: 'ok',
      rows: '2',
      data: [
        { id: '12345', number: '79999999999', date: '11.09.2020 13:34:39', duration: '00:04', price: '0.35', service: 'Voice Password', state: 'Успешно' },
        { id: '12346', number: '79999998888', date: '11.09.2020 13:50:13', duration: '00:00', price: '0.35', service: 'Voice Password', state: 'Занято' },
      ],
    });
  });

  it('daily: the calls of a Moscow day, in order, and nothing on an empty day', async () => {
    s.sim.ctx.clock.set(Date.UTC(2024, 2, 5, 20, 59, 59)); // 23:59:59 Moscow
    const late = await send(s, { number: '79999999999' });
    s.sim.ctx.clock.set(Date.UTC(2024, 2, 5, 21, 0, 0)); // 00:00:00 next day, Moscow
    const next = await send(s, { number: '79990000001', voice: {} });
    const day1 = await get(s, { request: 'daily', date: '05.03.2024' });
    expect(day1.rows).toBe('1');
    expect(day1.data.map((r: { id: string }) => r.id)).toEqual([late.id]);
    expect(day1.data[0].date).toBe('05.03.2024 23:59:59');
    const day2 = await get(s, { request: 'daily', date: '06.03.2024' });
    expect(day2.data).toEqual([
      { id: next.id, number: '79990000001', date: '06.03.2024 00:00:00', duration: '00:00', price: '0.35', service: 'Voice Password', state: 'Дозвон' },
    ]);
    expect(await get(s, { request: 'daily', date: '01.01.2024' })).toEqual({ result: 'ok', rows: '0', data: [] });
  });

  it('isolates accounts: another account sees neither the state nor the daily rows', async () => {
    const call = await send(s, { number: '79999999999' });
    const other = 'second-voicepassword-key';
    expect(await get(s, { request: 'state', id: call.id }, other)).toEqual(error('ID_Not_Found'));
    expect(await get(s, { request: 'state', id: '12345' }, other)).toEqual(error('ID_Not_Found'));
    expect(await get(s, { request: 'daily', date: '05.03.2024' }, other)).toEqual({ result: 'ok', rows: '0', data: [] });
    expect((await get(s, { request: 'balance' }, other)).balance).toBe('500.00');
  });

  const errors: [string, Record<string, unknown>, string][] = [
    ['no request', {}, 'unknown_request'],
    ['an unknown request', { request: 'history' }, 'unknown_request'],
    ['a request of another case', { request: 'BALANCE' }, 'unknown_request'],
    ['request as a number', { request: 1 }, 'unknown_request'],
    ['state without id', { request: 'state' }, 'ID_Not_Found'],
    ['state of an unknown id', { request: 'state', id: '777' }, 'ID_Not_Found'],
    ['state of __proto__', { request: 'state', id: '__proto__' }, 'ID_Not_Found'],
    ['state with an object id', { request: 'state', id: { a: 1 } }, 'ID_Not_Found'],
    ['daily without date', { request: 'daily' }, 'Date_is_Empty'],
    ['daily with an empty date', { request: 'daily', date: ' ' }, 'Date_is_Empty'],
    ['daily with a date as a number', { request: 'daily', date: 11092020 }, 'Date_is_Empty'],
    ['daily with an ISO date', { request: 'daily', date: '2020-09-11' }, 'unknown_request'],
    ['daily with a day that does not exist', { request: 'daily', date: '31.02.2020' }, 'unknown_request'],
    ['daily with a time', { request: 'daily', date: '11.09.2020 10:00:00' }, 'unknown_request'],
  ];
  it.each(errors)('%s', async (_name, body, code) => {
    expect(await get(s, body)).toEqual(error(code));
  });

  it('authorisation_failed and user_disabled, in the header or the body', async () => {
    expect(await get(s, { request: 'balance' }, 'nope')).toEqual(error('authorisation_failed'));
    expect(await get(s, { request: 'balance' }, 'blocked-voicepassword-key')).toEqual(error('user_disabled'));
    const header = await s.call(GET, json({ request: 'balance' }, { authorization: 'blocked-voicepassword-key' }));
    expect(await readJson(header)).toEqual(error('user_disabled'));
    const ok = await s.call(GET, json({ request: 'balance' }, { authorization: 'demo-voicepassword-key' }));
    expect((await readJson(ok)).balance).toBe('999.00');
  });
});
