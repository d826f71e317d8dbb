// How a Devino operation is served: any method reaches the route (a wrong one gets Devino's
// envelope, not Fastify's), parameters come from query and body alike, and the answer is JSON
// text with Devino's headers and .NET date escaping.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toDotNetJson } from '../dates.js';
import { DevinoError } from '../errors.js';
import { collectParams, type ParamBag } from '../params.js';

const ANY_METHOD = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

export function sendDevino(reply: FastifyReply, status: number, value: unknown) {
  return reply
    .code(status)
    .header('cache-control', 'private')
    .type('application/json; charset=utf-8')
    .send(toDotNetJson(value));
}

export interface DevinoOperation {
  path: string;
  operation: string;
  methods: readonly ('GET' | 'POST')[];
  handle(request: FastifyRequest, params: ParamBag): unknown;
}

export function registerOperation(app: FastifyInstance, op: DevinoOperation) {
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
      sendDevino(reply, 200, op.handle(request, collectParams(request)));
    },
  });
}
