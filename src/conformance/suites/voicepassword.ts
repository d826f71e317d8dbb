// VoicePassword through its adapter: the four call modes and their codes, SMS fallback, every call
// result and SMS status posted to callback_url, /get/ balance, state and daily, both ways to send
// the key, and every error code of the catalogue.
import type { VoicePasswordClient } from '../../clients/voicepassword/index.js';
import { expect } from '../expect.js';
import { callbackRequest, type Hit } from '../receiver.js';
import type { SuiteContext } from '../suiteContext.js';

const T0 = Date.parse('2030-03-01T09:00:00Z');
const KEY = 'demo-voicepassword-key';

export function voicepasswordSuite({ env, cover }: SuiteContext) {
  let vp: VoicePasswordClient;
  const base = () => `${env().url}/voicepassword/api/voice-password`;
  const as = (key: string, via?: 'header' | 'body') => env().adapters.voicepassword(base(), key, via);
  const c = (ops: string | string[], name: string, fn: () => Promise<void>) => cover.case('voicepassword', ops, name, fn);
  const err = (p: Promise<unknown>, code: string) => cover.expectError('voicepassword', p, code);
  const advance = (by: string | number) => env().admin.advance(by);
  const hook = (name: string) => `${env().receiver.url}/vp/${name}`;
  const hits = (name: string, count: number) => env().receiver.waitFor(count, { path: `/vp/${name}`, timeoutMs: 5000 });
  const bodyOf = (h: Hit) => h.body as Record<string, string>;
  const caller = async (id: string) => String((await env().admin.voicepassword.call(id)).caller);

  cover.setup('voicepassword', async () => {
    await env().admin.reset();
    await env().setTime(T0);
    vp = as(KEY);
  });

  c('send', 'flash call with the service code: the calling number ends in `capacity` digits', async () => {
    const four = await vp.flashCall({ number: '79161234567' });
    expect(four).toMatchObject({ result: 'ok', number: '79161234567', price: '0.35' });
    expect(four.code).toMatch(/^\d{4}$/);
    expect(await caller(four.id)).toMatch(new RegExp(`${four.code}$`));
    const six = await vp.flashCall({ number: '+7 916 123-45-67', capacity: 6 });
    expect(six.code).toMatch(/^\d{6}$/);
    expect(await caller(six.id)).toMatch(new RegExp(`${six.code}$`));
  });

  c('send', "flash call with the client's code", async () => {
    const res = await vp.flashCallWithCode({ number: '79161234567', code: '4821' });
    expect(res.code).toBe('4821');
    expect(await caller(res.id)).toMatch(/4821$/);
  });

  c('send', "voice password: the client's code, the calling number's last digits, an own `ani`, repeat", async () => {
    expect((await vp.voicePassword({ number: '79161234567', code: '1937' })).code).toBe('1937');
    const pooled = await vp.voicePassword({ number: '79161234567' });
    expect(await caller(pooled.id)).toMatch(new RegExp(`${pooled.code}$`));
    const own = await vp.voicePassword({ number: '79161234567', ani: '74959999999', repeat: true });
    expect(own.code).toBe('9999');
  });

  const RESULTS: Record<string, string> = { ANSWERED: '79161234567', BUSY: '79990000001', 'NO ANSWER': '79990000002', FAIL: '79990000003', CANCEL: '79990000004' };

  c('send', 'every call result reaches callback_url', async () => {
    const ids: Record<string, string> = {};
    for (const [state, number] of Object.entries(RESULTS)) ids[state] = (await vp.voicePassword({ number, callbackUrl: hook('calls') })).id;
    await advance('1m');
    const received = await hits('calls', 5);
    for (const [state, id] of Object.entries(ids)) {
      const hit = received.find((h) => bodyOf(h).id === id);
      const body = hit && bodyOf(hit);
      expect(body, state).toMatchObject({ id, number: RESULTS[state], state, price: '0.35' });
      expect(body?.date).toMatch(/^2030-03-01 12:\d\d:\d\d$/);
      if (hit) await cover.sawCallback('voicepassword', 'callResult', state, callbackRequest(hit));
    }
    expect(received.map(bodyOf).find((b) => b.id === ids.ANSWERED)?.duration).toBe('6');
  });

  c('get', 'the state of a call in Russian: dialling, then each result', async () => {
    const direct = env().ref.voicepassword(base(), KEY);
    const ids: string[] = [];
    for (const number of Object.values(RESULTS)) ids.push((await direct.voicePassword({ number })).id);
    cover.expectState('voicepassword', 'call', (await vp.state(ids[0])).data.state, 'Дозвон');
    await advance('1m');
    const words = await Promise.all(ids.map(async (id) => (await vp.state(id)).data.state));
    expect(words).toEqual(['Успешно', 'Занято', 'Нет ответа', 'Ошибка', 'Отменен']);
    for (const word of words) cover.sawState('voicepassword', 'call', word);
    expect((await vp.state(ids[0])).data).toMatchObject({ service: 'Voice Password', duration: '00:06', price: '0.35' });
  });

  c('send', 'SMS fallback: the code by SMS, each status posted (delivered, not delivered, failed)', async () => {
    // A failed SMS never leaves the platform: no SEND before FAIL.
    const cases: [string, string[]][] = [
      ['79161234567', ['QUEUED', 'SEND', 'DELIVERED']],
      ['79990000005', ['QUEUED', 'SEND', 'NOT DELIVERED']],
      ['79990000006', ['QUEUED', 'FAIL']],
    ];
    for (const [number, expected] of cases) {
      const call = await vp.flashCall({ number });
      const sms = await vp.smsFallback({ id: call.id, callbackUrl: hook(`sms-${number}`) });
      expect(sms).toMatchObject({ result: 'ok', id: call.id, number, price: '3.30', message: `Ваш код: ${call.code}` });
      await advance('1m');
      const received = await hits(`sms-${number}`, expected.length);
      expect(received.map((h) => bodyOf(h).state)).toEqual(expected);
      for (const h of received) await cover.sawCallback('voicepassword', 'smsStatus', bodyOf(h).state, callbackRequest(h));
    }
  });

  c('get', 'balance, the state of a call, and the calls of a day', async () => {
    expect(await as('second-voicepassword-key').balance()).toEqual({ result: 'ok', balance: '500.00', currency: 'Rub' });
    const day = await vp.daily('11.09.2020');
    expect(day.rows).toBe('2');
    expect(day.data.map((r) => [r.id, r.state])).toEqual([
      ['12345', 'Успешно'],
      ['12346', 'Занято'],
    ]);
    expect((await vp.state('1234')).data).toMatchObject({ number: '79999999999', date: '02.02.2020 15:18:48', service: 'Flash Call', state: 'Нет ответа' });
    const direct = env().ref.voicepassword(base(), KEY);
    for (let i = 0; i < 6; i++) await direct.flashCall({ number: '79161234567' });
    expect(Number((await vp.daily('01.03.2030')).rows)).toBeGreaterThan(5);
  });

  c('send', 'wrong and disabled keys are refused', async () => {
    await err(as('no-such-key').flashCall({ number: '79161234567' }), 'authorisation_failed');
    await err(as('blocked-voicepassword-key').flashCall({ number: '79161234567' }), 'user_disabled');
  });

  c('get', 'the key in the body works like the header; wrong and disabled keys are refused', async () => {
    expect((await as(KEY, 'body').balance()).result).toBe('ok');
    await err(as('no-such-key').balance(), 'authorisation_failed');
    await err(as('blocked-voicepassword-key', 'body').balance(), 'user_disabled');
  });

  c('send', 'errors: number empty, no direction, prohibited, spam list, money, ani, code, SMS for an unknown call, unknown request', async () => {
    await err(vp.flashCall({ number: '' }), 'number_is_empty');
    await err(vp.flashCall({ number: '4915112345678' }), 'number_not_valid');
    await err(vp.flashCall({ number: '380501234567' }), 'number_not_permitted');
    await err(vp.flashCall({ number: '79990006666' }), 'number_in_spam_list');
    await err(vp.voicePassword({ number: '79161234567', ani: '74950000000' }), 'ani_phone_not_valid');
    await err(vp.flashCallWithCode({ number: '79161234567', code: '12' }), 'code_not_valid');
    await err(vp.flashCall({ number: '79161234567', capacity: 7 }), 'code_not_valid');
    await err(vp.smsFallback({ id: '999999' }), 'unknown_request');
    await err(vp.send({ number: '79161234567', voice: {}, flashcall: { code: '1234' } }), 'unknown_request');
    const poor = as('poor-voicepassword-key');
    const call = await poor.flashCall({ number: '79161234567' });
    await err(poor.smsFallback({ id: call.id }), 'not_enough_money');
  });

  c('get', 'errors: unknown call, daily without a date, an unknown request', async () => {
    await err(vp.state('999999'), 'ID_Not_Found');
    await err(vp.daily(''), 'Date_is_Empty');
    await err(vp.get({ request: 'everything' }), 'unknown_request');
  });
}
