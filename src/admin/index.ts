// The /_sim admin API, registered from the route table in routes.ts: every route's input is
// validated with the table's zod schemas before its handler runs.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { describeZodError } from '../core/fixtures.js';
import { AdminInputError, HIJACKED } from './common.js';
import { createEventStreams } from './events.js';
import { JSON_BODY, type AdminGuard } from './guard.js';
import { createHandlers } from './handlers.js';
import { createRecordIndex } from './recordIndex.js';
import { ADMIN_PREFIX, adminRoutes, type AdminRouteName, type AdminRouteSpec } from './routes.js';
import type { AdminHost, HandlerInput } from './types.js';

export { ADMIN_PREFIX, adminRoutes, type AdminRouteSpec } from './routes.js';
export { AdvanceClockBody, SetClockBody } from './schemas.js';
export { AdminInputError, HIJACKED } from './common.js';
export type { AdminHandlers, AdminHost, HandlerInput } from './types.js';

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new AdminInputError(`${where}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

export async function adminPlugin(app: FastifyInstance, opts: { simulator: AdminHost; guard?: AdminGuard }) {
  const { simulator } = opts;
  const index = createRecordIndex(
    simulator.ctx.events,
    simulator.providers.map((p) => ({ provider: p.definition.slug, records: () => p.records })),
  );
  const { config } = simulator.ctx;
  const streams = createEventStreams(simulator.ctx.events, { maxSubscribers: config.eventsMaxSubscribers, maxBufferedBytes: config.eventsBufferBytes });
  const handlers = createHandlers({ simulator, index, stream: (reply) => streams.open(reply) });

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
