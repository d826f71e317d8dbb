// /send/: every mode of the spec's examples, the number forms clients send, money, and every error.
import { describe, expect, it } from 'vitest';
import { json, readJson } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { SEND, adminCall, error, get, send, state } from './vp.js';

const POOL = ['74951', '74993', '78123', '73432'];
const fromPool = (caller: string) => caller.length === 11 && POOL.some((p) => caller.startsWith(p));

describe('VoicePassword /send/', () => {
  const s = useSimulator({ eachTest: 'fresh' });

  describe('modes', () => {
    it('flash call with the service code: the code is the last `capacity` digits of a pool number', async () => {
      const res = await s.call(SEND, json({ security: { apiKey: 'demo-voicepassword-key' }, number: '79999999999', capacity: '4' }));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const body = await readJson(res);
      expect(Object.keys(body)).toEqual(['result', 'id', 'number', 'price', 'code']);
      expect(body).toMatchObject({ result: 'ok', id: '12347', number: '79999999999', price: '0.35' });
      expect(body.code).toMatch(/^\d{4}$/);
      const call = await adminCall(s, body.id);
      expect(fromPool(call.caller)).toBe(true);
      expect(call.caller.endsWith(body.code)).toBe(true);
      expect((await state(s, body.id)).service).toBe('Flash Call');
    });

    it('flash call with capacity 6 (as a JSON number) gives a 6-digit tail; no capacity means 4', async () => {
      const six = await send(s, { number: '79999999999', capacity: 6 });
      expect(six.code).toMatch(/^\d{6}$/);
      expect((await adminCall(s, six.id)).caller.endsWith(six.code)).toBe(true);
      const dflt = await send(s, { number: '79999999999' });
      expect(dflt.code).toMatch(/^\d{4}$/);
      expect((await adminCall(s, dflt.id)).caller.endsWith(dflt.code)).toBe(true);
    });

    it('flash call with the client code: the calling number ends in it', async () => {
      const body = await send(s, { number: '79999999999', flashcall: { code: '1234' } });
      expect(body).toEqual({ result: 'ok', id: '12347', number: '79999999999', price: '0.35', code: '1234' });
      const call = await adminCall(s, body.id);
      expect(fromPool(call.caller)).toBe(true);
      expect(call.caller.endsWith('1234')).toBe(true);
      expect(call.mode).toBe('flashcall');
    });

    it('voice password with the client code, from a random pool number', async () => {
      const body = await send(s, { number: '79999999999', voice: { code: '1234' } });
      expect(body).toEqual({ result: 'ok', id: '12347', number: '79999999999', price: '0.35', code: '1234' });
      const call = await adminCall(s, body.id);
      expect(call).toMatchObject({ mode: 'voice', code: '1234', repeat: false });
      expect(fromPool(call.caller)).toBe(true);
      expect((await state(s, body.id)).service).toBe('Voice Password');
    });

    it('voice password with the service code, `voice` as {} or PHP\'s []: the code is the caller\'s last 4 digits', async () => {
      for (const voice of [{}, []]) {
        const body = await send(s, { number: '79999999999', voice });
        expect(body.result).toBe('ok');
        const call = await adminCall(s, body.id);
        expect(call.mode).toBe('voice');
        expect(body.code).toBe(call.caller.slice(-4));
      }
    });

    it('voice password with repeat, as "1" or 1', async () => {
      for (const repeat of ['1', 1]) {
        const body = await send(s, { number: '79999999999', voice: { code: '1234', repeat } });
        expect((await adminCall(s, body.id)).repeat).toBe(true);
      }
      const off = await send(s, { number: '79999999999', voice: { code: '1234', repeat: '0' } });
      expect((await adminCall(s, off.id)).repeat).toBe(false);
    });

    it('voice password from the account\'s own number (`ani`, or `api` as the parameter table spells it)', async () => {
      const body = await send(s, { number: '79999999999', voice: { code: '1234', repeat: '1', ani: '74959999999' } });
      expect(body.code).toBe('1234');
      expect((await adminCall(s, body.id)).caller).toBe('74959999999');
      const own = await send(s, { number: '79999999999', voice: { api: '+7 (495) 999-99-99' } });
      expect(own.code).toBe('9999');
      expect((await adminCall(s, own.id)).caller).toBe('74959999999');
    });

    it('the callback URL examples are accepted in both modes', async () => {
      const flash = await send(s, { number: '79999999999', capacity: '4', callback_url: 'http://MyUrl.ru/callback/' });
      const voice = await send(s, { number: '79999999999', voice: { code: '1234' }, callback_url: 'http://MyUrl.ru/callback/' });
      expect(flash.result).toBe('ok');
      expect(voice.result).toBe('ok');
      expect((await adminCall(s, flash.id)).callbackUrl).toBe('http://MyUrl.ru/callback/');
    });

    it('hands out sequential ids and charges the balance per call', async () => {
      const a = await send(s, { number: '79999999999' });
      const b = await send(s, { number: '79999999999', voice: {} });
      expect([a.id, b.id]).toEqual(['12347', '12348']);
      expect(await get(s, { request: 'balance' })).toEqual({ result: 'ok', balance: '998.30', currency: 'Rub' });
    });

    it('normalises the number forms clients send', async () => {
      for (const number of ['79999999999', '+79999999999', 79999999999, '89999999999', '9999999999', '+7 (999) 999-99-99']) {
        expect((await send(s, { number })).number).toBe('79999999999');
      }
      expect((await send(s, { number: '375291234567' })).number).toBe('375291234567');
    });

    it('authenticates by the Authorization header without a security section', async () => {
      const res = await s.call(SEND, json({ number: '79999999999' }, { authorization: 'demo-voicepassword-key' }));
      expect((await readJson(res)).result).toBe('ok');
    });
  });

  describe('SMS fallback by request id', () => {
    it('answers the spec\'s own example against the fixture call 1234', async () => {
      expect(await send(s, { sms: { id: '1234' } })).toEqual({
        result: 'ok',
        id: '1234',
        number: '79999999999',
        price: '3.30',
        message: 'Ваш код: 5678',
      });
      expect((await get(s, { request: 'balance' })).balance).toBe('995.70');
    });

    it('sends the code of a call made earlier, the id given as a number', async () => {
      const call = await send(s, { number: '79990000002', flashcall: { code: '4321' } });
      const sms = await send(s, { sms: { id: Number(call.id) } });
      expect(sms).toEqual({ result: 'ok', id: call.id, number: '79990000002', price: '3.30', message: 'Ваш код: 4321' });
      expect((await adminCall(s, call.id)).sms.state).toBe('QUEUED');
    });

    it('does not find another account\'s request, nor an unknown one', async () => {
      const call = await send(s, { number: '79999999999' });
      // ID_Not_Found is a /get/ code; /send/'s table has only unknown_request for it.
      expect(await send(s, { sms: { id: call.id } }, 'second-voicepassword-key')).toEqual(error('unknown_request'));
      expect(await send(s, { sms: { id: '999999' } })).toEqual(error('unknown_request'));
      expect(await send(s, { sms: { id: { x: 1 } } })).toEqual(error('unknown_request'));
      expect(await send(s, { sms: {} })).toEqual(error('unknown_request'));
    });

    it('needs money for the SMS', async () => {
      const call = await send(s, { number: '79999999999' }, 'poor-voicepassword-key');
      expect(await send(s, { sms: { id: call.id } }, 'poor-voicepassword-key')).toEqual(error('not_enough_money'));
      expect((await get(s, { request: 'balance' }, 'poor-voicepassword-key')).balance).toBe('0.15');
    });
  });

  describe('errors', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['no number', {}, 'number_is_empty'],
      ['an empty number', { number: '' }, 'number_is_empty'],
      ['letters', { number: 'abc' }, 'number_is_empty'],
      ['an object', { number: { n: 1 } }, 'number_is_empty'],
      ['full-width digits', { number: '７９９９９９９９９９９' }, 'number_is_empty'],
      ['a NUL in the number', { number: '79999999999\u0000' }, 'number_is_empty'],
      ['an unknown direction', { number: '441234567890' }, 'number_not_valid'],
      ['a Russian number one digit short', { number: '7999123456' }, 'number_not_valid'],
      ['a prohibited country', { number: '380501234567' }, 'number_not_permitted'],
      ['a prohibited premium range', { number: '78091234567' }, 'number_not_permitted'],
      ['a number on the spam list', { number: '79990006666' }, 'number_in_spam_list'],
      ['both voice and flashcall', { number: '79999999999', voice: {}, flashcall: { code: '1234' } }, 'unknown_request'],
      ['repeat 2', { number: '79999999999', voice: { repeat: '2' } }, 'unknown_request'],
      ['a callback URL that is not one', { number: '79999999999', callback_url: 'my callback' }, 'unknown_request'],
      ['a non-http callback URL', { number: '79999999999', callback_url: 'ftp://x.ru/' }, 'unknown_request'],
      ['voice as a string', { number: '79999999999', voice: 'yes' }, 'unknown_request'],
      ['flashcall without a code', { number: '79999999999', flashcall: {} }, 'code_not_valid'],
      ['flashcall as PHP []', { number: '79999999999', flashcall: [] }, 'code_not_valid'],
      ['a code with a letter', { number: '79999999999', flashcall: { code: '12a4' } }, 'code_not_valid'],
      ['a numeric code that lost its leading zero', { number: '79999999999', flashcall: { code: 123 } }, 'code_not_valid'],
      ['a 5-digit voice code', { number: '79999999999', voice: { code: '12345' } }, 'code_not_valid'],
      ['a code as an object', { number: '79999999999', voice: { code: { c: 1 } } }, 'code_not_valid'],
      ['capacity 3', { number: '79999999999', capacity: '3' }, 'code_not_valid'],
      ['capacity 7', { number: '79999999999', capacity: 7 }, 'code_not_valid'],
      ['capacity x', { number: '79999999999', capacity: 'x' }, 'code_not_valid'],
      ['capacity 6 for a voice password', { number: '79999999999', capacity: 6, voice: {} }, 'code_not_valid'],
      ['an unregistered ani', { number: '79999999999', voice: { ani: '74950000000' } }, 'ani_phone_not_valid'],
      ['another account\'s ani', { number: '79999999999', voice: { ani: '74957777777' } }, 'ani_phone_not_valid'],
      ['an ani that is no number', { number: '79999999999', voice: { ani: 'office' } }, 'ani_phone_not_valid'],
    ];
    it.each(cases)('%s', async (_name, body, code) => {
      expect(await send(s, body)).toEqual(error(code));
      // Nothing is charged for a refused request.
      expect((await get(s, { request: 'balance' })).balance).toBe('999.00');
    });

    it('authorisation_failed: wrong key, no key, a wrong header even with a right body key', async () => {
      expect(await send(s, { number: '79999999999' }, 'API ключ')).toEqual(error('authorisation_failed'));
      const none = await s.call(SEND, json({ number: '79999999999' }));
      expect(await readJson(none)).toEqual(error('authorisation_failed'));
      const bad = await s.call(
        SEND,
        json({ security: { apiKey: 'demo-voicepassword-key' }, number: '79999999999' }, { authorization: 'wrong' }),
      );
      expect(await readJson(bad)).toEqual(error('authorisation_failed'));
      const typed = await s.call(SEND, json({ security: { apiKey: 42 }, number: '79999999999' }));
      expect(await readJson(typed)).toEqual(error('authorisation_failed'));
    });

    it('user_disabled for a blocked account, and for one blocked at run time', async () => {
      expect(await send(s, { number: '79999999999' }, 'blocked-voicepassword-key')).toEqual(error('user_disabled'));
      s.sim.ctx.accounts.setDisabled('voicepassword', 'second', true);
      expect(await send(s, { number: '79999999999' }, 'second-voicepassword-key')).toEqual(error('user_disabled'));
    });

    it('not_enough_money once the balance no longer covers a call, and nothing is taken', async () => {
      expect((await send(s, { number: '79999999999' }, 'poor-voicepassword-key')).result).toBe('ok');
      expect(await send(s, { number: '79999999999', voice: {} }, 'poor-voicepassword-key')).toEqual(error('not_enough_money'));
      expect((await get(s, { request: 'balance' }, 'poor-voicepassword-key')).balance).toBe('0.15');
    });
  });
});
