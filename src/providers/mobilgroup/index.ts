// Mobilgroup voice broadcasts (voice.mobilgroup.ru/api/): /send/, /get/ and /set/.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProviderDefinition, SimContext } from '../../core/context.js';
import { loadFixture } from '../../core/fixtures.js';
import { indexCredentials } from './auth.js';
import { fail, MobilgroupError } from './errors.js';
import { createLifecycle } from './lifecycle.js';
import { createMobilgroupStore, SLUG } from './mobilgroupStore.js';
import { registerRoutes } from './routes.js';
import { MobilgroupFixture } from './schemas.js';

/** /set/ writes "Unknown_Request" where /send/ and /get/ write "Error_Unknown_Request". */
const unknownRequest = (request: FastifyRequest) => fail(request.routeOptions.config.operation === 'set' ? 'Unknown_Request' : 'Error_Unknown_Request');

/** JSON whatever the Content-Type, as the platform reads the raw body; `__proto__` keys are dropped. */
function parseBody(_request: FastifyRequest, text: string | Buffer, done: (err: Error | null, body?: unknown) => void) {
  const source = typeof text === 'string' ? text : text.toString('utf8');
  if (source.trim() === '') return done(null, undefined);
  try {
    done(null, JSON.parse(source, (key, value: unknown) => (key === '__proto__' ? undefined : value)));
  } catch {
    done(new MobilgroupError('Error_Unknown_Request'));
  }
}

async function plugin(app: FastifyInstance, ctx: SimContext) {
  const fixtures = loadFixture(ctx.config.fixtures, SLUG, MobilgroupFixture);
  ctx.accounts.register(
    SLUG,
    fixtures.accounts.map((a) => ({ id: a.id, balance: a.balance, disabled: a.disabled })),
  );
  const accounts = new Map(fixtures.accounts.map((a) => [a.id, a]));
  const store = createMobilgroupStore(ctx, fixtures);
  const lifecycle = createLifecycle(ctx, store, fixtures, accounts);
  lifecycle.resume();

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, parseBody);

  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof MobilgroupError) {
      // A body that failed to parse on /set/ answers in /set/'s own words.
      const rendered = err.code === 'Error_Unknown_Request' ? unknownRequest(request) : err;
      return reply.code(err.status).send(rendered.body);
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(unknownRequest(request).body);
    if (err.statusCode !== undefined && err.statusCode < 500) return reply.code(200).send(unknownRequest(request).body);
    request.log.error({ err }, 'mobilgroup request failed');
    return reply.code(500).send(unknownRequest(request).body);
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(fail('Error_Unknown_Request').body));

  registerRoutes(app, { ctx, store, fixtures, lifecycle, credentials: indexCredentials(fixtures.accounts) });
}

export const mobilgroup: ProviderDefinition = {
  slug: SLUG,
  title: 'Mobilgroup voice broadcasts (voice.mobilgroup.ru/api)',
  prefix: '/mobilgroup',
  hosts: [{ host: 'voice.mobilgroup.ru', path: '/api/' }],
  plugin,
};
