// The guard of every /_sim route: the admin token (when one is configured) and the content-type
// rule that keeps a cross-site web page from changing the simulator.
//
// It is decided per route, when the route is registered (an onRoute hook adds a route-level
// onRequest hook), never by reading `request.url` per request: the same route is reached by
// `/_sim/reset`, `/%5Fsim/RESET/`, `http://any.host/_sim/reset` (the absolute form a proxy client
// sends) or a provider host name's rewrite, and whatever the router matched is what is guarded.
// A route under /_sim is guarded unless it says `config.adminPublic` (health, the UI's page shell).
//
// The content-type rule: a state-changing admin request (POST, PUT, PATCH, DELETE) takes its body
// as `application/json` (or the route's `config.adminBodyTypes`), types an HTML form cannot send; a
// request with no Content-Type is accepted only without a body. A cross-site form always sends
// `application/x-www-form-urlencoded`, `multipart/form-data` or `text/plain`, and a cross-site
// `fetch` that wants another type must first pass a CORS preflight, which the simulator never grants.
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import { tokenChecker, tokenOf } from './token.js';

export const ADMIN_ROOT = '/_sim';
export const JSON_BODY: readonly string[] = ['application/json'];
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const isAdminRoute = (url: string) => {
  const lower = url.toLowerCase();
  return lower === ADMIN_ROOT || lower.startsWith(`${ADMIN_ROOT}/`);
};

/** The media type of a Content-Type header, lower-cased and without parameters. */
const mediaType = (header: string) => header.split(';')[0].trim().toLowerCase();

const hasBody = (request: FastifyRequest) => {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
};

function tokenHook(token: string): onRequestHookHandler {
  const matches = tokenChecker(token);
  return (request, reply, done) => {
    const given = tokenOf(request.headers);
    if (given !== undefined && matches(given)) return done();
    void reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="provider-sim admin"')
      .send({ error: given === undefined ? 'The admin API needs a token: Authorization: Bearer <SIM_ADMIN_TOKEN>' : 'The admin token is wrong' });
  };
}

function contentTypeHook(accepted: readonly string[]): onRequestHookHandler {
  const list = accepted.join(', ');
  const refuse = (reply: FastifyReply, what: string) =>
    void reply.code(415).send({ error: `${what}: this admin route accepts a body only as ${list} (or no body and no Content-Type)` });
  return (request, reply, done) => {
    if (!STATE_CHANGING.has(request.method)) return done();
    const header = request.headers['content-type'];
    if (header === undefined) return hasBody(request) ? refuse(reply, 'A body without a Content-Type') : done();
    const type = mediaType(header);
    return accepted.includes(type) ? done() : refuse(reply, `Content-Type ${type || '(empty)'}`);
  };
}

export interface AdminGuard {
  /** The token check (when a token is configured), for the admin API's not-found handler: without the token, nobody learns which paths exist. */
  checkToken?: onRequestHookHandler;
}

/** Adds the guard to every /_sim route registered after this call (in any plugin). */
export function installAdminGuard(app: FastifyInstance, token: string | undefined): AdminGuard {
  const checkToken = token ? tokenHook(token) : undefined;
  const byTypes = new Map<string, onRequestHookHandler>();
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!isAdminRoute(route.url)) return;
    const guards: onRequestHookHandler[] = [];
    if (checkToken && !route.config?.adminPublic) guards.push(checkToken);
    const methods = asArray(route.method);
    if (methods.some((m) => STATE_CHANGING.has(m))) {
      const accepted = route.config?.adminBodyTypes ?? JSON_BODY;
      const key = accepted.join(',');
      let hook = byTypes.get(key);
      if (!hook) byTypes.set(key, (hook = contentTypeHook(accepted)));
      guards.push(hook);
    }
    // First, before any hook the route brings: nothing of the route runs for a refused request.
    if (guards.length > 0) route.onRequest = [...guards, ...asArray(route.onRequest)];
  });
  return { checkToken };
}
