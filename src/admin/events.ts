// `GET /_sim/events`: every simulator event as Server-Sent Events, for the sandbox UI and for tests
// that wait for a state instead of polling.
// Written on the raw response rather than through an SSE library: @fastify/sse and better-sse wait
// for `drain` (so a client that never reads queues without bound in the server) and have no policy
// to drop it. Here each event is serialised once for all subscribers, and a subscriber whose unread
// bytes pass the bound is dropped with a comment saying why; the number of subscribers is capped.
import type { FastifyReply } from 'fastify';
import type { EventBus, EventName, SimEvents } from '../core/events.js';
import { AdminInputError } from './common.js';

const HEARTBEAT_MS = 15_000;
/** Real milliseconds a dropped subscriber has to read its goodbye before its socket is destroyed. */
const DROP_GRACE_MS = 5_000;

export interface EventStreamLimits {
  /** Subscribers at once; one more is answered 429. */
  maxSubscribers: number;
  /** Bytes written to a subscriber and not yet taken by its socket; past it the subscriber is dropped. */
  maxBufferedBytes: number;
}

export interface EventStreams {
  /** Streams to this reply until the client goes; throws AdminInputError (429) past the cap. */
  open(reply: FastifyReply): void;
  /** Subscribers now. */
  readonly size: number;
  /** Ends every stream (server shutdown). */
  closeAll(): void;
}

interface Subscriber {
  reply: FastifyReply;
  seq: number;
  /** Ends the stream and forgets the subscriber. */
  end(goodbye?: string): void;
}

export function createEventStreams(events: EventBus, limits: EventStreamLimits): EventStreams {
  const subscribers = new Set<Subscriber>();
  let off: (() => void) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  /** Writes unless the subscriber is already too far behind, in which case it is dropped. */
  const write = (sub: Subscriber, text: string) => {
    const res = sub.reply.raw;
    if (res.writableLength + text.length > limits.maxBufferedBytes) {
      sub.end(`: dropped: fell behind by more than ${limits.maxBufferedBytes} bytes\n\n`);
      return;
    }
    res.write(text);
  };

  const broadcast = (name: EventName, event: SimEvents[EventName]) => {
    // One serialisation per event, whatever the number of subscribers.
    const body = `event: ${name}\ndata: ${JSON.stringify(event)}\n\n`;
    for (const sub of subscribers) write(sub, `id: ${++sub.seq}\n${body}`);
  };

  // The bus and the heartbeat are only listened to while someone subscribes.
  const listen = () => {
    if (off) return;
    off = events.onAny(broadcast);
    heartbeat = setInterval(() => {
      for (const sub of subscribers) write(sub, ': keep-alive\n\n');
    }, HEARTBEAT_MS);
    heartbeat.unref();
  };
  const unlisten = () => {
    if (subscribers.size > 0 || !off) return;
    off();
    off = undefined;
    clearInterval(heartbeat);
  };

  return {
    get size() {
      return subscribers.size;
    },
    open(reply) {
      if (subscribers.size >= limits.maxSubscribers) {
        throw new AdminInputError(`Too many event subscribers (limit ${limits.maxSubscribers}, set with --events-max-subscribers)`, 429);
      }
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // The stream starts with a comment so clients see the connection open at once.
      res.write(': provider-sim events\n\n');
      let ended = false;
      const sub: Subscriber = {
        reply,
        seq: 0,
        end(goodbye) {
          if (ended) return;
          ended = true;
          subscribers.delete(sub);
          unlisten();
          if (goodbye === undefined) {
            res.end();
            // A keep-alive socket would hold the server's shutdown until the client drops it.
            res.socket?.destroy();
            return;
          }
          // The goodbye joins what is already queued; a client that never reads it loses the
          // connection (and its buffer) after a grace period instead of holding them for ever.
          res.end(goodbye);
          setTimeout(() => res.socket?.destroy(), DROP_GRACE_MS).unref();
        },
      };
      subscribers.add(sub);
      listen();
      // The response's close (not the request's, which fires once a GET is read) means the client left.
      res.on('close', () => {
        ended = true;
        subscribers.delete(sub);
        unlisten();
        // Node keeps a connection that carried a never-finished response from counting as idle.
        res.socket?.destroy();
      });
    },
    closeAll() {
      for (const sub of [...subscribers]) sub.end();
    },
  };
}
