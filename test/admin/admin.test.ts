// The /_sim admin API as a test or a developer uses it over HTTP.
import { get, type IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { adminRoutes } from '../../src/admin/routes.js';
import { providers } from '../../src/providers/index.js';
import { json, readJson, startServer } from '../helpers/server.js';
import { useReceiver, useSimulator } from '../helpers/useSimulator.js';
import { devinoSession, records, send, UNIBELL_KEY, VP_KEY } from '../scenarios/helpers.js';

const rx = useReceiver();
const s = useSimulator();

const patch = (path: string, body: unknown) => s.call(path, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('route table', () => {
  it('every route of the table is served (none falls through to the 404 handler)', async () => {
    for (const [name, spec] of Object.entries(adminRoutes)) {
      if (name === 'events') continue;
      const path = spec.path.replace(/:(\w+)/g, 'x');
      const res = await s.call(`/_sim${path}`, { method: spec.method, headers: { 'content-type': 'application/json' }, body: spec.method === 'GET' ? undefined : '{}' });
      const body = await res.text();
      expect(body, `${name}: ${spec.method} ${path}`).not.toMatch(/No admin route|Route .* not found/);
    }
    // And every provider's own admin routes, as its definition documents them.
    for (const op of providers.flatMap((p) => p.adminDocument?.operations ?? [])) {
      const path = op.path.replace(/\{\w+\}/g, 'x');
      const res = await s.call(path, { method: op.method.toUpperCase(), headers: { 'content-type': 'application/json' }, body: op.method === 'get' ? undefined : '{}' });
      expect(await res.text(), `${op.operationId}: ${op.method} ${path}`).not.toMatch(/No admin route|Route .* not found/);
    }
  });
});

describe('clock', () => {
  it('reads, advances, sets, and switches between manual, real and sped-up', async () => {
    const c = await readJson(await s.call('/_sim/clock'));
    expect(c).toMatchObject({ mode: 'manual', now: new Date(c.epochMs).toISOString() });
    const set = await readJson(await s.call('/_sim/clock', json({ now: '2030-01-01T00:00:00Z' })));
    expect(set.now).toBe('2030-01-01T00:00:00.000Z');
    const adv = await readJson(await s.call('/_sim/clock/advance', json({ by: '1h30m' })));
    expect(adv.now).toBe('2030-01-01T01:30:00.000Z');
    expect((await readJson(await s.call('/_sim/clock', json({ mode: 'x60' })))).mode).toBe('x60');
    expect((await readJson(await s.call('/_sim/clock', json({ mode: 'real' })))).mode).toBe('real');
    expect((await readJson(await s.call('/_sim/clock', json({ mode: 'manual' })))).mode).toBe('manual');
    const bad = await s.call('/_sim/clock', json({ mode: 'fast' }));
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error).toMatch(/body: mode: must be real, manual or x<factor>/);
  });
});

describe('scenarios', () => {
  it('lists, activates, deactivates; an unknown name is a 404 naming it; reset returns to the start-up set', async () => {
    const list = await readJson(await s.call('/_sim/scenarios'));
    expect(list.scenarios.length).toBeGreaterThanOrEqual(8);
    expect(list.active).toEqual([]);
    expect(await readJson(await s.call('/_sim/scenarios/happy-path/activate', { method: 'POST' }))).toEqual({ active: ['happy-path'] });
    expect(await readJson(await s.call('/_sim/scenarios/slow-provider/activate', { method: 'POST' }))).toEqual({ active: ['slow-provider', 'happy-path'] }); // priority order: the last activated first
    expect(await readJson(await s.call('/_sim/scenarios/happy-path/deactivate', { method: 'POST' }))).toEqual({ active: ['slow-provider'] });
    const unknown = await s.call('/_sim/scenarios/happy-paht/activate', { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).error).toMatch(/^Unknown scenario "happy-paht" in the activation request \(known: .*happy-path/);
    await s.call('/_sim/reset', { method: 'POST' });
    expect((await readJson(await s.call('/_sim/scenarios'))).active).toEqual([]);
    await s.call('/_sim/scenarios/happy-path/activate', { method: 'POST' });
    expect(await readJson(await s.call('/_sim/scenarios/active', { method: 'DELETE' }))).toEqual({ active: [] });
  });

  it('lists each provider\'s error catalogue and forceable states', async () => {
    const { providers } = await readJson(await s.call('/_sim/providers'));
    const devino = providers.find((p: { slug: string }) => p.slug === 'devino');
    expect(devino.errors).toContainEqual({ code: '5', name: 'NotEnoughCredits', description: 'Not enough credits', status: 403 });
    expect(providers.find((p: { slug: string }) => p.slug === 'unibell').states.call).toContain('busy');
  });
});

describe('accounts', () => {
  it('reads, sets a balance and disables: the provider sees it at once', async () => {
    const all = await readJson(await s.call('/_sim/accounts?provider=mobilgroup'));
    expect(all.accounts).toContainEqual({ provider: 'mobilgroup', id: 'demo', balance: 273.5, disabled: false });
    expect(await readJson(await patch('/_sim/accounts/mobilgroup/demo', { balance: 12.5 }))).toEqual({ provider: 'mobilgroup', id: 'demo', balance: 12.5, disabled: false });
    const balance = await readJson(await s.call('/mobilgroup/api/get/', json({ request: 'balance' }, { authorization: 'demo-mobilgroup-key' })));
    expect(balance.balance).toBe('12,50');
    await patch('/_sim/accounts/mobilgroup/demo', { disabled: true });
    expect((await readJson(await send(s, 'mobilgroup'))).error_code).toBe('Error_User_Disabled');
    expect((await s.call('/_sim/accounts/mobilgroup/nobody')).status).toBe(404);
    expect((await s.call('/_sim/accounts/nope/demo')).status).toBe(404);
    expect((await patch('/_sim/accounts/mobilgroup/demo', {})).status).toBe(400);
  });
});

describe('messages and calls', () => {
  it('lists with filters and reads one with its state history', async () => {
    await send(s, 'devino', '79161234567');
    await send(s, 'voicepassword', '79161234567');
    await s.advance('1m');
    const sms = await records(s, 'provider=devino&kind=sms');
    expect(sms).toHaveLength(1);
    expect(sms[0].history.map((h: { state: string }) => h.state)).toEqual(['-2', '-1', '0']);
    expect(await records(s, 'state=ANSWERED')).toHaveLength(1);
    expect(await records(s, 'account=nobody')).toHaveLength(0);
    const one = await readJson(await s.call(`/_sim/records/devino/sms/${encodeURIComponent(sms[0].id)}`));
    expect(one.detail).toMatchObject({ to: '79161234567', state: 0, price: 0.35 });
    expect((await s.call('/_sim/records/devino/sms/nope')).status).toBe(404);
  });

  it('forces a state on every provider, with what follows (billing, callbacks)', async () => {
    const force = async (provider: string, kind: string, id: string, state: string | number) => s.call(`/_sim/records/${provider}/${kind}/${encodeURIComponent(id)}/state`, json({ state }));
    // Devino: an SMS rejected by the SMS centre before delivery; a voice message not listened.
    const [smsId] = await readJson(await send(s, 'devino', '79161234567'));
    const forced = await readJson(await force('devino', 'sms', smsId, 42));
    expect(forced.state).toBe('42');
    await s.advance('1m');
    expect((await readJson(await s.call(`/_sim/records/devino/sms/${encodeURIComponent(smsId)}`))).state).toBe('42');
    const session = await devinoSession(s);
    const init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `SessionID=${session}&SourceAddress=74957722345&DestinationAddress=79161234567&FileId=21` };
    const { messageId } = await readJson(await s.call('/devino/rest/Voice/Send', init));
    expect((await force('devino', 'voice', String(messageId), 'not-listened')).status).toBe(200);
    expect((await readJson(await s.call(`/devino/rest/Voice/State?SessionID=${session}&MessageID=${messageId}`))).state).toBe(3);
    // Mobilgroup: the call ends busy now.
    const { id } = await readJson(await send(s, 'mobilgroup', '79161234567'));
    expect((await readJson(await force('mobilgroup', 'call', `${id}-1`, 'busy'))).state).toBe('Занято');
    // VoicePassword: the result callback goes out at once.
    const vp = await readJson(await s.call('/voicepassword/api/voice-password/send/', json({ security: { apiKey: VP_KEY }, number: '79161234567', callback_url: `${rx.url}/vp` })));
    expect((await force('voicepassword', 'flashcall', vp.id, 'no-answer')).status).toBe(200);
    expect((await rx.waitFor(1))[0].body).toMatchObject({ id: vp.id, state: 'NO ANSWER' });
    // Unibell: the call ends busy with its end callback.
    await patch(`/_sim/unibell/apps/${UNIBELL_KEY}`, { startCallbackUrl: null, endCallbackUrl: `${rx.url}/end` });
    await send(s, 'unibell', '79161234567');
    const [call] = await records(s, 'provider=unibell&kind=call');
    expect((await readJson(await force('unibell', 'call', call.id, 'busy'))).state).toBe('error');
    expect((await rx.waitFor(2))[1].query).toMatchObject({ state: '5', error: '17' });
    // A final record cannot be forced again; a bad state is refused naming the states.
    const again = await force('unibell', 'call', call.id, 'answered');
    expect(again.status).toBe(409);
    expect((await readJson(await force('mobilgroup', 'call', `${id}-1`, 'x'))).error).toMatch(/has already ended/);
    const { id: id2 } = await readJson(await send(s, 'mobilgroup', '79161234567'));
    const bad = await force('mobilgroup', 'call', `${id2}-1`, 'exploded');
    expect(bad.status).toBe(409);
    expect((await readJson(bad)).error).toMatch(/"exploded" is not a call result \(Успешно, Занято/);
  });

  it('injects an incoming Devino SMS', async () => {
    const res = await s.call('/_sim/devino/incoming', json({ from: '79161234567', text: 'Да' }));
    expect(res.status).toBe(201);
    expect(await records(s, 'provider=devino&kind=incoming-sms')).toHaveLength(1);
  });
});

describe('journal', () => {
  it('lists, counts requests matching a pattern, and clears', async () => {
    await send(s, 'voicepassword');
    await send(s, 'voicepassword');
    await send(s, 'mobilgroup');
    expect(await readJson(await s.call('/_sim/journal/count?provider=voicepassword&operation=send'))).toEqual({ count: 2 });
    expect(await readJson(await s.call(`/_sim/journal/count?url=${encodeURIComponent('/\\/api\\/send\\/$/')}`))).toEqual({ count: 1 });
    const { entries } = await readJson(await s.call('/_sim/journal?limit=1'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ provider: 'mobilgroup', operation: 'send', account: 'demo', status: 200 });
    expect(await readJson(await s.call('/_sim/journal', { method: 'DELETE' }))).toEqual({ cleared: true });
    expect(await readJson(await s.call('/_sim/journal/count'))).toEqual({ count: 0 });
  });
});

describe('callbacks', () => {
  it('shows the delivery log and redelivers', async () => {
    await s.call('/voicepassword/api/voice-password/send/', json({ security: { apiKey: VP_KEY }, number: '79161234567', callback_url: `${rx.url}/vp` }));
    await s.advance('1m');
    await rx.waitFor(1);
    await s.sim.ctx.callbacks.idle();
    const { deliveries } = await readJson(await s.call('/_sim/callbacks?provider=voicepassword'));
    expect(deliveries[0]).toMatchObject({ state: 'delivered', method: 'POST', attempts: [{ attempt: 1, status: 200 }] });
    const again = await s.call(`/_sim/callbacks/${deliveries[0].id}/redeliver`, { method: 'POST' });
    expect(again.status).toBe(201);
    await rx.waitFor(2);
    expect(rx.hits[1].body).toEqual(rx.hits[0].body);
    expect((await s.call('/_sim/callbacks/cb-none')).status).toBe(404);
  });
});

describe('events (SSE)', () => {
  it('streams every event as it happens', async () => {
    // A plain connection (no pool), closed when done.
    const res = await new Promise<IncomingMessage>((resolve, reject) => get(`${s.url}/_sim/events`, { agent: false }, resolve).on('error', reject));
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    let text = '';
    const arrived = new Promise<void>((resolve) =>
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('event: record.created')) resolve();
      }),
    );
    await send(s, 'voicepassword');
    await arrived;
    res.destroy();
    const data = JSON.parse(/event: record\.created\ndata: (.*)\n/.exec(text)?.[1] ?? '{}');
    expect(data).toMatchObject({ provider: 'voicepassword', kind: 'flashcall', state: 'DIALING', account: 'demo' });
  });
});

describe('SIM_ADMIN_TOKEN', () => {
  it('is required by every admin route but health, including the providers\' own', async () => {
    const t = await startServer({ adminToken: 's3cret' });
    try {
      expect((await t.call('/_sim/health')).status).toBe(200);
      const denied = await t.call('/_sim/clock');
      expect(denied.status).toBe(401);
      expect((await readJson(denied)).error).toMatch(/needs a token/);
      expect((await t.call('/_sim/unibell/apps')).status).toBe(401);
      expect((await t.call('/_sim/clock', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      expect((await t.call('/_sim/clock', { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200);
      expect((await t.call('/_sim/clock', { headers: { 'x-sim-admin-token': 's3cret' } })).status).toBe(200);
      // Provider routes are not admin routes.
      expect((await send(t, 'voicepassword')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
