// Issue 14, finding 1: with an admin token, no request reaches an admin route without it, however
// the request line is written: the absolute form a proxy client sends (`curl -x`), the path
// spellings the router accepts, and a provider's host name (which the host routing rewrites).
// The guard sits on the route the router matched, so each of these is refused and changes nothing.
import { describe, expect, it } from 'vitest';
import { useSimulator } from '../helpers/useSimulator.js';
import { sendRaw } from './rawSocket.js';

const TOKEN = 'sec-admin-token';
const UNIBELL_KEY = 'd8ac9959r12b43545da9034';

/** Admin routes that read or change state, with a body each would accept. */
const ROUTES: { method: string; path: string; body?: unknown }[] = [
  { method: 'POST', path: '/_sim/reset' },
  { method: 'PATCH', path: '/_sim/accounts/devino/user', body: { balance: 5 } },
  { method: 'GET', path: '/_sim/clock' },
  { method: 'HEAD', path: '/_sim/clock' },
  { method: 'POST', path: '/_sim/clock/advance', body: { by: '1h' } },
  { method: 'POST', path: '/_sim/clock', body: { mode: 'x60' } },
  { method: 'GET', path: '/_sim/events' },
  { method: 'GET', path: '/_sim/records' },
  { method: 'POST', path: '/_sim/scenarios/happy-path/activate' },
  { method: 'POST', path: '/_sim/devino/incoming', body: { account: 'user', from: '79161234567', text: 'через прокси' } },
  { method: 'GET', path: '/_sim/unibell/apps' },
  { method: 'PATCH', path: `/_sim/unibell/apps/${UNIBELL_KEY}`, body: { startCallbackUrl: null } },
  { method: 'GET', path: '/_sim/voicepassword/calls/1' },
  { method: 'GET', path: '/_sim/openapi/admin.json' },
];

/** Every way of writing the path that the router maps to the same route. */
const spellings = (path: string) => [
  path,
  path.toUpperCase().replace('/_SIM', '/_sim'),
  `${path}/`,
  path.replace('/_sim', '/%5Fsim'),
  path.replace(`/_sim/${path[6]}`, `/_sim/%${path.charCodeAt(6).toString(16)}`),
];

/** Request targets: origin form, absolute form with any host, absolute form spelled otherwise. */
const targets = (path: string) => [
  ...spellings(path),
  `http://whatever${path}`,
  `http://whatever.example:8080${path.replace('/_sim', '/%5Fsim')}`,
  `HTTP://WHATEVER${path.toUpperCase().replace('/_SIM', '/_sim')}`,
  `https://127.0.0.1${path}?x=1`,
];

/** Host names the host routing maps onto a provider's prefix. */
const PROVIDER_HOSTS = ['integrationapi.net', 'voice.mobilgroup.ru', 'api.unibell.ru', 'vp.voicepassword.ru'];

describe('the admin token guards the route the router matched', () => {
  const s = useSimulator({ config: { adminToken: TOKEN }, eachTest: 'keep' });

  const state = () =>
    JSON.stringify({
      clock: s.sim.ctx.clock.state(),
      accounts: s.sim.ctx.accounts.list(),
      scenarios: s.sim.scenarios.active(),
      timers: s.sim.ctx.clock.pending(),
    });

  it.each(ROUTES.map((r) => [r.method, r.path, r] as const))('%s %s: 401 in absolute form, every spelling and every provider host', async (_m, _p, route) => {
    const events: string[] = [];
    const off = s.sim.ctx.events.onAny((name) => events.push(name));
    const before = state();
    const body = route.body === undefined ? undefined : JSON.stringify(route.body);
    const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
    const attempts: { target: string; headers: Record<string, string> }[] = [];
    for (const target of targets(route.path)) attempts.push({ target, headers });
    for (const host of PROVIDER_HOSTS) {
      for (const target of [...spellings(route.path), `http://${host}${route.path}`]) attempts.push({ target, headers: { ...headers, host } });
    }
    const wrong: string[] = [];
    for (const { target, headers: h } of attempts) {
      const auths: Record<string, string>[] = [{}, { authorization: 'Bearer wrong' }, { 'x-sim-admin-token': `${TOKEN}x` }];
      for (const auth of auths) {
        const res = await sendRaw(s.url, { method: route.method, target, headers: { ...h, ...auth }, body });
        const ok = res.status === 401 && (route.method === 'HEAD' || /token/.test(res.body));
        if (!ok) wrong.push(`${route.method} ${target} ${JSON.stringify({ ...h, ...auth })}: ${res.status} ${res.body.slice(0, 100)}`);
      }
    }
    off();
    expect(wrong).toEqual([]);
    expect(events).toEqual([]);
    expect(state()).toBe(before);
  });

  it('paths that are not an admin route after all (dot segments, a doubled slash) reach no admin handler', async () => {
    const before = state();
    for (const target of ['//_sim/reset', '/devino/../_sim/reset', '/./_sim/reset', 'http://whatever//_sim/reset', '/_sim/./reset']) {
      for (const host of [undefined, ...PROVIDER_HOSTS]) {
        const res = await sendRaw(s.url, { method: 'POST', target, headers: host ? { host } : {} });
        expect(res.status, `${target} ${host}: ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.status).not.toBe(500);
      }
    }
    expect(state()).toBe(before);
  });

  it('with the token, the absolute form works like any other request line', async () => {
    const res = await sendRaw(s.url, { method: 'PATCH', target: 'http://whatever/_sim/accounts/devino/user', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{"balance":77}' });
    expect(res.status).toBe(200);
    expect(s.sim.ctx.accounts.get('devino', 'user')?.balance).toBe(77);
  });

  it('health and the UI page shell stay open, in every form; nothing else under /_sim/ui is', async () => {
    for (const path of ['/_sim/health', '/_sim/ui', '/_sim/ui/app.js', '/_sim/ui/app.css']) {
      for (const target of [path, `http://whatever${path}`, path.replace('/_sim', '/%5Fsim')]) {
        const res = await sendRaw(s.url, { method: 'GET', target });
        expect(res.status, target).toBe(200);
      }
    }
    for (const target of ['/_sim/ui/anything', 'http://whatever/_sim/ui/anything', '/_sim/no-such-route', 'http://whatever/_sim/nope']) {
      expect((await sendRaw(s.url, { method: 'GET', target })).status, target).toBe(401);
    }
  });
});
