// The /_sim admin API, registered from the route table in routes.ts: every route's input is
// validated with the table's zod schemas before its handler runs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Simulator } from '../app.js';
import type { ProviderDefinition, ProviderRecords } from '../core/context.js';
import { describeZodError } from '../core/fixtures.js';
import { AdminInputError, HIJACKED } from './common.js';
import { createEventStreams } from './events.js';
import { JSON_BODY, type AdminGuard } from './guard.js';
import { createHandlers } from './handlers.js';
import { createRecordIndex } from './recordIndex.js';
import { ADMIN_PREFIX, adminRoutes, type AdminRouteName, type AdminRouteSpec } from './routes.js';

export { ADMIN_PREFIX, adminRoutes, type AdminRouteSpec } from './routes.js';
export { AdvanceClockBody, SetClockBody } from './schemas.js';
export { AdminInputError, HIJACKED } from './common.js';

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
  [K in AdminRouteName]: (typeof adminRoutes)[K] extends { registeredBy: string }
    ? undefined
    : (input: HandlerInput<(typeof adminRoutes)[K]>) => Promise<Answer<(typeof adminRoutes)[K]> | typeof HIJACKED>;
};

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new AdminInputError(`${where}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

export async function adminPlugin(app: FastifyInstance, opts: { simulator: Simulator; providers: readonly ProviderDefinition[]; guard?: AdminGuard }) {
  const { simulator, providers } = opts;
  // Each provider's record hooks, made once per simulator when first asked for (its runtime exists by then).
  const recordHooks = new Map<string, ProviderRecords | undefined>();
  const recordsOf = (p: ProviderDefinition): ProviderRecords | undefined => {
    if (!recordHooks.has(p.slug)) recordHooks.set(p.slug, p.records?.(simulator.ctx));
    return recordHooks.get(p.slug);
  };
  const index = createRecordIndex(
    simulator.ctx.events,
    providers.map((p) => ({ provider: p.slug, records: () => recordsOf(p) })),
  );
  const { config } = simulator.ctx;
  const streams = createEventStreams(simulator.ctx.events, { maxSubscribers: config.eventsMaxSubscribers, maxBufferedBytes: config.eventsBufferBytes });
  const handlers = createHandlers({ simulator, providers, index, recordsOf, stream: (reply) => streams.open(reply) });

  await app.register(
    async (admin) => {
      admin.addContentTypeParser(['application/yaml', 'application/x-yaml', 'text/yaml'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
      admin.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
        const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : err.name === 'ScenarioError' ? 400 : 500;
        if (status === 500) admin.log.error({ err }, 'admin request failed');
        void reply.code(status).send({ error: err.message });
      });
      admin.setNotFoundHandler(opts.guard?.checkToken ? { preHandler: opts.guard.checkToken } : {}, (request, reply) => reply.code(404).send({ error: `No admin route ${request.method} ${request.url.split('?')[0]}` }));

      for (const [name, spec] of Object.entries(adminRoutes) as [AdminRouteName, AdminRouteSpec][]) {
        if (spec.registeredBy) continue;
        const handler = handlers[name] as ((input: HandlerInput<AdminRouteSpec>) => Promise<unknown>) | undefined;
        if (!handler) throw new Error(`admin route ${name} has no handler`);
        admin.route({
          method: spec.method,
          url: spec.path,
          // The guard (guard.ts) reads these: health is open to all, and a body may come as JSON or as the route's other types.
          config: { adminPublic: name === 'health', adminBodyTypes: spec.bodyTypes ? [...JSON_BODY, ...spec.bodyTypes] : undefined },
          handler: async (request, reply) => {
            const input = {
              params: parse(spec.params, request.params, 'path'),
              query: parse(spec.query, request.query, 'query'),
              body: spec.rawBody ? request.body : parse(spec.body, request.body, 'body'),
              request,
              reply,
            } as HandlerInput<AdminRouteSpec>;
            const result = await handler(input);
            if (result === HIJACKED) return reply;
            return reply.code(spec.status ?? 200).send(result);
          },
        });
      }
      admin.addHook('preClose', (done) => {
        streams.closeAll();
        done();
      });
      admin.addHook('onClose', async () => index.close());
    },
    { prefix: ADMIN_PREFIX },
  );
}
