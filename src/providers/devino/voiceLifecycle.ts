// A voice message's life on the simulator clock. 0 "Отправляется" while waiting for a dial attempt,
// 1 "Отправлено" while a call is up, then 2 listened, 3 not listened after the last unanswered
// attempt, or 4 error. Unanswered and busy attempts are redialled `gap` minutes later.
import type { SimContext } from '../../core/context.js';
import { voiceKey, type DevinoSlice, type VoiceRecord } from './store.js';
import type { DevinoFixture, VoiceAttemptOutcome } from './schemas.js';
import { isVoiceFinal, VOICE_ERROR, VOICE_LISTENED, VOICE_NOT_LISTENED, VOICE_SENDING, VOICE_SENT } from './states.js';

const BUSY_MS = 3_000;
const ERROR_MS = 1_000;
const ANSWER_MS = 5_000;

export function createVoiceLifecycle(ctx: SimContext, slice: DevinoSlice, fixture: DevinoFixture) {
  const { clock, events } = ctx;
  const { voiceRingMs } = fixture.timings;

  const outcomeOf = (rec: VoiceRecord): VoiceAttemptOutcome =>
    rec.plan.attempts[Math.min(rec.attempt - 1, rec.plan.attempts.length - 1)];

  const attemptLength = (rec: VoiceRecord, outcome: VoiceAttemptOutcome) => {
    switch (outcome) {
      case 'answered':
        return Math.min(ANSWER_MS, voiceRingMs) + rec.plan.listenSec * 1000;
      case 'busy':
        return BUSY_MS;
      case 'error':
        return ERROR_MS;
      default:
        return voiceRingMs;
    }
  };

  const setState = (rec: VoiceRecord, state: number, at: number) => {
    const previous = rec.state;
    rec.state = state;
    rec.history.push([state, at]);
    events.emit('record.state', { provider: 'devino', kind: 'voice', id: String(rec.id), account: rec.account, state: String(state), previous: String(previous), at });
  };

  const step = (rec: VoiceRecord, at: number) => {
    if (rec.state === VOICE_SENDING) {
      rec.attempt++;
      rec.attemptStartedAt = at;
      rec.nextAt = at + attemptLength(rec, outcomeOf(rec));
      setState(rec, VOICE_SENT, at);
    } else {
      const outcome = outcomeOf(rec);
      rec.attempts.push({ at: rec.attemptStartedAt ?? at, outcome });
      if (outcome === 'answered') {
        rec.nextAt = undefined;
        if (rec.plan.dtmf !== undefined) rec.collectedDtmf = rec.plan.dtmf;
        setState(rec, VOICE_LISTENED, at);
      } else if (outcome === 'error') {
        rec.nextAt = undefined;
        setState(rec, VOICE_ERROR, at);
      } else if (rec.attempt < rec.retryCount) {
        rec.nextAt = at + rec.gapMs;
        setState(rec, VOICE_SENDING, at);
      } else {
        rec.nextAt = undefined;
        setState(rec, VOICE_NOT_LISTENED, at);
      }
    }
    slice.changed(voiceKey(rec.id));
  };

  const schedule = (rec: VoiceRecord) => {
    if (isVoiceFinal(rec.state) || rec.nextAt === undefined) return;
    const at = rec.nextAt;
    clock.at(at, () => {
      if (slice.state.voice.get(rec.id) !== rec || rec.nextAt !== at) return;
      step(rec, at);
      schedule(rec);
    });
  };

  return {
    /** The admin API's forced final state (2, 3 or 4): pending attempts are dropped. */
    force(rec: VoiceRecord, state: number) {
      const now = clock.now();
      rec.nextAt = undefined;
      if (state === VOICE_LISTENED && rec.plan.dtmf !== undefined) rec.collectedDtmf = rec.plan.dtmf;
      setState(rec, state, now);
      slice.changed(voiceKey(rec.id));
    },
    accept(rec: VoiceRecord) {
      slice.state.voice.set(rec.id, rec);
      slice.changed(voiceKey(rec.id));
      events.emit('record.created', { provider: 'devino', kind: 'voice', id: String(rec.id), account: rec.account, state: String(rec.state), at: rec.createdAt });
      schedule(rec);
    },
    resume() {
      for (const rec of slice.state.voice.values()) schedule(rec);
    },
  };
}

export type VoiceLifecycle = ReturnType<typeof createVoiceLifecycle>;
