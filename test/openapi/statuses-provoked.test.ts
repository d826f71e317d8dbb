// Documented statuses no other test provokes, each provoked by a real request (response validation
// checks every answer against its document as these run; docs/statuses.md lists which test
// provokes which status).
import { describe, expect, it } from 'vitest';
import { form, json, readJson } from '../helpers/server.js';
import { useSimulator } from '../helpers/useSimulator.js';
import { auth as unibellAuth, postJson as unibellPost } from '../providers/unibell/helpers.js';

const s = useSimulator({ config: { bodyLimit: 2048 } });

const BIG = 'x'.repeat(4096);

async function devinoSession(): Promise<string> {
  return readJson(await s.call('/devino/rest/User/SessionId?login=user&password=userpasswd'));
}

/** Each session operation of Devino, as a request with the session id. */
const DEVINO: [string, (sid: string) => Promise<Response>][] = [
  ['User/Balance', (sid) => s.call(`/devino/rest/User/Balance?SessionID=${sid}`)],
  ['Sms/Send', (sid) => s.call('/devino/rest/Sms/Send', form({ SessionID: sid, DestinationAddress: '79161002030', SourceAddress: 'DEVINO', Data: 'Hi' }))],
  [
    'Sms/SendByTimeZone',
    (sid) => s.call('/devino/rest/Sms/SendByTimeZone', form({ SessionID: sid, DestinationAddress: '79161002030', SourceAddress: 'DEVINO', Data: 'Hi', SendDate: '2030-01-01T10:00:00' })),
  ],
  ['Sms/SendBulk', (sid) => s.call('/devino/rest/Sms/SendBulk', form({ SessionID: sid, DestinationAddresses: ['79161002030'], SourceAddress: 'DEVINO', Data: 'Hi' }))],
  ['Sms/State', (sid) => s.call(`/devino/rest/Sms/State?SessionID=${sid}&messageId=GW0`)],
  ['Sms/In', (sid) => s.call(`/devino/rest/Sms/In?SessionID=${sid}&minDateUTC=2026-01-01T00:00:00&maxDateUTC=2026-01-02T00:00:00`)],
  ['Sms/Statistics', (sid) => s.call(`/devino/rest/Sms/Statistics?SessionID=${sid}&startDateTime=2026-01-01T00:00:00&endDateTime=2026-01-02T00:00:00`)],
  ['Voice/Send', (sid) => s.call('/devino/rest/Voice/Send', form({ SessionID: sid, DestinationAddress: '79161002030', SourceAddress: '74957722345', FileId: '21' }))],
  ['Voice/State', (sid) => s.call(`/devino/rest/Voice/State?SessionID=${sid}&messageId=1`)],
];

describe('devino', () => {
  it.each(DEVINO)('%s answers 401 (error 4) for an expired session', async (_op, call) => {
    const sid = await devinoSession();
    await s.advance('121m');
    const res = await call(sid);
    expect(res.status).toBe(401);
    expect((await readJson(res)).Code).toBe(4);
  });

  it.each(DEVINO)('%s answers 403 (error 7) once the account is disabled', async (_op, call) => {
    const sid = await devinoSession();
    expect((await s.call('/_sim/accounts/devino/user', { ...json({ disabled: true }), method: 'PATCH' })).status).toBe(200);
    const res = await call(sid);
    expect(res.status).toBe(403);
    expect((await readJson(res)).Code).toBe(7);
  });

  it.each(['Sms/Send', 'Sms/SendByTimeZone', 'Sms/SendBulk', 'Voice/Send'])('%s answers 413 (error 2) for a body over the limit', async (op) => {
    const res = await s.call(`/devino/rest/${op}`, form({ SessionID: 'x', Data: BIG }));
    expect(res.status).toBe(413);
    expect((await readJson(res)).Code).toBe(2);
  });
});

describe('mobilgroup and voicepassword', () => {
  it.each(['/mobilgroup/api/send/', '/mobilgroup/api/get/', '/mobilgroup/api/set/', '/voicepassword/api/voice-password/send/', '/voicepassword/api/voice-password/get/'])(
    '%s answers 413 for a body over the limit',
    async (path) => {
      const res = await s.call(path, json({ padding: BIG }));
      expect(res.status).toBe(413);
      expect((await readJson(res)).result).toBe('error');
    },
  );
});

describe('unibell', () => {
  it('getMedia answers 400 invalidDataError for a page that is not a number', async () => {
    const folder = await readJson(await s.call('/unibell/media', unibellPost({ name: 'paged' })));
    const res = await s.call(`/unibell/media/${folder.media.id}?page=abc`, { headers: unibellAuth() });
    expect(res.status).toBe(400);
    expect((await readJson(res)).status).toBe('invalidDataError');
  });

  it.each(['POST', 'PUT', 'DELETE'])('%s /media/{id} answers 413 for a body over the limit', async (method) => {
    const folder = await readJson(await s.call('/unibell/media', unibellPost({ name: 'big' })));
    const res = await s.call(`/unibell/media/${folder.media.id}`, { method, headers: { ...unibellAuth(), 'content-type': 'application/json' }, body: JSON.stringify({ name: BIG }) });
    expect(res.status).toBe(413);
    expect((await readJson(res)).status).toBe('invalidDataError');
  });
});

describe('admin', () => {
  const malformed = (method: string): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: '{' });

  it.each([
    ['POST', '/_sim/reset'],
    ['POST', '/_sim/scenarios/happy-path/activate'],
    ['POST', '/_sim/scenarios/happy-path/deactivate'],
    ['DELETE', '/_sim/scenarios/active'],
    ['DELETE', '/_sim/journal'],
    ['POST', '/_sim/callbacks/cb-none/redeliver'],
  ])('%s %s answers 400 for a malformed JSON body', async (method, path) => {
    const res = await s.call(path, malformed(method));
    expect(res.status).toBe(400);
    expect(typeof (await readJson(res)).error).toBe('string');
  });

  it.each([
    ['/_sim/accounts?provider=a&provider=b'],
    ['/_sim/records?limit=0'],
    ['/_sim/journal?limit=0'],
    ['/_sim/journal/count?status=abc'],
    ['/_sim/callbacks?state=lost'],
  ])('GET %s answers 400 naming what is wrong', async (path) => {
    const res = await s.call(path);
    expect(res.status).toBe(400);
    expect((await readJson(res)).error).toMatch(/query/);
  });

  it('uploads a scenario (201) and reads it back (200)', async () => {
    const up = await s.call('/_sim/scenarios', json({ name: 'status-check', rules: [{ match: { provider: 'devino' }, latency: 1 }] }));
    expect(up.status).toBe(201);
    const got = await s.call('/_sim/scenarios/status-check');
    expect(got.status).toBe(200);
    expect((await readJson(got)).name).toBe('status-check');
  });

  it('reads an account (200); patching an unknown one is a 404; forcing an unknown record is a 404', async () => {
    expect((await s.call('/_sim/accounts/devino/user')).status).toBe(200);
    expect((await s.call('/_sim/accounts/devino/nobody', { ...json({ balance: 1 }), method: 'PATCH' })).status).toBe(404);
    expect((await s.call('/_sim/records/devino/sms/GW-none/state', json({ state: 'delivered' }))).status).toBe(404);
  });

  it('reads one callback delivery (200)', async () => {
    const sent = await readJson(await s.call('/voicepassword/api/voice-password/send/', json({ security: { apiKey: 'demo-voicepassword-key' }, number: '79161234567', callback_url: 'http://127.0.0.1:9/cb' })));
    await s.advance('1m');
    const [delivery] = s.sim.ctx.callbacks.list({ subject: sent.id });
    const res = await s.call(`/_sim/callbacks/${delivery.id}`);
    expect(res.status).toBe(200);
    expect((await readJson(res)).id).toBe(delivery.id);
  });

  it('streams events (200, text/event-stream)', async () => {
    const stop = new AbortController();
    const res = await s.call('/_sim/events', { signal: stop.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    stop.abort();
  });
});
