import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { BalanceResponse, ErrorResponse, SessionIdResponse } from '../../../src/providers/devino/schemas.js';
import { readJson } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { balance, get, login, post, REST } from './devino.js';

describe('Devino /User', () => {
  const s = useSimulator({ eachTest: 'fresh' });

  it('issues a 36-character session id as a bare JSON string with Devino headers', async () => {
    const res = await s.call(`${REST}/User/SessionId?login=user&password=userpasswd`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private');
    const text = await res.text();
    expect(text).toMatch(/^"[A-Z0-9]{36}"$/);
    expect(SessionIdResponse.parse(JSON.parse(text))).toHaveLength(36);
  });

  it('answers the balance as a bare number (the spec example account has 20015.3)', async () => {
    const sid = await login(s);
    const res = await s.call(`${REST}/User/Balance?SessionID=${sid}`);
    expect(await res.text()).toBe('20015.3');
    expect(BalanceResponse.parse(await balance(s, sid))).toBe(20015.3);
  });

  it('accepts any letter case in paths and parameter names, and POSTed forms', async () => {
    const sid = await readJson(await s.call(`${REST.toLowerCase()}/user/sessionid?LOGIN=user&PassWord=userpasswd`));
    expect(sid).toMatch(/^[A-Z0-9]{36}$/);
    for (const name of ['sessionId', 'SessionId', 'SessionID', 'sessionid']) {
      expect((await get(s, `/USER/balance?${name}=${sid}`)).body).toBe(20015.3);
    }
    expect((await post(s, '/User/Balance', { sessionId: sid })).body).toBe(20015.3);
    expect((await post(s, '/User/SessionId', { login: 'user', password: 'userpasswd' })).body).toMatch(/^[A-Z0-9]{36}$/);
  });

  it('answers 401 Code 4 for a wrong password, without WWW-Authenticate', async () => {
    const res = await s.call(`${REST}/User/SessionId?login=user&password=wrong`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(ErrorResponse.parse(await readJson(res))).toEqual({ Code: 4, Desc: 'Invalid user login or password' });
  });

  it('answers Code 1 for a missing login or password, naming it', async () => {
    const noLogin = await get(s, '/User/SessionId?password=userpasswd');
    expect(noLogin.status).toBe(400);
    expect(noLogin.body.Code).toBe(1);
    expect(noLogin.body.Desc).toMatch(/^Login can not be null or empty/);
    const blank = await get(s, '/User/SessionId?login=user&password=');
    expect(blank.body).toMatchObject({ Code: 1 });
    expect(blank.body.Desc).toMatch(/^Password/);
  });

  it('tells an unknown session id (Code 3, 400) from an expired one (Code 4, 401)', async () => {
    const unknown = await get(s, '/User/Balance?SessionID=Z5CYSZEKDL1DPICU37WEHQVOYKP0T1GSLHX1');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ Code: 3, Desc: 'Invalid session id' });

    const sid = await login(s);
    await s.advance('119m');
    expect((await get(s, `/User/Balance?SessionID=${sid}`)).status).toBe(200);
    await s.advance('1m');
    const expired = await get(s, `/User/Balance?SessionID=${sid}`);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ Code: 4, Desc: 'SessionID expired' });
    // A new login works again, as clients that re-login on Code 4 expect.
    expect(await balance(s, await login(s))).toBe(20015.3);
  });

  it('refuses a disabled account with Code 7 (403)', async () => {
    const sid = await login(s);
    s.sim.ctx.accounts.setDisabled('devino', 'user', true);
    const res = await get(s, `/User/Balance?SessionID=${sid}`);
    expect(res.status).toBe(403);
    expect(res.body.Code).toBe(7);
    expect((await get(s, '/User/SessionId?login=user&password=userpasswd')).body.Code).toBe(7);
  });

  it('serves the same API by Host header at /rest', async () => {
    const res = await request(`${s.url}/rest/user/sessionid?login=user&password=userpasswd`, { headers: { host: 'integrationapi.net' } });
    expect(res.statusCode).toBe(200);
    const sid = JSON.parse(await res.body.text());
    const bal = await request(`${s.url}/REST/User/Balance?sessionID=${sid}`, { headers: { host: 'IntegrationAPI.net:443' } });
    expect(await bal.body.text()).toBe('20015.3');
  });

  it('keeps accounts apart: each sees its own balance', async () => {
    const a = await login(s);
    const b = await login(s, 'test', '11111');
    expect(await balance(s, a)).toBe(20015.3);
    expect(await balance(s, b)).toBe(500);
  });
});
