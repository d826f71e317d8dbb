// Unibell platform API (api.unibell.ru): media library, app activation (single calls and
// campaigns with repeats), GET callbacks, call recordings and balance.
import multipart from '@fastify/multipart';
import type { ProviderDefinition, ProviderRecords, SimContext } from '../../core/context.js';
import { normalizeMsisdn } from '../../core/phone.js';
import { adminRoutes } from './admin.js';
import { appRoutes } from './appRoutes.js';
import { authenticate } from './auth.js';
import { installJsonAnyTypeParser } from './body.js';
import { installErrorHandlers, unibellErrors } from './errors.js';
import { decideOutcome, OUTCOME_VOCABULARY, OUTCOME_WORDS, outcomeOf } from './outcomes.js';
import { mediaRoutes } from './mediaRoutes.js';
import { runtimeFor } from './runtime.js';

export const unibell: ProviderDefinition = {
  slug: 'unibell',
  title: 'Unibell platform API (api.unibell.ru)',
  prefix: '/unibell',
  hosts: [{ host: 'api.unibell.ru' }],
  async plugin(app, ctx) {
    const rt = runtimeFor(ctx);
    installErrorHandlers(app);
    installJsonAnyTypeParser(app);
    await app.register(multipart, { limits: { fileSize: ctx.config.bodyLimit, files: 1, fields: 10 } });
    await mediaRoutes(app, rt);
    await appRoutes(app, rt);
  },
  async admin(app, ctx) {
    await adminRoutes(app, runtimeFor(ctx));
  },
  errors: unibellErrors,
  identify(request, ctx) {
    try {
      return authenticate(request, runtimeFor(ctx).catalog).account;
    } catch {
      return undefined;
    }
  },
  numbers(request) {
    const body = request.body as { destAddr?: unknown } | undefined;
    const raw = body && typeof body === 'object' ? body.destAddr : undefined;
    return typeof raw === 'string' || typeof raw === 'number' ? [normalizeMsisdn(String(raw)) ?? String(raw)] : [];
  },
  records,
  outcomes: OUTCOME_VOCABULARY,
};

function records(ctx: SimContext): ProviderRecords {
  const rt = runtimeFor(ctx);
  const words = Object.keys(OUTCOME_WORDS).filter((w) => w !== 'rpcerror');
  return {
    states: { call: words },
    get(kind, id) {
      if (kind === 'campaign') return rt.slice.state.campaigns[id];
      return kind === 'call' ? rt.slice.state.calls.get(id) : undefined;
    },
    forceState(kind, id, state) {
      if (kind !== 'call') return { error: `unibell records of kind ${kind} have no state to force (kinds: call)` };
      const call = rt.slice.state.calls.get(id);
      if (!call) return { error: `no unibell call ${id}` };
      if (call.state === 'ok' || call.state === 'error') return { error: `call ${id} has already ended (${call.state})` };
      const outcome = outcomeOf(state);
      if (!outcome || outcome === 'rpcError') return { error: `"${state}" is not a call outcome (${words.join(', ')})` };
      // The forced outcome is planned as a scenario outcome would be, then reached now.
      const decision = decideOutcome(rt.catalog.fixture, { destAddr: call.destAddr, variables: call.variables, form: 'campaign' }, { state: outcome, rule: 'admin' });
      if (decision.rpcError) return { error: 'rpcError cannot be forced' };
      rt.activation.lifecycle.force(call, decision.outcome);
      return { ok: true };
    },
  };
}
