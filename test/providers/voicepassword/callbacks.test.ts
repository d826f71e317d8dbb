// callback_url against a real local HTTP receiver: the call result and SMS statuses as the spec's
// JSON, and delivery through the shared dispatcher: delivered, receiver down then up, receiver
// failing or slow, every attempt in the log.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallbackDispatcher } from '../../../src/core/callbacks.js';
import { type Json } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { send } from './vp.js';

interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  body: Json;
}

interface Receiver {
  url: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

type Responder = (req: IncomingMessage, res: ServerResponse, index: number) => void;

const ok: Responder = (_req, res) => res.end('OK');

async function startReceiver(respond: Responder = ok, port = 0): Promise<Receiver> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      const index = received.length;
      received.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(text) });
      respond(req, res, index);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/callback/`,
    port: bound,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** 2020-02-02 15:18:48 Moscow time, the spec's callback example. */
const T0 = Date.UTC(2020, 1, 2, 12, 18, 48);

describe('VoicePassword callbacks', () => {
  const s = useSimulator({ eachTest: 'fresh' });
  let receiver: Receiver | undefined;
  beforeEach(async () => {
    s.sim.ctx.clock.set(T0);
  });
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  const settle = async (by: string) => {
    await s.advance(by);
    await s.sim.ctx.callbacks.idle();
  };

  it('posts the spec\'s JSON when a flash call ends, and logs the delivered attempt', async () => {
    receiver = await startReceiver();
    const call = await send(s, { number: '79999999999', capacity: '4', callback_url: receiver.url });
    await settle('4s');
    expect(receiver.received).toEqual([]);
    await settle('1s');
    expect(receiver.received).toEqual([
      {
        method: 'POST',
        url: '/callback/',
        contentType: 'application/json',
        body: { id: call.id, number: '79999999999', duration: '1', state: 'ANSWERED', price: '0.35', date: '2020-02-02 15:18:48' },
      },
    ]);
    const log = s.sim.ctx.callbacks.list({ provider: 'voicepassword', subject: call.id });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ state: 'delivered', method: 'POST', url: receiver.url });
    expect(JSON.parse(log[0].body ?? '')).toEqual(receiver.received[0].body);
    expect(log[0].attempts).toHaveLength(1);
    expect(log[0].attempts[0]).toMatchObject({ attempt: 1, status: 200, responseBody: 'OK' });
    expect(log[0].attempts[0].error).toBeUndefined();
    expect(log[0].attempts[0].latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('posts each call result with its duration', async () => {
    receiver = await startReceiver();
    const url = receiver.url;
    const calls = [
      await send(s, { number: '79999999999', voice: { code: '1234' }, callback_url: url }),
      await send(s, { number: '79990000001', callback_url: url }),
      await send(s, { number: '79990000002', callback_url: url }),
      await send(s, { number: '79990000003', callback_url: url }),
      await send(s, { number: '79990000004', callback_url: url }),
    ];
    await settle('30s');
    const byId = new Map(receiver.received.map((r) => [r.body.id, r.body]));
    expect(calls.map((c) => [byId.get(c.id)?.state, byId.get(c.id)?.duration])).toEqual([
      ['ANSWERED', '6'],
      ['BUSY', '0'],
      ['NO ANSWER', '0'],
      ['FAIL', '0'],
      ['CANCEL', '0'],
    ]);
  });

  it('sends no callback without a callback_url', async () => {
    await send(s, { number: '79999999999' });
    await settle('1m');
    expect(s.sim.ctx.callbacks.list({ provider: 'voicepassword' })).toEqual([]);
  });

  it('a second SMS fallback for the same call does not stop the first: each reports every status to the end', async () => {
    receiver = await startReceiver();
    const call = await send(s, { number: '79990000002', callback_url: receiver.url });
    await settle('30s');
    const first = await send(s, { sms: { id: call.id } });
    await settle('500ms');
    const second = await send(s, { sms: { id: call.id } });
    expect([first.result, second.result]).toEqual(['ok', 'ok']);
    await settle('10s');
    const states = receiver.received.slice(1).map((r) => r.body.state);
    // Both were charged; both reach a final status.
    expect(states.filter((st: string) => st === 'QUEUED')).toHaveLength(2);
    expect(states.filter((st: string) => st === 'SEND')).toHaveLength(2);
    expect(states.filter((st: string) => st === 'DELIVERED')).toHaveLength(2);
  });

  it('posts every SMS status to the call\'s callback_url, or to the one given with the SMS', async () => {
    receiver = await startReceiver();
    const call = await send(s, { number: '79990000002', callback_url: receiver.url });
    await settle('30s');
    s.sim.ctx.clock.set(Date.UTC(2020, 1, 2, 12, 30, 0));
    await send(s, { sms: { id: call.id } });
    await settle('5s');
    const smsBodies = receiver.received.slice(1).map((r) => r.body);
    expect(smsBodies).toEqual(
      ['QUEUED', 'SEND', 'DELIVERED'].map((state) => ({ id: call.id, number: '79990000002', state, price: '3.30', date: '2020-02-02 15:30:00' })),
    );

    const other = await startReceiver();
    try {
      const failing = await send(s, { number: '79990000005', callback_url: receiver.url });
      const broken = await send(s, { number: '79990000006' });
      await send(s, { sms: { id: failing.id }, callback_url: other.url });
      await send(s, { sms: { id: broken.id }, callback_url: other.url });
      await settle('5s');
      const states = (id: string) => other.received.filter((r) => r.body.id === id).map((r) => r.body.state);
      expect(states(failing.id)).toEqual(['QUEUED', 'SEND', 'NOT DELIVERED']);
      expect(states(broken.id)).toEqual(['QUEUED', 'FAIL']);
    } finally {
      await other.close();
    }
  });

  it('retries when the receiver is down, and delivers once it is up', async () => {
    // A port that was just free: nothing listens there until the receiver starts.
    const probe = await startReceiver();
    const { port, url } = probe;
    await probe.close();
    const call = await send(s, { number: '79990000001', callback_url: url });
    await settle('3s');
    const [delivery] = s.sim.ctx.callbacks.list({ provider: 'voicepassword', subject: call.id });
    expect(delivery.state).toBe('retrying');
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0].error).toMatch(/ECONNREFUSED/);
    expect(delivery.attempts[0].status).toBeUndefined();

    receiver = await startReceiver(ok, port);
    await settle('1s');
    expect(receiver.received.map((r) => r.body.state)).toEqual(['BUSY']);
    expect(delivery.state).toBe('delivered');
    expect(delivery.attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, undefined],
      [2, 200],
    ]);
  });

  it('retries after a non-2xx answer, with every attempt in the log', async () => {
    receiver = await startReceiver((_req, res, index) => {
      res.statusCode = index === 0 ? 500 : 200;
      res.end(index === 0 ? 'boom' : 'OK');
    });
    const call = await send(s, { number: '79990000003', callback_url: receiver.url });
    await settle('1s');
    const [delivery] = s.sim.ctx.callbacks.list({ subject: call.id });
    expect(delivery.attempts).toMatchObject([{ attempt: 1, status: 500, error: 'HTTP 500', responseBody: 'boom' }]);
    await settle('1s');
    expect(delivery.state).toBe('delivered');
    expect(delivery.attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(receiver.received.map((r) => r.body)).toEqual([receiver.received[0].body, receiver.received[0].body]);
  });

  it('times out a slow receiver and retries it', async () => {
    // The dispatcher's time-out is a core option (5 s by default); a dispatcher with a short one
    // keeps this test fast while exercising the same delivery path the provider uses.
    const { clock, events } = s.sim.ctx;
    let n = 0;
    const quick = createCallbackDispatcher({ clock, events, timeoutMs: 200, nextId: () => `quick-${n++}` });
    const original = s.sim.ctx.callbacks;
    s.sim.ctx.callbacks = quick;
    try {
      receiver = await startReceiver((_req, res, index) => {
        if (index > 0) res.end('OK');
        // The first request is left hanging.
      });
      const call = await send(s, { number: '79990000004', callback_url: receiver.url });
      await s.advance('1s');
      await quick.idle();
      const [delivery] = quick.list({ subject: call.id });
      expect(delivery.state).toBe('retrying');
      expect(delivery.attempts[0].error).toBe('timeout after 200 ms');
      expect(delivery.attempts[0].latencyMs).toBeGreaterThanOrEqual(150);
      await s.advance('1s');
      await quick.idle();
      expect(delivery.state).toBe('delivered');
      expect(delivery.attempts.map((a) => [a.attempt, a.status])).toEqual([
        [1, undefined],
        [2, 200],
      ]);
      expect(receiver.received).toHaveLength(2);
    } finally {
      s.sim.ctx.callbacks = original;
      await receiver?.close();
      receiver = undefined;
      await quick.close();
    }
  });
});
