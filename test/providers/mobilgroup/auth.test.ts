import { describe, expect, it } from 'vitest';
import { json, readJson } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { BLOCKED_KEY, DEMO_KEY, get, post, raw, send, SENDER, textTo } from './client.js';

describe('mobilgroup authorisation and envelope', () => {
  const s = useSimulator();

  it('accepts the API key in the Authorization header (also as a Bearer token)', async () => {
    expect(await get(s, { request: 'balance' }, DEMO_KEY)).toEqual({ result: 'ok', balance: '273,50', currency: 'Rub' });
    expect((await get(s, { request: 'balance' }, `Bearer ${DEMO_KEY}`)).result).toBe('ok');
  });

  it('accepts the security section with login/password or apiKey', async () => {
    const byLogin = await get(s, { request: 'balance', security: { login: 'user', password: 'userpasswd' } }, null);
    expect(byLogin.balance).toBe('273,50');
    const byKey = await get(s, { request: 'balance', security: { apiKey: DEMO_KEY } }, null);
    expect(byKey.balance).toBe('273,50');
    const all3 = await get(s, { request: 'balance', security: { login: 'user', password: 'userpasswd', apiKey: DEMO_KEY } }, null);
    expect(all3.result).toBe('ok');
  });

  it('answers Error_Authorisation_Failed with HTTP 200 for every wrong or missing credential', async () => {
    const failed = { result: 'error', error_code: 'Error_Authorisation_Failed' };
    expect(await get(s, { request: 'balance' }, 'wrong-key')).toEqual(failed);
    expect(await get(s, { request: 'balance' }, null)).toEqual(failed);
    expect(await get(s, { request: 'balance', security: { login: 'user', password: 'nope' } }, null)).toEqual(failed);
    expect(await get(s, { request: 'balance', security: { login: 'user' } }, null)).toEqual(failed);
    expect(await get(s, { request: 'balance', security: { apiKey: 'nope' } }, null)).toEqual(failed);
    expect(await get(s, { request: 'balance', security: 'user:userpasswd' }, null)).toEqual(failed);
    // A wrong header decides even when the section is right.
    expect(await get(s, { request: 'balance', security: { login: 'user', password: 'userpasswd' } }, 'wrong-key')).toEqual(failed);
    expect(await send(s, textTo(['79161234567']), 'wrong-key')).toEqual(failed);
    expect(await post(s, 'set', { request: 'templates', account: '1', templates: [] }, 'wrong-key')).toEqual(failed);
  });

  it('refuses a disabled account on every endpoint, by key or by login', async () => {
    const disabled = { result: 'error', error_code: 'Error_User_Disabled' };
    expect(await get(s, { request: 'balance' }, BLOCKED_KEY)).toEqual(disabled);
    expect(await get(s, { request: 'balance', security: { login: 'blocked', password: 'blockedpasswd' } }, null)).toEqual(disabled);
    expect(await send(s, textTo(['79161234567']), BLOCKED_KEY)).toEqual(disabled);
    // /set/'s table has no Error_User_Disabled: its closest code is the authorisation failure.
    expect(await post(s, 'set', { request: 'templates', account: '1', templates: [] }, BLOCKED_KEY)).toEqual({ result: 'error', error_code: 'Error_Authorisation_Failed' });
    // Disabling through core takes effect at once.
    s.sim.ctx.accounts.setDisabled('mobilgroup', 'demo', true);
    expect(await get(s, { request: 'balance' })).toEqual(disabled);
  });

  it('records the authenticated account in the journal', async () => {
    await get(s, { request: 'balance' });
    const [entry] = s.sim.ctx.journal.list({ provider: 'mobilgroup' });
    expect(entry).toMatchObject({ provider: 'mobilgroup', operation: 'get', account: 'demo', status: 200 });
  });

  it('is reachable on the real host name at /api/', async () => {
    const res = await raw(s, '/api/get/', { headers: { host: 'voice.mobilgroup.ru', authorization: DEMO_KEY, 'content-type': 'application/json' }, body: '{"request":"balance"}' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ result: 'ok', balance: '273,50', currency: 'Rub' });
  });

  it('reads the body as JSON whatever the Content-Type, as PHP clients send it', async () => {
    for (const headers of [{ 'content-type': 'application/x-www-form-urlencoded' }, { 'content-type': 'text/plain' }, {}] as Record<string, string>[]) {
      const res = await raw(s, '/mobilgroup/api/get/', { headers: { ...headers, authorization: DEMO_KEY }, body: '{"request":"balance"}' });
      expect(res.json.balance).toBe('273,50');
    }
  });

  it('answers malformed bodies in its own envelope (and /set/ in its own words)', async () => {
    const unknown = { result: 'error', error_code: 'Error_Unknown_Request' };
    const headers = { authorization: DEMO_KEY, 'content-type': 'application/json' };
    expect((await raw(s, '/mobilgroup/api/get/', { headers, body: '{"request": ' })).json).toEqual(unknown);
    // /send/'s table has no Error_Unknown_Request: an unusable body is an empty request, whose first check is the sender.
    const noSender = { result: 'error', error_code: 'Error_No_AniPhone' };
    expect((await raw(s, '/mobilgroup/api/send/', { headers, body: 'not json' })).json).toEqual(noSender);
    expect((await raw(s, '/mobilgroup/api/send/', { headers, body: '[1,2]' })).json).toEqual(noSender);
    // The key comes first: a wrong key with a broken body is an authorisation failure.
    const wrongKey = { authorization: 'wrong-key', 'content-type': 'application/json' };
    for (const op of ['send', 'get', 'set']) {
      expect((await raw(s, `/mobilgroup/api/${op}/`, { headers: wrongKey, body: '{oops' })).json, op).toEqual({ result: 'error', error_code: 'Error_Authorisation_Failed' });
    }
    expect((await raw(s, '/mobilgroup/api/get/', { headers, body: '"balance"' })).json).toEqual(unknown);
    expect((await raw(s, '/mobilgroup/api/get/', { headers, body: '' })).json).toEqual(unknown);
    const set = await raw(s, '/mobilgroup/api/set/', { headers, body: '{oops' });
    expect(set).toMatchObject({ status: 200, json: { result: 'error', error_code: 'Unknown_Request' } });
  });

  it('answers an oversized body with 413 and an unknown route with 404, both in the envelope', async () => {
    const big = await raw(s, '/mobilgroup/api/send/', { headers: { authorization: DEMO_KEY, 'content-type': 'application/json' }, body: `{"x":"${'a'.repeat(1_100_000)}"}` });
    expect(big).toMatchObject({ status: 413, json: { result: 'error', error_code: 'Error_Message_Too_Long' } });
    const bigGet = await raw(s, '/mobilgroup/api/get/', { headers: { authorization: DEMO_KEY, 'content-type': 'application/json' }, body: `{"x":"${'a'.repeat(1_100_000)}"}` });
    expect(bigGet).toMatchObject({ status: 413, json: { result: 'error', error_code: 'Error_Unknown_Request' } });
    const missing = await raw(s, '/mobilgroup/api/nothing/', { headers: { authorization: DEMO_KEY }, body: '{}' });
    expect(missing).toMatchObject({ status: 404, json: { result: 'error', error_code: 'Error_Unknown_Request' } });
    const wrongMethod = await raw(s, '/mobilgroup/api/send/', { method: 'GET' });
    expect(wrongMethod).toMatchObject({ status: 404, json: { result: 'error', error_code: 'Error_Unknown_Request' } });
  });

  it('takes odd Unicode and prototype keys in its stride', async () => {
    const res = await s.call(
      '/mobilgroup/api/send/',
      json({ settings: { message: 'Тест \u200b\ud800 😀 текст', number: SENDER }, subscribers: [{ phone: '79161234567' }], __proto__: { polluted: true } }, { authorization: DEMO_KEY }),
    );
    const body = await readJson(res);
    expect(body.result).toBe('ok');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const raw2 = await raw(s, '/mobilgroup/api/get/', { headers: { authorization: DEMO_KEY }, body: '{"request":"balance","__proto__":{"request":"x"}}' });
    expect(raw2.json.result).toBe('ok');
  });
});
