// The one place that decides how a call or an SMS fallback ends, and when. Magic numbers in the
// fixtures give fixed outcomes; every other call is answered and every SMS delivered. The scenario
// engine will override this function's result.
import type { CallState, SmsState, VoicePasswordFixture } from './schemas.js';

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

export function decideOutcome(req: Extract<OutcomeRequest, { kind: 'call' }>, fixture: VoicePasswordFixture): CallPlan;
export function decideOutcome(req: Extract<OutcomeRequest, { kind: 'sms' }>, fixture: VoicePasswordFixture): SmsPlan;
export function decideOutcome(req: OutcomeRequest, fixture: VoicePasswordFixture): CallPlan | SmsPlan {
  const t = fixture.timing;
  const magic = fixture.outcomes[req.number];
  const s = (seconds: number) => Math.round(seconds * 1000);
  if (req.kind === 'sms') {
    const final = magic?.sms ?? 'DELIVERED';
    // A gateway failure never reaches the SEND stage.
    if (final === 'FAIL') return { steps: [{ state: 'FAIL', afterMs: s(t.smsSendAfterS) }] };
    return {
      steps: [
        { state: 'SEND', afterMs: s(t.smsSendAfterS) },
        { state: final, afterMs: s(t.smsFinalAfterS) },
      ],
    };
  }
  const state = magic?.call ?? 'ANSWERED';
  switch (state) {
    case 'ANSWERED': {
      const durationS = req.mode === 'flashcall' ? t.flashDurationS : req.repeat ? t.voiceRepeatDurationS : t.voiceDurationS;
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
