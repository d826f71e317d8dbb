// `/_sim/unibell/apps/<accessKey>`: reading and changing an app's callback URLs at run time.
import { describe, expect, it } from 'vitest';
import { readJson } from '../../helpers/server.js';
import { useReceiver, useSimulator } from '../../helpers/useSimulator.js';
import { advanceAndDeliver, endHits, KEY, postJson } from './helpers.js';

describe('unibell admin: app callback URLs', () => {
  const r = useReceiver({ eachTest: 'fresh' });
  const s = useSimulator({ eachTest: 'fresh' });

  const patch = (key: string, body: string) => s.call(`/_sim/unibell/apps/${key}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body });

  it('shows the fixture URLs, changes them, disables one with null, and a reset restores them', async () => {
    expect(await readJson(await s.call(`/_sim/unibell/apps/${KEY}`))).toEqual({
      accessKey: KEY,
      name: expect.any(String),
      personalAccountId: '0000000000',
      startCallbackUrl: null,
      endCallbackUrl: null,
    });
    const res = await patch(KEY, JSON.stringify({ startCallbackUrl: `${r.url}/s`, endCallbackUrl: `${r.url}/e` }));
    expect(res.status).toBe(200);
    expect(await readJson(res)).toMatchObject({ startCallbackUrl: `${r.url}/s`, endCallbackUrl: `${r.url}/e` });
    expect((await readJson(await patch(KEY, '{"startCallbackUrl":null}'))).startCallbackUrl).toBeNull();

    await s.call('/unibell/apps/activate', postJson({ reference: 'a', destAddr: '79161234567' }));
    await advanceAndDeliver(s, '1m');
    expect(r.hits.map((h) => h.path)).toEqual(['/e']);
    expect(endHits(r)[0].query.reference).toBe('a');

    const list = await readJson(await s.call('/_sim/unibell/apps'));
    expect(list.apps.map((a: { accessKey: string }) => a.accessKey)).toContain(KEY);

    await s.call('/_sim/reset', { method: 'POST' });
    expect((await readJson(await s.call(`/_sim/unibell/apps/${KEY}`))).endCallbackUrl).toBeNull();
  });

  it('rejects unknown keys, non-http URLs, unknown fields and malformed JSON', async () => {
    const unknown = await patch('nope', '{}');
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).error).toMatch(/nope/);
    for (const body of ['{"startCallbackUrl":"ftp://x"}', '{"endCallbackUrl":"not a url"}', '{"startCallbackUrl":"http://x","extra":1}', '{bad']) {
      const res = await patch(KEY, body);
      expect(res.status, body).toBe(400);
      expect(typeof (await readJson(res)).error).toBe('string');
    }
  });
});
