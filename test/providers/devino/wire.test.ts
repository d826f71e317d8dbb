import { beforeEach, describe, expect, it } from 'vitest';
import { ErrorResponse } from '../../../src/providers/devino/schemas.js';
import { readJson } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { login, REST } from './devino.js';

describe('Devino on the wire: bad input gets Devino errors, never a crash', () => {
  const s = useSimulator({ config: { bodyLimit: 4096 }, eachTest: 'fresh' });
  let sid: string;
  beforeEach(async () => {
    sid = await login(s);
  });

  const expectDevinoError = async (res: Response, status: number, code: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = ErrorResponse.parse(await readJson(res));
    expect(body.Code).toBe(code);
    return body;
  };

  it('a wrong method is 405 in the Devino envelope', async () => {
    await expectDevinoError(await s.call(`${REST}/Sms/Send?sessionId=${sid}`), 405, 6);
    await expectDevinoError(await s.call(`${REST}/User/Balance?sessionId=${sid}`, { method: 'DELETE' }), 405, 6);
  });

  it('an unknown resource is 404 in the Devino envelope', async () => {
    const body = await expectDevinoError(await s.call(`${REST}/Sms/Cancel`), 404, 6);
    expect(body.Desc).toMatch(/No HTTP resource/);
  });

  it('malformed JSON is Code 2; a JSON object body is read like a form', async () => {
    const bad = await s.call(`${REST}/Sms/Send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"SessionID": "' });
    await expectDevinoError(bad, 400, 2);
    const ok = await s.call(`${REST}/Sms/Send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: sid, destinationAddress: 79161002030, sourceAddress: 'DEVINO', data: 'json' }),
    });
    expect(ok.status).toBe(200);
    expect(await readJson(ok)).toHaveLength(1);
  });

  it('an empty JSON body with parameters in the query string works', async () => {
    const res = await s.call(`${REST}/Sms/Send?sessionId=${sid}&destinationAddress=79161002030&sourceAddress=DEVINO&data=q`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
  });

  it('a body of another content type is ignored, not an error', async () => {
    const res = await s.call(`${REST}/Sms/Send?sessionId=${sid}&destinationAddress=79161002030&sourceAddress=DEVINO&data=x`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<a/>' });
    expect(res.status).toBe(200);
  });

  it('a body over the limit is 413 in the Devino envelope', async () => {
    const res = await s.call(`${REST}/Sms/Send`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `data=${'x'.repeat(5000)}` });
    await expectDevinoError(res, 413, 2);
  });

  it('odd Unicode and control characters are text like any other', async () => {
    for (const data of ['\u0000\u0001\u001b', '😀'.repeat(40), '\u202e\u200b\uFEFF', 'a\r\nb']) {
      const res = await s.call(`${REST}/Sms/Send`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ sessionId: sid, destinationAddress: '79161002030', sourceAddress: 'DEVINO', data }).toString(),
      });
      expect(res.status, JSON.stringify(data)).toBe(200);
    }
    // 40 emoji are 80 UTF-16 units: two UCS-2 parts, no pair split.
    const res = await s.call(`${REST}/Sms/Send`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ sessionId: sid, destinationAddress: '79161002030', sourceAddress: 'DEVINO', data: '😀'.repeat(40) }).toString(),
    });
    expect(await readJson(res)).toHaveLength(2);
  });

  it('parameters of the wrong shape (objects in JSON) are ignored, so a required one is missing', async () => {
    const res = await s.call(`${REST}/User/Balance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: { $ne: null } }) });
    await expectDevinoError(res, 400, 1);
  });

  it('records each request in the journal with its operation and account', async () => {
    await s.call(`${REST}/User/Balance?sessionId=${sid}`);
    const [entry] = s.sim.ctx.journal.list({ provider: 'devino', operation: 'User/Balance' });
    expect(entry).toMatchObject({ provider: 'devino', operation: 'User/Balance', account: 'user', status: 200, response: '20015.3' });
  });
});
