// `GET /_sim/events`: every simulator event as Server-Sent Events, for the sandbox UI and for tests
// that wait for a state instead of polling.
import type { FastifyReply } from 'fastify';
import type { EventBus } from '../core/events.js';

const HEARTBEAT_MS = 15_000;

/** Streams until the client goes; returns a function that ends the stream (server shutdown). */
export function streamEvents(events: EventBus, reply: FastifyReply): () => void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let seq = 0;
  // The stream starts with a comment so clients see the connection open at once.
  res.write(': provider-sim events\n\n');
  const off = events.onAny((name, event) => {
    res.write(`id: ${++seq}\nevent: ${name}\ndata: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const stop = () => {
    off();
    clearInterval(heartbeat);
  };
  // The response's close (not the request's, which fires once a GET is read) means the client left.
  res.on('close', stop);
  return () => {
    stop();
    res.end();
    // A keep-alive socket would hold the server's shutdown until the client drops it.
    res.socket?.destroy();
  };
}
