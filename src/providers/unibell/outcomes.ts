// What happens to a call, decided in one place from the fixtures: magic numbers give fixed
// outcomes, a `fileId` scenario variable naming no file of the account fails playback (1001),
// and every other number answers. The scenario engine will override this function's result.
import type { UnibellFixture } from './schemas.js';
import type { Outcome, RepeatCategory } from './unibellStore.js';

export const ERR = { NO_ANSWER: 16, BUSY: 17, ALERTING: 19, CONGESTION: 34, PLAY: 1001, TTS: 1002, TTS_ALT: 1017, ASR: 1003 } as const;
export const STATE_OK = 2;
export const STATE_ERR = 5;

export interface OutcomeInput {
  destAddr: string;
  variables: Readonly<Record<string, string>>;
  /** Whether a `fileId` variable names an existing file of the account (undefined: none given). */
  playFileExists?: boolean;
  /** A single call can fail to reach the platform at all (rpcError); a campaign attempt cannot. */
  form: 'single' | 'campaign';
}

export type Decision = { rpcError: true } | { rpcError?: false; outcome: Outcome };

export function decideOutcome(fixture: UnibellFixture, input: OutcomeInput): Decision {
  const t = fixture.timing;
  const magic = fixture.magicNumbers[input.destAddr];
  const answered = (durationSec: number): Outcome => ({ kind: 'answered', state: STATE_OK, error: 0, connected: true, ringMs: t.ringSec * 1000, durationSec });
  const scriptError = (error: number, durationSec: number): Outcome => ({ kind: 'scriptError', state: STATE_ERR, error, connected: true, ringMs: t.ringSec * 1000, durationSec });
  const unanswered = (kind: Outcome['kind'], error: number, sec: number): Outcome => ({ kind, state: STATE_ERR, error, connected: false, ringMs: sec * 1000, durationSec: 0 });

  if (magic) {
    switch (magic.outcome) {
      case 'rpcError':
        // A campaign is already accepted when its attempt is due: the platform sees a congested route.
        return input.form === 'single' ? { rpcError: true } : { outcome: unanswered('congestion', ERR.CONGESTION, t.congestionSec) };
      case 'answered':
        return { outcome: answered(magic.durationSec ?? t.talkSec) };
      case 'busy':
        return { outcome: unanswered('busy', ERR.BUSY, t.busySec) };
      case 'noAnswer':
        return { outcome: unanswered('noAnswer', ERR.NO_ANSWER, t.noAnswerSec) };
      case 'unreachable':
        return { outcome: unanswered('unreachable', ERR.ALERTING, t.unreachableSec) };
      case 'congestion':
        return { outcome: unanswered('congestion', ERR.CONGESTION, t.congestionSec) };
      case 'scriptError':
        return { outcome: scriptError(magic.error ?? ERR.TTS, magic.durationSec ?? t.scriptFailSec) };
    }
  }
  if (input.playFileExists === false) return { outcome: scriptError(ERR.PLAY, t.scriptFailSec) };
  return { outcome: answered(t.talkSec) };
}

/** Which repeat rule of a campaign an outcome falls under. */
export function repeatCategoryOf(outcome: Outcome): RepeatCategory {
  switch (outcome.kind) {
    case 'answered':
      return 'answered';
    case 'busy':
      return 'busy';
    case 'noAnswer':
      return 'noAnswer';
    default:
      return 'failed';
  }
}
