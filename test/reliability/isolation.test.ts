// Isolation and access, beyond what each provider's own tests show:
// - a wrong or missing credential never reaches data, on every route of every provider (routes
//   from the operation lists): the provider's own authentication error, no record made, no money moved;
// - one account never reads or changes another's messages, media or balance (the cases the
//   provider tests do not already cover: balances everywhere, Devino incoming SMS, Mobilgroup
//   broadcasts and templates, Unibell rename);
// - with SIM_ADMIN_TOKEN set, every admin route (from the admin document) refuses a request
//   without the token or with a wrong one, however the path is spelled.
import { describe, expect, it } from 'vitest';
import { API_DOCS } from '../../src/openapi/documents.js';
import { form, json, readJson } from '../helpers/server.js';
import { useSimulator } from '../helpers/useSimulator.js';
import { rawRequest } from './http.js';
import { encodeForm, encodeQuery, examplesOf, fillPath, PROFILES, PROVIDER_SLUGS, routesOf, type Auth, type ProviderSlug } from './routes.js';

/** What each provider answers a request whose credentials are missing or wrong. */
const AUTH_ERRORS: Record<ProviderSlug, (body: Record<string, unknown>, status: number) => boolean> = {
  // 1: argument missing (no SessionID / login), 3: unknown session, 4: wrong login or password.
  devino: (b, status) => [1, 3, 4].includes(b.Code as number) && status >= 400,
  mobilgroup: (b) => b.result === 'error' && b.error_code === 'Error_Authorisation_Failed',
  voicepassword: (b) => b.result === 'error' && b.error_code === 'authorisation_failed',
  unibell: (b, status) => b.status === 'invalidAccessKeyError' && status === 401,
};

describe('wrong or missing credentials never reach data', () => {
  const s = useSimulator({ eachTest: 'keep' });

  it.each(PROVIDER_SLUGS)('%s: every route answers its authentication error, makes nothing, charges nothing', async (slug) => {
    const created: unknown[] = [];
    const off = s.sim.ctx.events.on('record.created', (e) => created.push(e));
    const balances = JSON.stringify(s.sim.ctx.accounts.list());
    const wrong = PROFILES[slug].wrongAuth;
    const missing: Auth = { headers: {}, query: {} };
    const answers: string[] = [];
    for (const route of routesOf(slug)) {
      for (const op of route.operations) {
        const example = examplesOf(op)[0];
        // Devino's login operation takes its credentials as parameters: wrong ones are a wrong password.
        const query = op.operationId === 'getSessionId' ? { Login: 'user', Password: 'wrong' } : example.query;
        for (const creds of [wrong, missing]) {
          const path = fillPath(route.template, example.params) + encodeQuery({ ...(creds === missing && op.operationId === 'getSessionId' ? {} : query), ...creds.query });
          const hasBody = example.encoding !== 'none';
          const res = await rawRequest(s.url, {
            method: op.method.toUpperCase(),
            path,
            headers: { ...creds.headers, ...(hasBody ? { 'content-type': example.encoding === 'form' ? 'application/x-www-form-urlencoded' : 'application/json' } : {}) },
            body: hasBody ? (example.encoding === 'form' ? encodeForm(example.body) : JSON.stringify(example.body)) : undefined,
          });
          const body = JSON.parse(res.text) as Record<string, unknown>;
          if (!AUTH_ERRORS[slug](body, res.status)) answers.push(`${op.method} ${path} (${creds === wrong ? 'wrong' : 'missing'}): ${res.status} ${res.text.slice(0, 160)}`);
        }
      }
    }
    off();
    expect(answers).toEqual([]);
    expect(created).toEqual([]);
    expect(JSON.stringify(s.sim.ctx.accounts.list())).toBe(balances);
    // The journal names no account for any of them (but Devino's login, which names the login tried,
    // on purpose: scenario rules and the journal match a failed login to its account).
    expect(s.sim.ctx.journal.list({ provider: slug }, 1000).filter((e) => e.account !== undefined && e.operation !== 'User/SessionId')).toEqual([]);
  });
});

describe('one account never reads or changes another account\'s data', () => {
  const s = useSimulator({ eachTest: 'keep' });
  const balance = (provider: string, id: string) => s.sim.ctx.accounts.get(provider, id)?.balance;

  it('devino: another account\'s sends cost it nothing, and it does not see their incoming SMS', async () => {
    const session = async (login: string, password: string) => (await readJson(await s.call(`/devino/rest/User/SessionId?login=${login}&password=${password}`))) as string;
    const a = await session('user', 'userpasswd');
    const b = await session('test', '11111');
    const bBefore = balance('devino', 'test');
    const res = await s.call('/devino/rest/Sms/Send', form({ SessionID: a, DestinationAddress: '79161002030', SourceAddress: 'DEVINO', Data: 'A' }));
    expect(res.status).toBe(200);
    expect(balance('devino', 'test')).toBe(bBefore);
    expect(await readJson(await s.call(`/devino/rest/User/Balance?SessionID=${b}`))).toBe(bBefore);

    const injected = await s.call('/_sim/devino/incoming', json({ account: 'user', from: '79161002030', text: 'только для user' }));
    expect(injected.status).toBe(201);
    const now = new Date(s.sim.ctx.clock.now());
    const day = (d: Date) => d.toISOString().slice(0, 19);
    const around = (sid: string) => `/devino/rest/Sms/In?SessionID=${sid}&MinDateUTC=${day(new Date(now.getTime() - 3_600_000))}&MaxDateUTC=${day(new Date(now.getTime() + 3_600_000))}`;
    expect((await readJson(await s.call(around(a)))).map((m: { Data: string }) => m.Data)).toEqual(['только для user']);
    expect(await readJson(await s.call(around(b)))).toEqual([]);
  });

  it('mobilgroup: another account\'s broadcast and templates are not found, and its sends cost nothing', async () => {
    const A = { authorization: 'demo-mobilgroup-key' };
    const B = { authorization: 'demo-mobilgroup-sms-key' };
    const post = async (route: string, body: unknown, key: Record<string, string>) => readJson(await s.call(`/mobilgroup/api/${route}/`, json(body, key)));
    const bBefore = balance('mobilgroup', 'demo-sms');
    const sent = await post('send', { settings: { message: 'Здравствуйте', number: '74951234567' }, subscribers: [{ phone: '79161234567' }] }, A);
    expect(sent.result).toBe('ok');
    expect(balance('mobilgroup', 'demo-sms')).toBe(bBefore);
    expect(await post('get', { request: 'state', id: sent.id }, B)).toEqual({ result: 'error', error_code: 'Error_ID_Not_Found' });
    expect((await post('get', { request: 'state', id: sent.id }, A)).result).toBe('ok');

    const made = await post('set', { request: 'templates', account: '777', templates: [{ name: 'A only', message: 'секрет' }] }, A);
    expect(made.result).toBe('ok');
    const mine = await post('get', { request: 'templates', account: '777' }, A);
    expect(mine.data.map((t: { name: string }) => t.name)).toEqual(['A only']);
    expect(await post('get', { request: 'templates', account: '777' }, B)).toEqual({ result: 'ok', data: [] });
    // B cannot change A's template by its id: it is not found for B, and A's stays as it was.
    const id = mine.data[0].id;
    const changed = await post('set', { request: 'templates', account: '777', templates: [{ id, name: 'B was here', message: 'x' }] }, B);
    expect(JSON.stringify(changed)).toContain('Template_not_found');
    expect((await post('get', { request: 'templates', account: '777' }, A)).data.map((t: { name: string }) => t.name)).toEqual(['A only']);
  });

  it('voicepassword: another account\'s calls cost it nothing', async () => {
    const bBefore = balance('voicepassword', 'second');
    const sent = await readJson(await s.call('/voicepassword/api/voice-password/send/', json({ number: '79161234567', capacity: 4 }, { authorization: 'demo-voicepassword-key' })));
    expect(sent.result).toBe('ok');
    expect(balance('voicepassword', 'second')).toBe(bBefore);
    const state = await readJson(await s.call('/voicepassword/api/voice-password/get/', json({ request: 'state', id: sent.id }, { authorization: 'second-voicepassword-key' })));
    expect(state).toEqual({ result: 'error', error_code: 'ID_Not_Found' });
  });

  it('unibell: another personal account cannot rename a file, and calls of one cost the other nothing', async () => {
    const A = { 'x-authorization': 'AccessKey d8ac9959r12b43545da9034' };
    const B = { 'x-authorization': 'AccessKey f0e1d2c3b4a5968778695a4' };
    const rename = await s.call('/unibell/media/74', { method: 'PUT', headers: { ...B, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'чужое.wav' }) });
    expect(rename.status).toBe(404);
    expect((await readJson(rename)).status).toBe('invalidDataError');
    const listed = await readJson(await s.call('/unibell/media', { headers: A }));
    expect(listed.media.find((m: { id: number }) => m.id === 74).name).not.toBe('чужое.wav');

    const bBefore = await readJson(await s.call('/unibell/balance', { headers: B }));
    const activated = await s.call('/unibell/apps/activate', json({ reference: 'iso-1', destAddr: '79161234567', scenarioData: 'text=A' }, A));
    expect(activated.status).toBe(200);
    await s.advance('10m');
    expect(await readJson(await s.call('/unibell/balance', { headers: B }))).toEqual(bBefore);
    const record = await s.call('/unibell/dialog_record_by_reference?reference=iso-1', { headers: B });
    expect(record.status).toBe(404);
  });
});

describe('SIM_ADMIN_TOKEN guards every admin route', () => {
  const TOKEN = 'reliability-token';
  const s = useSimulator({ config: { adminToken: TOKEN }, eachTest: 'keep' });

  const adminRoutes = API_DOCS.admin.operations.filter((op) => op.path !== '/_sim/health');
  const filled = (path: string) => path.replace(/\{(\w+)\}/g, (_m, name: string) => ({ provider: 'devino', kind: 'sms', document: 'devino', accessKey: 'd8ac9959r12b43545da9034' })[name] ?? 'x');

  it('enumerates the admin document', () => {
    expect(adminRoutes.length).toBeGreaterThan(20);
  });

  it.each(adminRoutes.map((op) => [op.method.toUpperCase(), op.path] as const))('%s %s: 401 without the token, with a wrong one, and spelled otherwise', async (method, template) => {
    const path = filled(template);
    const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
    const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
    // Every spelling the router accepts for the same route: case, trailing slash, percent-encoding.
    const spellings = [path, path.toUpperCase().replace('/_SIM', '/_sim'), `${path}/`, path.replace('/_sim', '/%5Fsim'), path.replace(`/_sim/${path[6]}`, `/_sim/%${path.charCodeAt(6).toString(16)}`)];
    for (const p of spellings) {
      const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong' }, { 'x-sim-admin-token': 'wrong' }, { authorization: TOKEN }];
      for (const auth of attempts) {
        const res = await rawRequest(s.url, { method, path: p, headers: { ...headers, ...auth }, body });
        expect(res.status, `${method} ${p} ${JSON.stringify(auth)}: ${res.text.slice(0, 120)}`).toBe(401);
        expect(JSON.parse(res.text).error).toMatch(/token/);
      }
    }
  });

  it('lets the right token through, and health without one', async () => {
    expect((await s.call('/_sim/health')).status).toBe(200);
    expect((await s.call('/_sim/clock', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await s.call('/%5Fsim/clock', { headers: { 'x-sim-admin-token': TOKEN } })).status).toBe(200);
  });
});
