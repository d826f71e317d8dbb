// Issue 16: Unibell as strict as its document; uploads with their own limit; no body is no body;
// the key before the body.
import { describe, expect, it } from 'vitest';
import { readJson } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { auth, KEY } from './helpers.js';

describe('unibell fidelity', () => {
  const s = useSimulator({ eachTest: 'fresh' });

  it('accepts a 2 MB audio upload with the default limits (uploads have their own limit)', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(2 * 1024 * 1024)], { type: 'audio/wav' }), 'long.wav');
    const res = await s.call('/unibell/media', { method: 'POST', headers: auth(), body: form });
    expect(res.status).toBe(200);
    expect((await readJson(res)).media).toMatchObject({ name: 'long.wav', isFolder: 0 });
  });

  it('DELETE /media/<id> with a JSON Content-Type and no body deletes', async () => {
    const res = await s.call('/unibell/media/74', { method: 'DELETE', headers: { ...auth(), 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ status: 'ok' });
  });

  it('a GET with a JSON Content-Type and no body is answered', async () => {
    const res = await s.call('/unibell/balance', { headers: { ...auth(), 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
  });

  it('numberId and abonentListId are int: strings are invalidSchemeError', async () => {
    for (const body of [{ numberId: '14019763', abonentListId: 13296 }, { numberId: 14019763, abonentListId: '13296' }, { numberId: 14019763, abonentListId: 13296, isRepeat: '1' }]) {
      const res = await s.call('/unibell/apps/activate', { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await readJson(res)).status).toBe('invalidSchemeError');
    }
  });

  it('the access key is checked before the body: a wrong key with a broken body is invalidAccessKeyError', async () => {
    for (const body of ['{broken', '']) {
      const res = await s.call('/unibell/apps/activate', { method: 'POST', headers: { 'x-authorization': 'AccessKey nope', 'content-type': 'application/json' }, body });
      expect(res.status, body).toBe(401);
      expect((await readJson(res)).status).toBe('invalidAccessKeyError');
    }
    const right = await s.call('/unibell/apps/activate', { method: 'POST', headers: { 'x-authorization': `AccessKey ${KEY}`, 'content-type': 'application/json' }, body: '{broken' });
    expect((await readJson(right)).status).toBe('requiredJsonError');
  });
});

describe('an empty JSON body is no body for the admin API too', () => {
  const s = useSimulator({ eachTest: 'fresh' });

  it('POST /_sim/reset with a JSON Content-Type and no body resets', async () => {
    const res = await s.call('/_sim/reset', { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBeLessThan(300);
  });
});
