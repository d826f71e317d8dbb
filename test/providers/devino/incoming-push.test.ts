// The incoming-SMS push of devino-rest-notes.md: the account's URL is called for each incoming SMS
// with sourcePhone, number, prefix, text and messageId; `{sms=…}` in the answer goes back to the
// subscriber as an SMS; retries 300 s after an error answer; in the callbacks log.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pushRetryDelay, replyOf } from '../../../src/providers/devino/incomingPush.js';
import { json, readJson, type TestServer } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { balance, login } from './devino.js';

interface Push {
  query: Record<string, string>;
}

async function handler(answer: (index: number) => { status: number; body: string }) {
  const pushes: Push[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://handler');
    const { status, body } = answer(pushes.length);
    pushes.push({ query: Object.fromEntries(url.searchParams) });
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/incoming`,
    pushes,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const setPush = (s: TestServer, url: string | null, account = 'user') =>
  s.call(`/_sim/devino/accounts/${account}/incoming-push`, { ...json({ url }), method: 'PUT' });
const inject = (s: TestServer, body: Record<string, string>) => s.call('/_sim/devino/incoming', json(body));

describe('Devino incoming-SMS push', () => {
  const s = useSimulator({ eachTest: 'fresh' });
  let h: Awaited<ReturnType<typeof handler>> | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('calls the account URL with the documented fields and sends the {sms=…} reply back as an SMS', async () => {
    h = await handler(() => ({ status: 200, body: '{sms=Спасибо, ваш заказ подтверждён}' }));
    expect((await setPush(s, h.url)).status).toBe(200);
    expect(await readJson(await s.call('/_sim/devino/accounts/user/incoming-push'))).toEqual({ account: 'user', url: h.url });
    const sid = await login(s);
    const before = await balance(s, sid);
    const msg = await readJson(await inject(s, { from: '79260000000', to: 'DEVINO', text: 'ORDER 42 да' }));
    await s.advance('1s');
    expect(h.pushes).toEqual([{ query: { sourcePhone: '79260000000', number: 'DEVINO', prefix: 'ORDER', text: 'ORDER 42 да', messageId: String(msg.id) } }]);
    const [delivery] = s.sim.ctx.callbacks.list({ provider: 'devino', subject: String(msg.id) });
    expect(delivery).toMatchObject({ state: 'delivered', method: 'GET' });
    const { records } = await readJson(await s.call('/_sim/records?provider=devino&kind=sms'));
    expect(records).toHaveLength(1);
    const detail = JSON.stringify(await readJson(await s.call(`/_sim/records/devino/sms/${encodeURIComponent(records[0].id)}`)));
    expect(detail).toContain('"to":"79260000000"');
    expect(detail).toContain('"from":"DEVINO"');
    expect(detail).toContain('Спасибо, ваш заказ подтверждён');
    // Billed as any SMS of the account.
    expect(await balance(s, sid)).toBeLessThan(before);
  });

  it('an answer without {sms=…} sends nothing back', async () => {
    h = await handler(() => ({ status: 200, body: 'OK' }));
    await setPush(s, h.url);
    await inject(s, { from: '79260000000', text: 'hi' });
    await s.advance('1s');
    expect(h.pushes).toHaveLength(1);
    expect((await readJson(await s.call('/_sim/records?provider=devino&kind=sms'))).records).toEqual([]);
  });

  it('an error answer is retried 300 s later, as documented, until a handler answers', async () => {
    h = await handler((i) => (i < 2 ? { status: 500, body: 'down' } : { status: 200, body: '{sms=}' }));
    await setPush(s, h.url);
    await inject(s, { from: '79260000000', text: 'hi' });
    await s.advance('299s');
    expect(h.pushes).toHaveLength(1);
    await s.advance('2s');
    expect(h.pushes).toHaveLength(2);
    await s.advance('300s');
    expect(h.pushes).toHaveLength(3);
    const [delivery] = s.sim.ctx.callbacks.list({ provider: 'devino' });
    expect(delivery.state).toBe('delivered');
  });

  it('no URL, no push; a URL set to null stops them; a bad URL or account is refused', async () => {
    await inject(s, { from: '79260000000', text: 'hi' });
    await s.advance('1s');
    expect(s.sim.ctx.callbacks.list({ provider: 'devino' })).toEqual([]);
    expect((await setPush(s, 'ftp://example.invalid/x')).status).toBe(400);
    expect((await setPush(s, 'http://127.0.0.1:1/x', 'nobody')).status).toBe(404);
    expect((await setPush(s, null)).status).toBe(200);
  });

  it('retry timing and reply parsing follow the notes', () => {
    expect(pushRetryDelay({ attempt: 1, at: 0, latencyMs: 5000, error: 'timeout after 5000 ms' })).toBe(30_000);
    expect(pushRetryDelay({ attempt: 1, at: 0, latencyMs: 1, status: 500, error: 'HTTP 500' })).toBe(300_000);
    expect(pushRetryDelay({ attempt: 4, at: 0, latencyMs: 1, status: 500, error: 'HTTP 500' })).toBeUndefined();
    expect(replyOf('{sms=Да}')).toBe('Да');
    expect(replyOf('  {sms=two\nlines}\n')).toBe('two\nlines');
    expect(replyOf('{sms=}')).toBeUndefined();
    expect(replyOf('OK')).toBeUndefined();
  });
});
