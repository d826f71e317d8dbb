// Where the engine meets the HTTP server: every provider route (one with `config.provider`) reads
// its `X-Sim-Scenario` header and asks the engine what to do once the body is parsed, then runs
// its handler inside the request's scenario scope.
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { ProviderInstance, SimContext } from '../core/context.js';
import { markOffContract } from '../core/offContract.js';
import type { RequestEffects, ScenarioEngine } from './engine.js';
import { normalizeNumber } from './patterns.js';
import type { Fault } from './schema.js';
import { runInScope, type Scope } from './scope.js';

export const SCENARIO_HEADER = 'x-sim-scenario';

const DEFAULT_HANG_MS = 300_000;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the request carries `X-Sim-Scenario`. */
    simScope?: Scope;
  }
}

const NUMBER_KEY = /^(destination\w*|dest_?addr|number|numbers|phone|phones|msisdn|to|recipients?|subscribers?)$/i;

/** For providers without a `numbers` hook: values of number-like fields anywhere in the input. */
export function scanNumbers(input: unknown, out: string[] = [], key = ''): string[] {
  if (Array.isArray(input)) for (const v of input) scanNumbers(v, out, key);
  else if (input && typeof input === 'object') for (const [k, v] of Object.entries(input)) scanNumbers(v, out, NUMBER_KEY.test(k.replace(/\[\d*\]$/, '')) ? k : '');
  else if (key && (typeof input === 'string' || typeof input === 'number')) {
    const digits = normalizeNumber(String(input));
    if (digits.length >= 10 && digits.length <= 15) out.push(digits);
  }
  return out;
}

function mergedInput(request: FastifyRequest): unknown {
  const query = request.query && typeof request.query === 'object' ? request.query : {};
  const body = request.body;
  if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) return { ...query, ...body };
  return query;
}

/** A route's hooks as one list (Fastify takes a function or an array). */
export const asArray = <T>(hooks: T | T[] | undefined): T[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);

/** A gateway's error page, as nginx in front of a real provider answers when the backend is down. */
const gatewayPage = (status: number) =>
  `<html>\r\n<head><title>${status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>${status} ${status === 503 ? 'Service Temporarily Unavailable' : status === 504 ? 'Gateway Time-out' : 'Bad Gateway'}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

/** Runs a handler after the engine had its say and sends what it returns, as Fastify does with a handler's result. */
function answer(reply: FastifyReply, run: () => unknown) {
  let result: unknown;
  try {
    result = run();
  } catch (err) {
    return void reply.send(err as Error);
  }
  if (result === reply || result === undefined) return;
  if (result instanceof Promise) {
    result.then(
      (value: unknown) => {
        if (value !== undefined && value !== reply && !reply.sent) void reply.send(value);
      },
      (err: Error) => void reply.send(err),
    );
  } else if (!reply.sent) void reply.send(result);
}

export function installScenarioHooks(app: FastifyInstance, ctx: SimContext, engine: ScenarioEngine, providers: readonly ProviderInstance[]) {
  const bySlug = new Map(providers.map((p) => [p.definition.slug, p]));
  const hung = new Set<Socket>();

  const journalFault = (request: FastifyRequest, reply: FastifyReply, what: string) => {
    const { provider, operation } = request.routeOptions.config;
    ctx.journal.record({
      at: ctx.clock.now(),
      method: request.method,
      url: request.url,
      provider,
      operation,
      account: request.simAccount,
      status: 0,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      body: request.body,
      response: `(${what})`,
      headers: request.headers,
    });
  };

  function applyFault(request: FastifyRequest, reply: FastifyReply, fault: Fault) {
    const socket = request.raw.socket;
    switch (fault.type) {
      case 'reset':
        journalFault(request, reply, 'connection reset');
        reply.hijack();
        socket.resetAndDestroy();
        return reply;
      case 'empty':
        journalFault(request, reply, 'empty reply');
        reply.hijack();
        socket.end();
        return reply;
      case 'hang': {
        journalFault(request, reply, 'hang');
        reply.hijack();
        hung.add(socket);
        const timer = setTimeout(() => socket.destroy(), fault.hangFor ?? DEFAULT_HANG_MS);
        timer.unref();
        socket.once('close', () => {
          clearTimeout(timer);
          hung.delete(socket);
        });
        return reply;
      }
      case 'malformed':
        return markOffContract(reply)
          .code(200)
          .type('application/json; charset=utf-8')
          .send(fault.body ?? '{"result":"ok","status":"ok","id":"1');
      case 'http': {
        const status = fault.status ?? 502;
        return markOffContract(reply).code(status).type('text/html').send(fault.body ?? gatewayPage(status));
      }
    }
  }

  /** Asks the engine what to do with the request, then runs the rest (the handler and every timer it sets) in the request's scope. */
  // Only reached with a header or an active request rule: the route's handler skips it otherwise.
  const scenarioStepFor = (slug: string, operation: string | undefined): preHandlerHookHandler => {
    const provider = bySlug.get(slug);
    return (request, reply, done) => {
      const header = request.headers[SCENARIO_HEADER];
      if (header !== undefined) {
        try {
          request.simScope = engine.scopeFromHeader(Array.isArray(header) ? header.join(',') : header);
        } catch (err) {
          void markOffContract(reply).code((err as { statusCode?: number }).statusCode ?? 400).send({ error: (err as Error).message });
          return;
        }
      }
      const scope = request.simScope;
      const next = () => (scope ? runInScope(scope, done) : done());
      let effects: RequestEffects | undefined;
      try {
        effects = runInScope(scope, () => {
          if (!engine.hasRequestRules()) return undefined;
          const input = mergedInput(request);
          return engine.request({
            provider: slug,
            operation,
            method: request.method,
            account: provider?.identify?.(request),
            numbers: provider?.numbers ? provider.numbers(request) : scanNumbers(input),
            input,
          });
        });
      } catch (err) {
        return done(err as Error);
      }
      if (!effects) return next();
      const found = effects;
      request.log.debug({ rules: found.rules }, 'scenario rules applied');
      void reply.header('x-sim-rule', found.rules.join(', '));
      const act = () => {
        if (found.fault) return void applyFault(request, reply, found.fault);
        if (found.error) {
          const rendered = bySlug.get(found.error.provider)?.definition.errors?.render(found.error.code, found.error.message);
          if (!rendered) return next();
          return void reply
            .code(rendered.status)
            .headers(rendered.headers ?? {})
            .send(rendered.body);
        }
        next();
      };
      if (found.latencyMs) sleep(found.latencyMs).then(act, (err: Error) => done(err));
      else act();
    };
  };

  // Provider routes only: other routes (admin, docs, UI) pay nothing, and the provider and operation
  // are known once per route instead of read per request. The engine is asked inside the route's
  // handler rather than by a preHandler hook: the common request (no header, no request rule)
  // goes straight to the handler without Fastify's hook runner.
  app.addHook('onRoute', (route) => {
    const slug = route.config?.provider;
    if (!slug) return;
    const scenario = scenarioStepFor(slug, route.config?.operation);
    const handler = route.handler;
    route.handler = function scenarioAware(this: FastifyInstance, request, reply) {
      if (request.headers[SCENARIO_HEADER] === undefined && !engine.hasGlobalRequestRules()) return handler.call(this, request, reply);
      scenario.call(this, request, reply, (err?: Error) => (err ? void reply.send(err) : answer(reply, () => handler.call(this, request, reply))));
      return reply;
    };
  });

  app.addHook('preClose', (done) => {
    for (const socket of hung) socket.destroy();
    hung.clear();
    done();
  });
}
