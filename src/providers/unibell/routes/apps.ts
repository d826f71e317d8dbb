// `/apps/activate` (both forms), `/dialog_record_by_reference` and `/balance`.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { authenticate } from '../auth.js';
import { jsonBody, parseBody } from '../body.js';
import { invalidData, invalidScheme } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { CampaignActivateBody, SingleActivateBody, type BalanceResponse, type CampaignActivateResponse, type NoRecordsResponse, type OkResponse } from '../schemas.js';
import { recordingKey } from '../store.js';
import { toneWav } from '../wav.js';

const cfg = (operation: string) => ({ provider: 'unibell', operation });
const CAMPAIGN_KEYS = ['numberId', 'numberPoolId', 'abonentListId'];
/** Recordings are short tones: small, yet as long as the talk (up to this) so players show a length. */
const MAX_RECORDING_MS = 2000;
const DIAL_TONE_HZ = 425;

/** `100` -> "100.0", `98.5` -> "98.5", `98.25` -> "98.25", as the spec's example writes it. */
export const formatBalance = (balance: number) => balance.toFixed(2).replace(/(\.\d)0$/, '$1');

export async function appRoutes(app: FastifyInstance, rt: Runtime) {
  const { catalog, activation, slice, ctx } = rt;

  // Synchronous handlers: Fastify sends what they return and catches what they throw (an async one costs a promise per request).
  app.post('/apps/activate', { config: cfg('apps.activate') }, (request) => {
    const a = authenticate(request, catalog);
    const raw = jsonBody(request);
    const keys = raw && typeof raw === 'object' ? Object.keys(raw) : [];
    if (keys.some((k) => CAMPAIGN_KEYS.includes(k))) {
      if (keys.includes('destAddr')) throw invalidScheme('A single call (destAddr) and a campaign (numberId, abonentListId) cannot be mixed');
      const requestId = activation.campaign(a, parseBody(CampaignActivateBody, raw));
      return { status: 'ok', requestId } satisfies z.infer<typeof CampaignActivateResponse>;
    }
    activation.single(a, parseBody(SingleActivateBody, raw));
    return { status: 'ok' } satisfies z.infer<typeof OkResponse>;
  });

  app.get<{ Querystring: { reference?: unknown } }>('/dialog_record_by_reference', { config: cfg('dialogRecord') }, async (request, reply) => {
    const a = authenticate(request, catalog);
    const raw = request.query.reference;
    const reference = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (typeof reference !== 'string' || reference === '') throw invalidData('reference is required');
    const callId = slice.state.recordings[recordingKey(a.account, reference)];
    const call = callId ? slice.state.calls.get(callId) : undefined;
    if (!call) return reply.code(404).send({ errorReason: 'No records found' } satisfies z.infer<typeof NoRecordsResponse>);
    return reply
      .header('content-type', 'audio/wav')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(reference)}.wav`)
      .send(toneWav(DIAL_TONE_HZ, Math.min(MAX_RECORDING_MS, Math.max(100, call.outcome.durationSec * 1000))));
  });

  app.get('/balance', { config: cfg('balance') }, (request) => {
    const a = authenticate(request, catalog);
    const balance = ctx.accounts.get('unibell', a.account)?.balance ?? 0;
    return { personalAccountId: a.account, balance: formatBalance(balance), status: 'ok' } satisfies z.infer<typeof BalanceResponse>;
  });
}
