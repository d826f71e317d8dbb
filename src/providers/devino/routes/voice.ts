// Devino voice operations: send a recorded file to a number, and read the message's state.
import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../../../core/context.js';
import type { DevinoAuth } from '../auth.js';
import { MSK_OFFSET, parseLocalDateTime } from '../dates.js';
import type { DevinoSlice, VoiceRecord } from '../store.js';
import { DevinoError, invalid } from '../errors.js';
import { normalizeNumber } from '../../../core/phone.js';
import { DEVINO_NUMBERS } from '../numbers.js';
import { registerOperation, registerSessionOperation } from './operation.js';
import { decideVoiceOutcome } from '../outcomes.js';
import { VoiceSendParams, VoiceStateParams, type DevinoFixture } from '../schemas.js';
import { VOICE_SENDING, VOICE_STATES } from '../states.js';
import type { VoiceLifecycle } from '../voiceLifecycle.js';

const MAX_RETRIES = 10;
const MAX_GAP_MINUTES = 1440;

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number) {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw invalid(name, `"${raw}" is not a whole number from ${min} to ${max}`);
  return n;
}

export function registerVoiceRoutes(app: FastifyInstance, ctx: SimContext, deps: { slice: DevinoSlice; fixture: DevinoFixture; auth: DevinoAuth; lifecycle: VoiceLifecycle }) {
  const { slice, fixture, auth, lifecycle } = deps;
  const { clock, accounts } = ctx;

  registerSessionOperation(app, auth, {
    path: '/rest/Voice/Send',
    operation: 'Voice/Send',
    methods: ['POST'],
    params: VoiceSendParams,
    handle(p, account) {
      const price = account.voice.price;
      const balance = accounts.get('devino', account.login)?.balance ?? 0;
      if (balance + 1e-9 < price) throw new DevinoError(5, `Not enough credits: ${price} needed, balance ${balance}`);
      const to = normalizeNumber(p.DestinationAddress, DEVINO_NUMBERS);
      if (!to) throw new DevinoError(2, `Invalid destination address: ${p.DestinationAddress}`);
      if (!account.voice.sourceNumbers.includes(p.SourceAddress.replace(/^\+/, ''))) throw new DevinoError(6, 'Invalid source address');
      const file = account.voice.files.find((f) => String(f.id) === p.FileId);
      if (!file) throw new DevinoError(2, `Invalid argument fileId: file ${p.FileId} is not in the media library`);
      const now = clock.now();
      let sendAt = now;
      if (p.SendDate !== undefined) {
        const at = parseLocalDateTime(p.SendDate, MSK_OFFSET);
        if (at === undefined) throw invalid('sendDate', `"${p.SendDate}" is not a date and time like 2011-01-28T16:00:00`);
        sendAt = Math.max(now, at);
      }
      const retryCount = wholeNumber('retryCount', p.RetryCount, 1, 1, MAX_RETRIES);
      const gap = wholeNumber('gap', p.Gap, fixture.timings.voiceDefaultGapMinutes, 0, MAX_GAP_MINUTES);
      const dtmfText = p.Dtmf?.toLowerCase();
      if (dtmfText !== undefined && dtmfText !== 'true' && dtmfText !== 'false') throw invalid('dtmf', `"${p.Dtmf}" is not true or false`);
      if (!accounts.charge('devino', account.login, price)) throw new DevinoError(5, 'Not enough credits');

      const rec: VoiceRecord = {
        id: slice.state.nextVoiceId++,
        account: account.login,
        from: p.SourceAddress.replace(/^\+/, ''),
        to,
        fileId: file.id,
        price,
        createdAt: now,
        sendAt,
        retryCount,
        gapMs: gap * 60_000,
        dtmf: dtmfText === 'true',
        state: VOICE_SENDING,
        attempt: 0,
        nextAt: sendAt + fixture.timings.voiceDialMs,
        plan: decideVoiceOutcome(
          fixture,
          to,
          file.durationSec,
          dtmfText === 'true',
          ctx.scenarios.outcome({ provider: 'devino', kind: 'voice', account: account.login, number: to, operation: 'Voice/Send' }),
        ),
        attempts: [],
        history: [[VOICE_SENDING, now]],
      };
      lifecycle.accept(rec);
      return { messageId: rec.id };
    },
  });

  registerSessionOperation(app, auth, {
    path: '/rest/Voice/State',
    operation: 'Voice/State',
    methods: ['GET', 'POST'],
    params: VoiceStateParams,
    handle(p, account) {
      const rec = /^\d+$/.test(p.MessageID) ? slice.state.voice.get(Number(p.MessageID)) : undefined;
      if (!rec || rec.account !== account.login) throw invalid('messageId', `no voice message ${p.MessageID}`);
      return { state: rec.state, desc: VOICE_STATES[rec.state] };
    },
  });
}
