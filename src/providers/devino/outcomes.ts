// What happens to an SMS or a voice message once accepted. One entry point per kind, so fixtures'
// magic numbers and the scenario engine's override decide outcomes in one place.
import type { OutcomeVocabulary } from '../../core/context.js';
import { byNumber } from '../../core/phone.js';
import type { OutcomeOverride } from '../../core/outcome.js';
import type { SmsPlan, VoicePlan } from './store.js';
import type { DevinoFixture, VoiceAttemptOutcome } from './schemas.js';
import { SMS_DELIVERED, SMS_STATES } from './states.js';
import { own } from '../../core/own.js';

/** Scenario words for SMS states; Devino's own codes (`42`) are taken as they are. */
const SMS_WORDS: Record<string, number | 'pending'> = {
  delivered: SMS_DELIVERED,
  undeliverable: 42,
  rejected: 42,
  failed: 48,
  expired: 'pending',
  pending: 'pending',
};

const VOICE_WORDS: Record<string, VoiceAttemptOutcome> = {
  answered: 'answered',
  listened: 'answered',
  'no-answer': 'no-answer',
  'not-listened': 'no-answer',
  busy: 'busy',
  failed: 'error',
  error: 'error',
};

function smsState(word: string | undefined): number | 'pending' | undefined {
  if (word === undefined) return undefined;
  if (/^-?\d+$/.test(word) && Object.hasOwn(SMS_STATES, Number(word))) return Number(word);
  return own(SMS_WORDS, word.toLowerCase());
}

const voiceOutcome = (word: string): VoiceAttemptOutcome | undefined => own(VOICE_WORDS, word.toLowerCase());

/** The outcome words a scenario may use, per kind: checked when a scenario is loaded. */
export const OUTCOME_WORDS = new Map<string, OutcomeVocabulary>([
  ['sms', { words: [...Object.keys(SMS_WORDS), ...Object.keys(SMS_STATES)], knows: (w) => smsState(w) !== undefined }],
  ['voice', { words: Object.keys(VOICE_WORDS), knows: (w) => voiceOutcome(w) !== undefined }],
]);

/**
 * How each SMS of one simulator ends. Plans are never changed once made: every ordinary SMS shares
 * one (a million stored SMS, one plan object), remade when the fixture's delivery time changes.
 */
export function createSmsPlanner(fixture: DevinoFixture) {
  let deliveredPlan: Readonly<SmsPlan> = { state: SMS_DELIVERED, afterMs: fixture.timings.smsDeliverMs };
  return (to: string, override?: OutcomeOverride): SmsPlan => {
    const magic = byNumber(fixture.magicNumbers).get(to)?.sms;
    const deliverMs = fixture.timings.smsDeliverMs;
    if (!magic && deliveredPlan.afterMs !== deliverMs) deliveredPlan = { state: SMS_DELIVERED, afterMs: deliverMs };
    const plan: SmsPlan = magic ? { state: magic.state, afterMs: magic.afterMs ?? deliverMs, reply: magic.reply } : deliveredPlan;
    if (!override) return plan;
    return {
      state: smsState(override.state) ?? plan.state,
      afterMs: override.after ?? plan.afterMs,
      reply: override.reply ? { text: override.reply.text, afterMs: override.reply.after } : plan.reply,
    };
  };
}

export function decideVoiceOutcome(fixture: DevinoFixture, to: string, fileDurationSec: number, dtmf: boolean, override?: OutcomeOverride): VoicePlan {
  const magic = byNumber(fixture.magicNumbers).get(to)?.voice;
  const words = override?.attempts ?? (override?.state === undefined ? undefined : [override.state]);
  const attempts = words?.map(voiceOutcome).filter((a): a is VoiceAttemptOutcome => a !== undefined);
  return {
    attempts: attempts?.length ? attempts : (magic?.attempts ?? ['answered']),
    listenSec: override?.duration ?? magic?.listenSec ?? fileDurationSec,
    dtmf: dtmf ? (override?.dtmf ?? magic?.dtmf ?? '1') : undefined,
  };
}
