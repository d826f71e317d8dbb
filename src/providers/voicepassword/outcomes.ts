// The one place that decides how a call or an SMS fallback ends, and when. Magic numbers in the
// fixtures give fixed outcomes; every other call is answered and every SMS delivered. The scenario
// engine will override this function's result.
import type { OutcomeVocabulary } from '../../core/context.js';
import { byNumber } from '../../core/phone.js';
import type { OutcomeOverride } from '../../core/outcome.js';
import type { CallState, SmsState, VoicePasswordFixture } from './schemas.js';
import { own } from '../../core/own.js';

/** Scenario words; VoicePassword's own (`NO ANSWER`) are taken as they are. */
export const CALL_WORDS: Record<string, CallState> = {
  answered: 'ANSWERED',
  busy: 'BUSY',
  'no-answer': 'NO ANSWER',
  'no answer': 'NO ANSWER',
  failed: 'FAIL',
  fail: 'FAIL',
  cancel: 'CANCEL',
  cancelled: 'CANCEL',
};

const SMS_WORDS: Record<string, SmsState> = {
  delivered: 'DELIVERED',
  undeliverable: 'NOT DELIVERED',
  'not delivered': 'NOT DELIVERED',
  rejected: 'NOT DELIVERED',
  failed: 'FAIL',
  fail: 'FAIL',
};

export type OutcomeRequest =
  | { kind: 'call'; number: string; mode: 'flashcall' | 'voice'; repeat: boolean }
  | { kind: 'sms'; number: string };

export interface CallPlan {
  state: CallState;
  /** Milliseconds from the request to the end of the call. */
  endsAfterMs: number;
  /** Seconds connected. */
  durationS: number;
}

export interface SmsPlan {
  /** The states after QUEUED, each with its delay from the request. */
  steps: { state: SmsState; afterMs: number }[];
}

export function decideOutcome(req: Extract<OutcomeRequest, { kind: 'call' }>, fixture: VoicePasswordFixture, override?: OutcomeOverride): CallPlan;
export function decideOutcome(req: Extract<OutcomeRequest, { kind: 'sms' }>, fixture: VoicePasswordFixture, override?: OutcomeOverride): SmsPlan;
export function decideOutcome(req: OutcomeRequest, fixture: VoicePasswordFixture, override?: OutcomeOverride): CallPlan | SmsPlan {
  const plan = fixtureOutcome(req, fixture, override);
  if (override?.after === undefined) return plan;
  if ('steps' in plan) {
    const last = plan.steps.length - 1;
    return { steps: plan.steps.map((step, i) => (i === last ? { ...step, afterMs: Math.max(override.after as number, i > 0 ? plan.steps[i - 1].afterMs : 0) } : step)) };
  }
  return { ...plan, endsAfterMs: override.after };
}

const word = <T extends string>(words: Record<string, T>, given: string | undefined): T | undefined => {
  if (given === undefined) return undefined;
  const lower = given.toLowerCase();
  const native = Object.values(words).find((w) => w.toLowerCase() === lower);
  return native ?? own(words, lower);
};

const vocabulary = <T extends string>(words: Record<string, T>): OutcomeVocabulary => ({
  words: [...new Set([...Object.keys(words), ...Object.values(words)])],
  knows: (w) => word(words, w) !== undefined,
});

/** The outcome words a scenario may use, per kind (calls are `flashcall` or `voice`): checked when a scenario is loaded. */
export const OUTCOME_WORDS = new Map<string, OutcomeVocabulary>([
  ['flashcall', vocabulary(CALL_WORDS)],
  ['voice', vocabulary(CALL_WORDS)],
  ['sms', vocabulary(SMS_WORDS)],
]);

function fixtureOutcome(req: OutcomeRequest, fixture: VoicePasswordFixture, override?: OutcomeOverride): CallPlan | SmsPlan {
  const t = fixture.timing;
  const magic = byNumber(fixture.outcomes).get(req.number);
  const s = (seconds: number) => Math.round(seconds * 1000);
  const scripted = override?.state ?? override?.attempts?.[0];
  if (req.kind === 'sms') {
    const final = word(SMS_WORDS, scripted) ?? magic?.sms ?? 'DELIVERED';
    // A gateway failure never reaches the SEND stage.
    if (final === 'FAIL') return { steps: [{ state: 'FAIL', afterMs: s(t.smsSendAfterS) }] };
    return {
      steps: [
        { state: 'SEND', afterMs: s(t.smsSendAfterS) },
        { state: final, afterMs: s(t.smsFinalAfterS) },
      ],
    };
  }
  const state = word(CALL_WORDS, scripted) ?? magic?.call ?? 'ANSWERED';
  switch (state) {
    case 'ANSWERED': {
      const durationS = override?.duration ?? (req.mode === 'flashcall' ? t.flashDurationS : req.repeat ? t.voiceRepeatDurationS : t.voiceDurationS);
      return { state, endsAfterMs: s(t.answerAfterS + durationS), durationS };
    }
    case 'BUSY':
      return { state, endsAfterMs: s(t.busyAfterS), durationS: 0 };
    case 'NO ANSWER':
      return { state, endsAfterMs: s(t.noAnswerAfterS), durationS: 0 };
    case 'FAIL':
      return { state, endsAfterMs: s(t.failAfterS), durationS: 0 };
    case 'CANCEL':
      return { state, endsAfterMs: s(t.cancelAfterS), durationS: 0 };
  }
}
