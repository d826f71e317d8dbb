// How a Devino operation is served: any method reaches the route (a wrong one gets Devino's
// envelope, not Fastify's); its parameters are read once, from query and body alike, then its
// session once (for an operation of a signed-in account), and both handed to the handler; the
// answer is JSON text with Devino's headers and .NET date escaping.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toDotNetJson } from '../dates.js';
import { DevinoError } from '../errors.js';
import type { z } from 'zod';
import type { DevinoAuth } from '../auth.js';
import { collectParams, readParams } from '../params.js';
import type { DevinoAccountFixture } from '../schemas.js';

const ANY_METHOD = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

export function sendDevino(reply: FastifyReply, status: number, value: unknown) {
  return reply
    .code(status)
    .header('cache-control', 'private')
    .type('application/json; charset=utf-8')
    .send(toDotNetJson(value));
}

type Aliases = Readonly<Record<string, readonly string[]>>;

export interface DevinoOperation<S extends z.ZodObject> {
  path: string;
  operation: string;
  methods: readonly ('GET' | 'POST')[];
  /** The operation's parameters, read once from query and body in the schema's order (a missing one is error 1). */
  params: S;
  /** Other names a parameter answers to. */
  aliases?: Aliases;
  handle(params: z.output<S>, request: FastifyRequest): unknown;
}

/** An operation of a signed-in account: its parameters, then its session (errors 3, 4, 7), in the spec's order. */
export interface SessionOperation<S extends z.ZodObject> extends Omit<DevinoOperation<S>, 'handle'> {
  handle(params: z.output<S>, account: DevinoAccountFixture, request: FastifyRequest): unknown;
}

export function registerSessionOperation<S extends z.ZodObject>(app: FastifyInstance, auth: DevinoAuth, op: SessionOperation<S> & (z.output<S> extends { SessionID: string } ? unknown : never)) {
  registerOperation(app, { ...op, handle: (params, request) => op.handle(params, auth.authenticate((params as { SessionID: string }).SessionID, request), request) });
}

export function registerOperation<S extends z.ZodObject>(app: FastifyInstance, op: DevinoOperation<S>) {
  const allowed = new Set<string>(op.methods.includes('GET') ? [...op.methods, 'HEAD'] : op.methods);
  app.route({
    method: ANY_METHOD,
    url: op.path,
    config: { provider: 'devino', operation: op.operation },
    // Synchronous: Fastify catches what it throws, and an async handler costs a promise per request.
    handler(request, reply) {
      if (!allowed.has(request.method)) {
        throw new DevinoError(6, `The requested resource does not support http method '${request.method}'.`, 405);
      }
      sendDevino(reply, 200, op.handle(readParams(collectParams(request), op.params, op.aliases), request));
    },
  });
}
