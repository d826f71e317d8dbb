// What happens to a call, decided in one place from the fixtures: magic numbers give fixed
// outcomes, a `fileId` scenario variable naming no file of the account fails playback (1001),
// and every other number answers. The scenario engine will override this function's result.
import type { OutcomeVocabulary } from '../../core/context.js';
import { byNumber } from '../../core/phone.js';
import type { OutcomeOverride } from '../../core/outcome.js';
import type { UnibellFixture } from './schemas.js';
import type { Outcome, RepeatCategory } from './store.js';
import { own } from '../../core/own.js';

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

type MagicOutcome = NonNullable<UnibellFixture['magicNumbers'][string]>;

/** Scenario words; the fixtures' own (`noAnswer`, `scriptError`) are taken as they are. */
export const OUTCOME_WORDS: Record<string, MagicOutcome['outcome']> = {
  answered: 'answered',
  busy: 'busy',
  'no-answer': 'noAnswer',
  noanswer: 'noAnswer',
  unreachable: 'unreachable',
  congestion: 'congestion',
  failed: 'scriptError',
  scripterror: 'scriptError',
  rpcerror: 'rpcError',
};

export const outcomeOf = (word: string): MagicOutcome['outcome'] | undefined => {
  const lower = word.toLowerCase();
  return own(OUTCOME_WORDS, lower);
};

/** The outcome words a scenario may use (calls only): checked when a scenario is loaded. */
export const OUTCOME_VOCABULARY = new Map<string, OutcomeVocabulary>([['call', { words: Object.keys(OUTCOME_WORDS), knows: (w) => outcomeOf(w) !== undefined }]]);

/** The override as a magic-number entry, so both take one path below. */
function scripted(override: OutcomeOverride | undefined, attempt: number, base: MagicOutcome | undefined): MagicOutcome | undefined {
  if (!override) return base;
  const words = override.attempts ?? (override.state === undefined ? undefined : [override.state]);
  const w = words?.[Math.min(attempt, words.length) - 1];
  const outcome = w === undefined ? base?.outcome : outcomeOf(w);
  if (outcome === undefined && base === undefined && override.duration === undefined) return undefined;
  return { ...base, outcome: outcome ?? base?.outcome ?? 'answered', durationSec: override.duration ?? base?.durationSec } as MagicOutcome;
}

export function decideOutcome(fixture: UnibellFixture, input: OutcomeInput, override?: OutcomeOverride, attempt = 1): Decision {
  const decision = fixtureDecision(fixture, input, scripted(override, attempt, byNumber(fixture.magicNumbers).get(input.destAddr)));
  if (decision.rpcError || override?.after === undefined) return decision;
  return { outcome: { ...decision.outcome, ringMs: override.after } };
}

function fixtureDecision(fixture: UnibellFixture, input: OutcomeInput, magic: MagicOutcome | undefined): Decision {
  const t = fixture.timing;
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
