// The admin token may come in a query string (`/_sim/ui?token=…`, the sandbox UI's bookmark form):
// no log line or journal entry may carry it. Fastify's request serializer and its own "route not
// found" line are the places a URL reaches the log; both go through `redactUrl`.
import type { FastifyRequest } from 'fastify';
import { LogController } from 'fastify';

const TOKEN_PARAM = /([?&](?:token|x-sim-admin-token)=)[^&#]*/gi;

/** The URL with the value of every `token` (or `x-sim-admin-token`) query parameter masked. */
export const redactUrl = (url: string): string => (url.includes('=') ? url.replace(TOKEN_PARAM, '$1[redacted]') : url);

/** Fastify's own request serializer, with the URL redacted. */
export function serializeRequest(request: FastifyRequest) {
  const version = request.headers['accept-version'];
  return {
    method: request.method,
    url: redactUrl(request.url),
    version: typeof version === 'string' ? version : undefined,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** Fastify's log lines, but the "route not found" one, which prints the raw URL, redacts it. */
export class RedactingLogController extends LogController {
  override routeNotFound(request: FastifyRequest, reply: Parameters<LogController['routeNotFound']>[1], metadata?: unknown) {
    if (this.isLogDisabled(request)) return;
    request.log.info(`Route ${request.raw.method}:${redactUrl(request.raw.url ?? '')} not found`);
  }
}
