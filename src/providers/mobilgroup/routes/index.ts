// The three endpoints: /api/send/, /api/get/ and /api/set/, all JSON POSTs.
import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../../../core/context.js';
import { authenticate, type Credentials } from '../auth.js';
import { UnreadableBody } from '../body.js';
import { fail } from '../errors.js';
import { moneyComma } from '../format.js';
import { SLUG, type MobilgroupStore } from '../store.js';
import {
  credentialsRead,
  GetRequest,
  type AccountFixture,
  type BalanceResponse,
  type MediaListResponse,
  type NumbersResponse,
  type StateResponse,
  type TemplatesResponse,
} from '../schemas.js';
import { sendBroadcast, type SendDeps } from '../send.js';
import { listTemplates, setTemplates } from '../templates.js';
import { stateView } from '../views.js';
import { safeParseCompiled } from '../../../core/compiledSchema.js';

const GetBody = GetRequest.extend(credentialsRead);

export interface RouteDeps extends SendDeps {
  credentials: Credentials;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof UnreadableBody);

/** An absent body reads as `{}` (PHP's json_decode of nothing); a JSON array or scalar, or a body that is not JSON, is not a request. */
const asObject = (body: unknown): Record<string, unknown> | undefined => (body === undefined || body === null ? {} : isRecord(body) ? body : undefined);

type GetResponse = StateResponse | BalanceResponse | MediaListResponse | NumbersResponse | TemplatesResponse;

function answerGet(ctx: SimContext, store: MobilgroupStore, account: AccountFixture, body: Record<string, unknown>): GetResponse {
  const parsed = safeParseCompiled(GetBody, body);
  if (!parsed.success) throw fail('Error_Unknown_Request');
  const { request, id, account: crm } = parsed.data;
  switch (request?.trim().toLowerCase()) {
    case 'state': {
      const broadcast = id === undefined ? undefined : store.broadcast(account.id, id.trim());
      if (!broadcast) throw fail('Error_ID_Not_Found');
      return stateView(broadcast);
    }
    case 'balance':
      return { result: 'ok', balance: moneyComma(ctx.accounts.get(SLUG, account.id)?.balance ?? 0), currency: 'Rub' };
    case 'scripts':
      return { result: 'ok', data: account.scripts.map((s) => ({ id: s.id, name: s.name, duration: String(s.duration) })) };
    case 'phrases':
      return { result: 'ok', data: account.phrases.map((p) => ({ id: p.id, name: p.name, duration: String(p.duration) })) };
    case 'numbers':
      return { result: 'ok', data: account.numbers.map((n) => ({ number: n.number, description: n.description })) };
    case 'templates':
      return listTemplates(store, account.id, crm, id);
    default:
      throw fail('Error_Unknown_Request');
  }
}

export function registerRoutes(app: FastifyInstance, deps: RouteDeps) {
  const { ctx, store, credentials } = deps;

  // Synchronous handlers: Fastify sends what they return and catches what they throw (an async one costs a promise per request).
  app.post('/api/send/', { config: { provider: SLUG, operation: 'send' } }, (request) => {
    const body = asObject(request.body);
    const account = authenticate(ctx, credentials, request, body ?? {});
    // PHP reads a body it cannot decode as nothing: the first check, the sender number, fails.
    return sendBroadcast(deps, account, body ?? {});
  });

  app.post('/api/get/', { config: { provider: SLUG, operation: 'get' } }, (request) => {
    const body = asObject(request.body);
    const account = authenticate(ctx, credentials, request, body ?? {});
    if (!body) throw fail('Error_Unknown_Request');
    return answerGet(ctx, store, account, body);
  });

  app.post('/api/set/', { config: { provider: SLUG, operation: 'set' } }, (request) => {
    const body = asObject(request.body);
    const account = authenticate(ctx, credentials, request, body ?? {});
    if (!body) throw fail('Unknown_Request');
    return setTemplates(store, account.id, body);
  });
}
