// Where a callback may connect: never the simulator's own /_sim routes, however host and path are
// spelt; with --callback-allow only the listed hosts and ranges; a name is resolved once and the
// connection goes to the address that was checked; redirects are not followed. Every refusal is a
// failed delivery with its reason, decided before any connection (net.connect is watched).
import net from 'node:net';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSimulator, type Simulator } from '../../src/app.js';
import { createCallbackDispatcher, type CallbackDelivery } from '../../src/core/callbacks.js';
import { createCallbackTargetPolicy, isAdminPath, parseAllowList } from '../../src/core/callbackTarget.js';
import { createClock } from '../../src/core/clock.js';
import { createEventBus } from '../../src/core/events.js';
import { startReceiver, type Receiver } from '../../src/conformance/receiver.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { send } from '../providers/voicepassword/vp.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function server(config: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  // These tests send probe callbacks of their own ({probe: true}), no provider's document: not checked against one.
  const s = await startServer({ validateResponses: false, ...config });
  cleanup.push(() => s.close());
  return s;
}

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  cleanup.push(() => r.close());
  return r;
}

/** Watches every outgoing TCP connection. */
function watchConnections() {
  return vi.spyOn(net, 'connect');
}

/** Refusals must make no connection: any attempt throws before a socket exists (so even code without the check sends nothing off the machine). */
function blockConnections() {
  return vi.spyOn(net, 'connect').mockImplementation(() => {
    throw new Error('no connection may be made');
  });
}

async function deliverOnce(sim: Simulator, url: string): Promise<CallbackDelivery> {
  const d = sim.ctx.callbacks.send({ provider: 'voicepassword', url, method: 'POST', json: { probe: true } });
  await sim.ctx.callbacks.idle();
  return sim.ctx.callbacks.get(d.id) as CallbackDelivery;
}

function expectRefused(d: CallbackDelivery, reason: RegExp) {
  expect(d.state).toBe('failed');
  // Final at once: a refusal is not retried.
  expect(d.attempts).toHaveLength(1);
  expect(d.attempts[0].status).toBeUndefined();
  expect(d.attempts[0].error).toMatch(reason);
}

describe('callbacks to the simulator itself', () => {
  it('an API user cannot reset the simulator through callback_url', async () => {
    const s = await server();
    const port = new URL(s.url).port;
    const call = await send(s, { number: '79999999999', capacity: '4', callback_url: `http://127.0.0.1:${port}/_sim/reset` });
    await s.advance('2m');
    await s.sim.ctx.callbacks.idle();
    // Had the reset run, the callback log (and the call) would be gone.
    const [d] = s.sim.ctx.callbacks.list({ subject: call.id });
    expectRefused(d, /refused: .*simulator's own admin API/);
  });

  it('refuses every spelling of its own host and of /_sim, without connecting', async () => {
    const s = await server();
    const port = new URL(s.url).port;
    const hosts = ['127.0.0.1', 'localhost', 'LOCALHOST.', '127.1', '0x7f000001', '2130706433', '0177.0.0.1', '127.0.0.1.', '[::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '0.0.0.0', '0', '[::]'];
    const paths = ['/_sim/reset', '/%5Fsim/reset', '/%5fsim/callbacks', '//_sim/reset', '/_SIM/reset', '/x/../_sim/reset', '/./_sim', '/_sim', '/_sim/', '/%255Fsim/reset', '/_sim%2Freset', '/_sim?x=1', '\\_sim/reset'];
    const connect = blockConnections();
    const urls = [...hosts.map((h) => `http://${h}:${port}/_sim/reset`), ...paths.map((p) => `http://127.0.0.1:${port}${p}`), `http://user:pw@127.0.0.1:${port}/_sim/reset`];
    for (const url of urls) {
      const d = await deliverOnce(s.sim, url);
      expect(d.attempts[0]?.error, url).toMatch(/refused: .*simulator's own admin API/);
      expectRefused(d, /refused/);
    }
    expect(connect).not.toHaveBeenCalled();
  });

  it('refuses the host\'s other addresses when listening on every interface', async () => {
    const sim = await buildSimulator({ logLevel: 'silent', clock: 'manual' });
    cleanup.push(() => sim.close());
    await sim.app.listen({ port: 0, host: '0.0.0.0' });
    const port = (sim.app.server.address() as AddressInfo).port;
    const own = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && !i.internal)
      .map((i) => (i!.family === 'IPv6' ? `[${i!.address.split('%')[0]}]` : i!.address));
    const connect = blockConnections();
    for (const host of ['127.0.0.1', '0.0.0.0', ...own]) expectRefused(await deliverOnce(sim, `http://${host}:${port}/_sim/reset`), /simulator's own admin API/);
    expect(connect).not.toHaveBeenCalled();
  });

  it('still delivers to its provider routes and to other local receivers', async () => {
    const s = await server();
    const r = await receiver();
    // The watch sees real connections (so its silence elsewhere means something).
    const connect = watchConnections();
    expect((await deliverOnce(s.sim, `${r.url}/_sim/reset`)).state).toBe('delivered');
    expect(connect).toHaveBeenCalled();
    expect(r.hits.map((h) => h.path)).toEqual(['/_sim/reset']);
    const d = await deliverOnce(s.sim, `${s.url}/voicepassword/api/voice-password/status/`);
    expect(d.attempts[0].error ?? '').not.toMatch(/refused/);
    expect(d.attempts[0].status).toBeDefined();
  });

  it('the path check reads the path as the router does', () => {
    for (const p of ['/_sim', '/_SIM/x', '/%5Fsim', '//_sim', '/%255fsim', '/_sim;x']) expect(isAdminPath(p), p).toBe(true);
    for (const p of ['/', '/simulate', '/devino/_sim', '/_simulator']) expect(isAdminPath(p), p).toBe(false);
  });
});

describe('--callback-allow', () => {
  it('refuses private and public addresses outside the list, without connecting', async () => {
    const s = await server({ callbackAllow: '127.0.0.0/8, receiver.internal' });
    const connect = blockConnections();
    for (const url of ['http://10.1.2.3/cb', 'http://192.168.0.10:8080/cb', 'http://172.16.5.5/cb', 'http://93.184.216.34/cb', 'http://[fd00::1]/cb', 'https://[2001:db8::1]/cb', 'http://[::1]:9/cb']) {
      expectRefused(await deliverOnce(s.sim, url), /refused: .* is not in the callback allow list \(--callback-allow\)/);
    }
    expect(connect).not.toHaveBeenCalled();
  });

  it('delivers to an address inside a listed range and to a listed host name', async () => {
    const r = await receiver();
    const s = await server({ callbackAllow: '127.0.0.0/8' });
    expect((await deliverOnce(s.sim, `${r.url}/cb`)).state).toBe('delivered');
    // `localhost` is not listed but resolves to 127.0.0.1, which is.
    const port = new URL(r.url).port;
    expect((await deliverOnce(s.sim, `http://localhost:${port}/cb`)).state).toBe('delivered');
    const named = await server({ callbackAllow: 'localhost' });
    expect((await deliverOnce(named.sim, `http://localhost:${port}/cb`)).state).toBe('delivered');
    expectRefused(await deliverOnce(named.sim, `${r.url}/cb`), /not in the callback allow list/);
  });

  it('refuses a name that resolves outside the list', async () => {
    const s = await server({ callbackAllow: '10.0.0.0/8' });
    const connect = blockConnections();
    expectRefused(await deliverOnce(s.sim, 'http://localhost:9/cb'), /localhost is not in the callback allow list/);
    expect(connect).not.toHaveBeenCalled();
  });

  it('rejects a malformed list at start-up, naming the entry', async () => {
    await expect(buildSimulator({ logLevel: 'silent', callbackAllow: '10.0.0.0/99' })).rejects.toThrow(/10\.0\.0\.0\/99/);
    expect(() => parseAllowList('10.0.0.0/8, ::1, *.corp.example, receiver')).not.toThrow();
    expect(() => parseAllowList('http://x/')).toThrow(/http:\/\/x\//);
  });
});

describe('name resolution and redirects', () => {
  it('connects to the address it checked, however the name resolves afterwards', async () => {
    const r = await receiver();
    const port = new URL(r.url).port;
    // A rebinding resolver: loopback when checked, a private address on every later question.
    const resolve = vi.fn(async () => (resolve.mock.calls.length === 1 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.9.9.9', family: 4 }]));
    const clock = createClock({ mode: 'manual', start: 0 });
    const d = createCallbackDispatcher({
      clock,
      events: createEventBus(),
      nextId: () => 'cb-1',
      target: createCallbackTargetPolicy({ allow: parseAllowList('127.0.0.0/8'), listening: () => [], resolve }),
    });
    cleanup.push(async () => {
      await d.close();
      clock.close();
    });
    const sent = d.send({ provider: 'voicepassword', url: `http://rebind.test:${port}/cb`, method: 'POST', json: {} });
    await d.idle();
    // The name is not in any DNS: only the pinned lookup could have found the receiver.
    expect(d.get(sent.id)?.state).toBe('delivered');
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(r.hits).toHaveLength(1);
  });

  it('does not follow a redirect to the admin API', async () => {
    const s = await server();
    let hits = 0;
    const redirecting: Server = createServer((req, res) => {
      hits++;
      req.resume();
      res.writeHead(302, { location: `${s.url}/_sim/reset` }).end();
    });
    await new Promise<void>((done) => redirecting.listen(0, '127.0.0.1', done));
    cleanup.push(() => new Promise<void>((done) => redirecting.close(() => done())));
    const port = (redirecting.address() as AddressInfo).port;
    const before = await s.call('/devino/rest/User/SessionId?login=user&password=userpasswd');
    expect(before.status).toBe(200);
    const d = s.sim.ctx.callbacks.send({ provider: 'voicepassword', url: `http://127.0.0.1:${port}/cb`, method: 'POST', json: {} });
    await s.sim.ctx.callbacks.idle();
    expect(hits).toBe(1);
    expect(s.sim.ctx.callbacks.get(d.id)?.attempts[0]).toMatchObject({ status: 302, error: 'HTTP 302' });
    // No reset: the journal still holds the request made before.
    expect(s.sim.ctx.journal.count({})).toBe(1);
  });
});
