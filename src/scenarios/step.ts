// The scenario step of the provider request pipeline (core/pipeline.ts, step 4): a request that
// carries `X-Sim-Scenario`, or meets a globally active request rule, asks the engine what to do once
// its body is parsed; the handler then runs inside the request's scenario scope.
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ProviderDefinition } from '../core/context.js';
import { markOffContract } from '../core/offContract.js';
import type { ScenarioStep } from '../core/pipeline.js';
import type { RequestEffects, ScenarioEngine } from './engine.js';
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

/** A gateway's error page, as nginx in front of a real provider answers when the backend is down. */
const gatewayPage = (status: number) =>
  `<html>\r\n<head><title>${status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>${status} ${status === 503 ? 'Service Temporarily Unavailable' : status === 504 ? 'Gateway Time-out' : 'Bad Gateway'}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

export interface ScenarioStepHandle extends ScenarioStep {
  /** Drops the connections a `hang` fault holds (the server is closing). */
  close(): void;
}

export function createScenarioStep(engine: ScenarioEngine, providers: readonly ProviderDefinition[]): ScenarioStepHandle {
  const bySlug = new Map(providers.map((p) => [p.slug, p]));
  const hung = new Set<Socket>();

  function applyFault(request: FastifyRequest, reply: FastifyReply, fault: Fault, journal: (note: string) => void) {
    const socket = request.raw.socket;
    switch (fault.type) {
      case 'reset':
        journal('connection reset');
        reply.hijack();
        socket.resetAndDestroy();
        return;
      case 'empty':
        journal('empty reply');
        reply.hijack();
        socket.end();
        return;
      case 'hang': {
        journal('hang');
        reply.hijack();
        hung.add(socket);
        const timer = setTimeout(() => socket.destroy(), fault.hangFor ?? DEFAULT_HANG_MS);
        timer.unref();
        socket.once('close', () => {
          clearTimeout(timer);
          hung.delete(socket);
        });
        return;
      }
      case 'malformed':
        void markOffContract(reply)
          .code(200)
          .type('application/json; charset=utf-8')
          .send(fault.body ?? '{"result":"ok","status":"ok","id":"1');
        return;
      case 'http': {
        const status = fault.status ?? 502;
        void markOffContract(reply).code(status).type('text/html').send(fault.body ?? gatewayPage(status));
      }
    }
  }

  return {
    wants: (request) => request.headers[SCENARIO_HEADER] !== undefined || engine.hasGlobalRequestRules(),

    run(request, reply, facts, next, journal) {
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
      // The handler and every timer it sets run in the request's scope.
      const proceed = () => (scope ? runInScope(scope, next) : next());
      let effects: RequestEffects | undefined;
      try {
        effects = runInScope(scope, () => (engine.hasRequestRules() ? engine.request(facts()) : undefined));
      } catch (err) {
        return next(err as Error);
      }
      if (!effects) return proceed();
      const found = effects;
      request.log.debug({ rules: found.rules }, 'scenario rules applied');
      void reply.header('x-sim-rule', found.rules.join(', '));
      const act = () => {
        if (found.fault) return applyFault(request, reply, found.fault, journal);
        if (found.error) {
          const rendered = bySlug.get(found.error.provider)?.errors?.render(found.error.code, found.error.message);
          if (!rendered) return proceed();
          return void reply
            .code(rendered.status)
            .headers(rendered.headers ?? {})
            .send(rendered.body);
        }
        proceed();
      };
      if (found.latencyMs) sleep(found.latencyMs).then(act, (err: Error) => next(err));
      else act();
    },

    close() {
      for (const socket of hung) socket.destroy();
      hung.clear();
    },
  };
}
