// Access keys in every form real clients send, and Unibell's envelope for every kind of bad request.
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { readJson } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { auth, KEY, OTHER_KEY, postJson } from './helpers.js';

describe('unibell auth and envelope', () => {
  const s = useSimulator({ config: { bodyLimit: 4096 }, eachTest: 'keep' });

  const balanceWith = async (init: RequestInit, query = '') => {
    const res = await s.call(`/unibell/balance${query}`, init);
    return { status: res.status, body: await readJson(res) };
  };

  it('accepts the key as X-Authorization AccessKey, Bearer, Basic, base64 Basic and the query parameter', async () => {
    const forms: [RequestInit, string][] = [
      [{ headers: { 'X-Authorization': `AccessKey ${KEY}` } }, ''],
      [{ headers: { 'X-Authorization': `Bearer ${KEY}` } }, ''],
      [{ headers: { Authorization: `Basic ${KEY}` } }, ''],
      [{ headers: { Authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}` } }, ''],
      [{}, `?X-Authorization=${encodeURIComponent(`AccessKey ${KEY}`)}`],
      [{}, `?X-Authorization=AccessKey+${KEY}`],
    ];
    for (const [init, query] of forms) {
      const r = await balanceWith(init, query);
      expect(r, JSON.stringify(init) + query).toEqual({ status: 200, body: { personalAccountId: '0000000000', balance: '100.0', status: 'ok' } });
    }
    const other = await balanceWith({ headers: auth(OTHER_KEY) });
    expect(other.body).toEqual({ personalAccountId: '0000000001', balance: '250.0', status: 'ok' });
  });

  it('answers invalidAccessKeyError (401) for a missing or unknown key', async () => {
    const inits: RequestInit[] = [{}, { headers: { 'X-Authorization': 'AccessKey nope' } }, { headers: { Authorization: 'Basic nope' } }];
    for (const init of inits) {
      const r = await balanceWith(init);
      expect(r.status).toBe(401);
      expect(r.body.status).toBe('invalidAccessKeyError');
    }
    const rec = await s.call('/unibell/dialog_record_by_reference?reference=1', { headers: { 'X-Authorization': 'AccessKey wrong' } });
    expect(rec.status).toBe(401);
    expect((await readJson(rec)).status).toBe('invalidAccessKeyError');
  });

  it('is reachable by Host: api.unibell.ru at the root', async () => {
    // fetch may not set Host; undici's request may.
    const res = await request(`${s.url}/balance`, { headers: { host: 'api.unibell.ru', ...auth() } });
    expect(res.statusCode).toBe(200);
    expect(((await res.body.json()) as { personalAccountId: string }).personalAccountId).toBe('0000000000');
  });

  it('answers requiredJsonError for malformed, empty or non-JSON bodies', async () => {
    const bodies: RequestInit[] = [
      { method: 'POST', headers: { 'content-type': 'application/json', ...auth() }, body: '{"destAddr":' },
      { method: 'POST', headers: { 'content-type': 'application/json', ...auth() }, body: '' },
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...auth() }, body: 'destAddr=79161234567' },
      { method: 'POST', headers: { 'content-type': 'text/plain', ...auth() }, body: 'hello' },
      { method: 'POST', headers: auth() },
    ];
    for (const init of bodies) {
      const res = await s.call('/unibell/apps/activate', init);
      expect(res.status, String(init.body)).toBe(400);
      expect((await readJson(res)).status, String(init.body)).toBe('requiredJsonError');
    }
  });

  it('reads a JSON body sent with a non-JSON content type, as the real backend does', async () => {
    const res = await s.call('/unibell/media', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...auth() },
      body: JSON.stringify({ name: 'curl -d' }),
    });
    expect(res.status).toBe(200);
    expect((await readJson(res)).media.name).toBe('curl -d');
  });

  it('answers invalidSchemeError for missing fields, wrong types and non-object JSON', async () => {
    for (const body of [{}, { destAddr: true }, { destAddr: '79161234567', scenarioData: { text: 'x' } }, [1, 2], 'text']) {
      const res = await s.call('/unibell/apps/activate', postJson(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      const out = await readJson(res);
      expect(out.status).toBe('invalidSchemeError');
      expect(typeof out.errorReason).toBe('string');
    }
  });

  it('answers 413 invalidDataError for a body over the limit', async () => {
    const res = await s.call('/unibell/media', postJson({ name: 'x'.repeat(5000) }));
    expect(res.status).toBe(413);
    expect((await readJson(res)).status).toBe('invalidDataError');
  });

  it('answers unknown routes under the prefix in the envelope', async () => {
    for (const [path, method] of [['/unibell/nope', 'GET'], ['/unibell/media', 'PATCH'], ['/unibell/', 'GET']] as const) {
      const res = await s.call(path, { method, headers: auth() });
      expect(res.status).toBe(404);
      expect((await readJson(res)).status).toBe('invalidDataError');
    }
  });

  it('answers invalidDataError for odd Unicode in names', async () => {
    const res = await s.call('/unibell/media', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth() },
      body: '{"name":"bad \\ud800 surrogate"}',
    });
    expect(res.status).toBe(400);
    expect((await readJson(res)).status).toBe('invalidDataError');
    const emoji = await readJson(await s.call('/unibell/media', postJson({ name: 'Папка 🎵 ok' })));
    expect(emoji.media.name).toBe('Папка 🎵 ok');
  });
});
