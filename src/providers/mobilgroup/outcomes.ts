// The one place where a call attempt's outcome is decided: magic numbers in the fixtures give
// fixed outcomes, every other number answers and hears the message once. The scenario engine
// will override this function's result.
import type { OutcomeVocabulary } from '../../core/context.js';
import { byNumber } from '../../core/phone.js';
import type { OutcomeOverride } from '../../core/outcome.js';
import { CALL_RESULTS, type CallResult, type MobilgroupFixture, type SmsStatus, type TransferStatus } from './schemas.js';
import { own } from '../../core/own.js';

/** Scenario words for call results; Mobilgroup's own words (`Занято`) are taken as they are. */
export const RESULT_WORDS: Record<string, CallResult> = {
  answered: 'Успешно',
  busy: 'Занято',
  'no-answer': 'Нет ответа',
  unreachable: 'Недоступен',
  rejected: 'Отклонено',
  failed: 'Ошибка',
  error: 'Ошибка',
};

export const resultOf = (word: string): CallResult | undefined => {
  const lower = word.toLowerCase();
  return own(RESULT_WORDS, lower) ?? CALL_RESULTS.find((r) => r.toLowerCase() === lower);
};

/** The outcome words a scenario may use (calls only): checked when a scenario is loaded. */
export const OUTCOME_WORDS = new Map<string, OutcomeVocabulary>([['call', { words: [...Object.keys(RESULT_WORDS), ...CALL_RESULTS], knows: (w) => resultOf(w) !== undefined }]]);

export interface OutcomeInput {
  account: string;
  broadcast: string;
  phone: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** 1 + the broadcast's `repeat`: how often the subscriber may hear the message. */
  maxListens: number;
  /** The script's transfer target, when the script transfers to an operator. */
  transfer?: { number: string; duration: number };
}

export interface AttemptOutcome {
  result: CallResult;
  /** Seconds from dialling to answer or to giving up. */
  ringSeconds: number;
  /** Times the message was played (answered calls). */
  listens: number;
  transfer?: { number: string; status: TransferStatus; duration: number };
  /** Status of the SMS sent when the subscriber was not reached (accounts with that setting). */
  sms: SmsStatus;
}

/** How long each result takes to come back from the network. */
const RING_SECONDS: Record<CallResult, number> = {
  Успешно: 5,
  Занято: 2,
  'Нет ответа': 40,
  Недоступен: 3,
  Отклонено: 6,
  Ошибка: 1,
};

export function decideOutcome(fixtures: MobilgroupFixture, input: OutcomeInput, override?: OutcomeOverride): AttemptOutcome {
  const magic = byNumber(fixtures.outcomes).get(input.phone);
  const words = override?.attempts ?? (override?.state === undefined ? undefined : [override.state]);
  const scripted = words?.map(resultOf).filter((r): r is CallResult => r !== undefined);
  const results = scripted?.length ? scripted : (magic?.results ?? ['Успешно']);
  const result = results[Math.min(input.attempt, results.length) - 1];
  const answered = result === 'Успешно';
  let transfer: AttemptOutcome['transfer'];
  if (answered && input.transfer) {
    const status = magic?.transfer?.status ?? 'Успешно';
    const duration = status === 'Успешно' ? (magic?.transfer?.duration ?? input.transfer.duration) : 0;
    transfer = { number: input.transfer.number, status, duration };
  }
  return {
    result,
    ringSeconds: override?.after !== undefined ? Math.round(override.after / 1000) : (magic?.ringSeconds ?? RING_SECONDS[result]),
    listens: answered ? Math.min(magic?.listens ?? 1, input.maxListens) : 0,
    transfer,
    sms: magic?.sms ?? 'Доставлено',
  };
}
