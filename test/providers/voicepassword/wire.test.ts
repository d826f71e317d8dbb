// The wire around the handlers: both hosts, what malformed requests get (always the provider's
// envelope), content types real clients send, and what the journal records.
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { json, readJson } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { GET, KEY, SEND, error } from './vp.js';

const body = JSON.stringify({ security: { apiKey: KEY }, number: '79999999999' });

describe('VoicePassword wire', () => {
  const s = useSimulator({ config: { bodyLimit: 2048 }, eachTest: 'fresh' });

  const raw = async (path: string, payload: string | undefined, headers: Record<string, string> = {}) => {
    const res = await s.call(path, { method: 'POST', headers, body: payload });
    return { status: res.status, body: await readJson(res) };
  };

  it('answers on Host: vp.voicepassword.ru and on the Mobilgroup host under /api/voice-password/', async () => {
    for (const host of ['vp.voicepassword.ru', 'VP.VoicePassword.ru:443', 'voice.mobilgroup.ru']) {
      const res = await request(`${s.url}/api/voice-password/send/`, {
        method: 'POST',
        headers: { host, 'content-type': 'application/json' },
        body,
      });
      expect(res.statusCode).toBe(200);
      expect(await res.body.json()).toMatchObject({ result: 'ok', number: '79999999999' });
    }
    const balance = await request(`${s.url}/api/voice-password/get`, {
      method: 'POST',
      headers: { host: 'vp.voicepassword.ru', authorization: KEY, 'content-type': 'application/json' },
      body: '{"request":"balance"}',
    });
    expect(await balance.body.json()).toEqual({ result: 'ok', balance: '997.95', currency: 'Rub' });
  });

  it('paths are case-insensitive and the trailing slash optional', async () => {
    expect((await raw('/voicepassword/API/Voice-Password/Send', body, { 'content-type': 'application/json' })).body.result).toBe('ok');
  });

  it('reads JSON whatever the content type, as PHP clients without the header send it', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'application/octet-stream', 'application/json; charset=utf-8']) {
      const res = await raw(SEND, body, { 'content-type': type });
      expect([type, res.status, res.body.result]).toEqual([type, 200, 'ok']);
    }
    const bom = await raw(SEND, `\uFEFF${body}`, { 'content-type': 'text/plain' });
    expect(bom.body.result).toBe('ok');
  });

  it('malformed bodies get unknown_request with HTTP 200', async () => {
    const cases: [string | undefined, Record<string, string>][] = [
      ['{"security":', { 'content-type': 'application/json' }],
      ['number=79999999999', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['<xml/>', { 'content-type': 'application/xml' }],
      ['[1,2]', { 'content-type': 'application/json', authorization: KEY }],
      ['"text"', { 'content-type': 'application/json', authorization: KEY }],
      ['{"__proto__":{"x":1},"number":"79999999999"}', { 'content-type': 'application/json', authorization: KEY }],
    ];
    for (const [payload, headers] of cases) {
      for (const path of [SEND, GET]) {
        const res = await raw(path, payload, headers);
        expect([payload, path, res.status, res.body]).toEqual([payload, path, 200, error('unknown_request')]);
      }
    }
  });

  it('a POST without a body is judged on its credentials', async () => {
    expect((await raw(SEND, undefined)).body).toEqual(error('authorisation_failed'));
    expect((await raw(SEND, undefined, { authorization: KEY })).body).toEqual(error('number_is_empty'));
    // An empty body with a JSON Content-Type is no body too.
    expect((await raw(SEND, '', { 'content-type': 'application/json' })).body).toEqual(error('authorisation_failed'));
    expect((await raw(SEND, '', { 'content-type': 'application/json', authorization: KEY })).body).toEqual(error('number_is_empty'));
  });

  it('odd Unicode in fields gets the field\'s own error', async () => {
    const res = await s.call(SEND, json({ security: { apiKey: KEY }, number: '79999999999', voice: { code: '12\uD8003' } }));
    expect(await readJson(res)).toEqual(error('code_not_valid'));
    const emoji = await s.call(SEND, json({ security: { apiKey: KEY }, number: '7999999999😀' }));
    expect(await readJson(emoji)).toEqual(error('number_is_empty'));
  });

  it('a body over the limit gets 413 in the provider\'s envelope', async () => {
    const big = JSON.stringify({ security: { apiKey: KEY }, number: '79999999999', pad: 'x'.repeat(4096) });
    const res = await raw(SEND, big, { 'content-type': 'application/json' });
    expect(res).toEqual({ status: 413, body: error('unknown_request') });
  });

  it('unknown routes and methods under the prefix get 404 in the provider\'s envelope', async () => {
    for (const [method, path] of [
      ['POST', '/voicepassword/api/voice-password/cancel/'],
      ['GET', SEND],
      ['POST', '/voicepassword/'],
    ]) {
      const res = await s.call(path, { method, headers: method === 'POST' ? { 'content-type': 'application/json' } : {}, body: method === 'POST' ? body : undefined });
      expect([path, res.status, await readJson(res)]).toEqual([path, 404, error('unknown_request')]);
    }
  });

  it('journals each request with its operation and account', async () => {
    await s.call(SEND, json({ security: { apiKey: KEY }, number: '79999999999' }));
    await s.call(GET, json({ request: 'balance' }, { authorization: 'second-voicepassword-key' }));
    await s.call(GET, json({ request: 'balance' }, { authorization: 'nope' }));
    const entries = s.sim.ctx.journal.list({ provider: 'voicepassword' });
    expect(entries.map((e) => [e.operation, e.account, e.status])).toEqual([
      ['get', undefined, 200],
      ['get', 'second', 200],
      ['send', 'demo', 200],
    ]);
  });
});
