// VoicePassword: flash calls and voice passwords with SMS fallback (vp.voicepassword.ru), also
// answered on the Mobilgroup host, where the same platform serves the same paths.
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { ProviderDefinition, SimContext } from '../../core/context.js';
import { loadFixture } from '../../core/fixtures.js';
import { createAuthenticator } from './auth.js';
import { createCallStore, type CallStore } from './callStore.js';
import { VoicePasswordError, fail } from './errors.js';
import { createLifecycle } from './lifecycle.js';
import { createNumberRules } from './numbers.js';
import { registerRoutes, SLUG } from './routes.js';
import { VoicePasswordFixture } from './schemas.js';

/** Each simulator's store, for the provider's admin routes (several simulators may share a process). */
const storesByContext = new WeakMap<SimContext, CallStore>();

/**
 * The real handler reads the raw body as JSON whatever the content type (PHP clients that forget
 * the header send JSON as `application/x-www-form-urlencoded`); anything that is not JSON is not a request.
 */
function parseLooseBody(_req: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) {
  const text = body.toString().replace(/^\uFEFF/, '').trim();
  if (text === '') return done(null, undefined);
  try {
    return done(null, JSON.parse(text));
  } catch {
    return done(fail('unknown_request'));
  }
}

function renderError(err: FastifyError | VoicePasswordError, ctx: SimContext) {
  if (err instanceof VoicePasswordError) return { status: err.status, body: err.body };
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, body: fail('unknown_request').body };
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status: 200, body: fail('unknown_request').body };
  ctx.logger.error({ err }, 'voicepassword request failed');
  return { status: 500, body: fail('unknown_request').body };
}

async function plugin(app: FastifyInstance, ctx: SimContext) {
  const fixture = loadFixture(ctx.config.fixtures, SLUG, VoicePasswordFixture);
  ctx.accounts.register(
    SLUG,
    fixture.accounts.map((a) => ({ id: a.id, balance: a.balance, disabled: a.disabled })),
  );
  const calls = createCallStore(ctx.store, fixture);
  storesByContext.set(ctx, calls);
  const lifecycle = createLifecycle(ctx, calls);
  lifecycle.resume();

  app.removeContentTypeParser(['application/x-www-form-urlencoded', 'text/plain']);
  app.addContentTypeParser(['application/x-www-form-urlencoded', 'text/plain'], { parseAs: 'string' }, parseLooseBody);
  app.addContentTypeParser('*', { parseAs: 'string' }, parseLooseBody);

  app.setErrorHandler((err: FastifyError | VoicePasswordError, _request, reply) => {
    const { status, body } = renderError(err, ctx);
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(fail('unknown_request').body));

  await registerRoutes(app, {
    ctx,
    fixture,
    auth: createAuthenticator(SLUG, fixture, ctx.accounts),
    calls,
    lifecycle,
    numbers: createNumberRules(fixture),
  });
}

/** `/_sim/voicepassword/calls/:id`: a call as the simulator holds it, with the calling number a phone would show. */
async function admin(app: FastifyInstance, ctx: SimContext) {
  app.get<{ Params: { id: string } }>('/calls/:id', async (request, reply) => {
    const call = storesByContext.get(ctx)?.byId(request.params.id);
    if (!call) return reply.code(404).send({ error: `no voicepassword call ${request.params.id}` });
    return call;
  });
}

export const voicepassword: ProviderDefinition = {
  slug: SLUG,
  title: 'VoicePassword flash call and voice password (vp.voicepassword.ru)',
  prefix: '/voicepassword',
  hosts: [{ host: 'vp.voicepassword.ru' }, { host: 'voice.mobilgroup.ru', path: '/api/voice-password/' }],
  plugin,
  admin,
};
