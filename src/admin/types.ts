// The admin API's own types: what it drives (AdminHost) and what each route's handler takes and
// answers, from the route table. Apart from index.ts, so the handlers and the plugin do not import
// each other.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ProviderInstance, SimContext } from '../core/context.js';
import type { ScenarioEngine } from '../scenarios/index.js';
import type { HIJACKED } from './common.js';
import type { AdminRouteName, AdminRouteSpec, adminRoutes } from './routes.js';

type Parsed<R, K extends string> = R extends { [P in K]: infer S extends z.ZodType } ? z.output<S> : undefined;
type Answer<R> = R extends { response: infer S extends z.ZodType } ? z.input<S> : never;

export interface HandlerInput<R extends AdminRouteSpec> {
  params: Parsed<R, 'params'>;
  query: Parsed<R, 'query'>;
  /** Parsed with the table's schema, or the raw body for `rawBody` routes. */
  body: R extends { rawBody: true } ? unknown : Parsed<R, 'body'>;
  request: FastifyRequest;
  reply: FastifyReply;
}

export type AdminHandlers = {
  [K in AdminRouteName]: (input: HandlerInput<(typeof adminRoutes)[K]>) => Promise<Answer<(typeof adminRoutes)[K]> | typeof HIJACKED>;
};

/** What the admin API drives: one simulator (app.ts's Simulator is one). */
export interface AdminHost {
  ctx: SimContext;
  /** Its routes, for traffic played through the providers' own code paths. */
  app: Pick<FastifyInstance, 'inject'>;
  /** The providers it serves, in registry order. */
  providers: readonly ProviderInstance[];
  scenarios: ScenarioEngine;
  /** Back to the fixtures. */
  reset(): void;
}
