// GET /_sim/events under clients that never read: each subscriber's unread bytes stay under the
// bound (a subscriber past it is dropped with a comment saying why, and its socket destroyed after
// a grace period), a reading client keeps getting every event, subscribers are capped (429 with a
// JSON error past the cap), and each event is serialised once whatever the number of subscribers.
import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventStreams } from '../../src/admin/events.js';
import { createEventBus } from '../../src/core/events.js';
import { startServer, type TestServer } from '../helpers/server.js';

/** A response whose client never reads: nothing written ever leaves its buffer. */
class StuckResponse extends Writable {
  written: string[] = [];
  socket = { destroy: vi.fn() };
  constructor(readonly reads: boolean) {
    super({ highWaterMark: 1024, decodeStrings: false });
  }
  writeHead() {
    return this;
  }
  override _write(chunk: string, _enc: BufferEncoding, done: () => void) {
    this.written.push(chunk);
    if (this.reads) done();
  }
}

const replyOf = (raw: StuckResponse) => ({ hijack: () => undefined, raw }) as unknown as FastifyReply;

const event = (i: number) => ({ provider: 'devino', kind: 'sms', id: `GW${String(i).padStart(10, '0')}`, account: 'user', state: 'sent', at: i });

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('event stream backpressure', () => {
  it('drops subscribers that fall behind the bound and keeps a reading one', () => {
    vi.useFakeTimers();
    const bus = createEventBus();
    const bound = 64 * 1024;
    const streams = createEventStreams(bus, { maxSubscribers: 500, maxBufferedBytes: bound });
    const stuck = Array.from({ length: 200 }, () => new StuckResponse(false));
    const reader = new StuckResponse(true);
    for (const raw of [...stuck, reader]) streams.open(replyOf(raw));
    expect(streams.size).toBe(201);

    const stringify = vi.spyOn(JSON, 'stringify');
    let peak = 0;
    for (let i = 0; i < 6000; i++) {
      bus.emit('record.created', event(i));
      if (i % 100 === 0) peak = Math.max(peak, ...stuck.map((r) => r.writableLength));
    }
    // One serialisation per event, not one per subscriber.
    expect(stringify.mock.calls.length).toBe(6000);

    for (const raw of stuck) {
      expect(raw.writableLength).toBeLessThanOrEqual(bound + 200);
      expect(raw.writableEnded).toBe(true);
    }
    expect(peak).toBeLessThanOrEqual(bound + 200);
    // The goodbye is the last thing queued for each dropped subscriber.
    const tail = (raw: StuckResponse) => (raw as unknown as { writableBuffer: { chunk: string }[] }).writableBuffer.at(-1)?.chunk;
    expect(tail(stuck[0])).toBe(`: dropped: fell behind by more than ${bound} bytes\n\n`);
    // A client that never reads its goodbye loses the connection after the grace period.
    expect(stuck[0].socket.destroy).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5_000);
    expect(stuck.every((r) => r.socket.destroy.mock.calls.length === 1)).toBe(true);

    expect(streams.size).toBe(1);
    expect(reader.writableEnded).toBe(false);
    const ids = reader.written.filter((w) => w.startsWith('id: ')).length;
    expect(ids).toBe(6000);
    streams.closeAll();
  });
});

describe('GET /_sim/events over HTTP', () => {
  let s: TestServer | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  /** Opens the stream and reads it (or not); resolves once the headers are in. */
  function subscribe(url: string, read: boolean) {
    return new Promise<{ status: number; text: () => string; body: () => Promise<string>; close: () => void }>((resolve, reject) => {
      let text = '';
      const req = httpRequest(`${url}/_sim/events`, (res) => {
        if (read) res.on('data', (c: Buffer) => (text += c.toString()));
        else res.pause();
        const ended = new Promise<string>((done) => res.on('end', () => done(text)));
        if (read && res.statusCode !== 200) res.resume();
        resolve({ status: res.statusCode ?? 0, text: () => text, body: () => ended, close: () => req.destroy() });
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('caps subscribers with a 429 and a JSON error, and a reading client gets the events of SMS sends', async () => {
    s = await startServer({ eventsMaxSubscribers: 20 });
    const slow = await Promise.all(Array.from({ length: 19 }, () => subscribe(s!.url, false)));
    expect(slow.every((c) => c.status === 200)).toBe(true);
    const reader = await subscribe(s.url, true);
    expect(reader.status).toBe(200);

    const over = await subscribe(s.url, true);
    expect(over.status).toBe(429);
    expect(JSON.parse(await over.body())).toEqual({ error: 'Too many event subscribers (limit 20, set with --events-max-subscribers)' });

    const sid: string = JSON.parse((await s.sim.app.inject({ url: '/devino/rest/User/SessionId?login=user&password=userpasswd' })).body);
    for (let i = 0; i < 300; i++) {
      const res = await s.sim.app.inject({
        method: 'POST',
        url: '/devino/rest/Sms/Send',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `SessionID=${sid}&DestinationAddress=7916100${String(i).padStart(4, '0')}&SourceAddress=DEVINO&Data=hi`,
      });
      expect(res.statusCode).toBe(200);
    }
    await vi.waitFor(() => expect(reader.text().match(/event: record\.created/g)?.length ?? 0).toBe(300), { timeout: 15_000 });

    // A subscriber leaving frees its place.
    reader.close();
    await vi.waitFor(async () => expect((await subscribe(s!.url, false)).status).toBe(200), { timeout: 15_000 });
    for (const c of slow) c.close();
  });
});
