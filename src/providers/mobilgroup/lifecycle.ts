// Each subscriber's call on the simulator clock:
//   В очереди -> Вызов -> Успешно | (Занято | Нет ответа | Недоступен | Отклонено) -> Ожидает повтора -> Вызов …
// An attempt is decided when it is dialled and ends after its ring time (plus the message and any
// transfer when answered); a failed attempt is retried `interval` minutes after it ended until
// `attempts` are used. The next transition is kept in the record (`step`, `nextAt`), so a restart
// with a data file resumes every call where it was.
import { roundMoney } from '../../core/accounts.js';
import type { SimContext } from '../../core/context.js';
import type { BroadcastRecord, CallRecord, CallStatus, MobilgroupStore } from './store.js';
import { SLUG } from './store.js';
import { decideOutcome } from './outcomes.js';
import type { AccountFixture, CallResult, MobilgroupFixture, Tariff } from './schemas.js';
import { callPrice, smsCost, transferPrice } from './tariff.js';

/** Results that count as "not answered": they are retried, and the account's SMS goes out after the last one. */
const NOT_REACHED: ReadonlySet<CallResult> = new Set(['Занято', 'Нет ответа', 'Недоступен', 'Отклонено']);

export interface Lifecycle {
  /** Announces a new broadcast and schedules the first attempt of every accepted subscriber. */
  start(broadcast: BroadcastRecord): void;
  /** Reschedules every planned transition of the loaded state (plugin start). */
  resume(): void;
  /** Ends a call now with `result` (the admin API's forced state), billed as if the network had reported it. */
  force(broadcast: BroadcastRecord, index: number, result: CallResult): void;
}

export const callId = (broadcast: BroadcastRecord, index: number) => `${broadcast.id}-${index + 1}`;

export function createLifecycle(
  ctx: SimContext,
  store: MobilgroupStore,
  fixtures: MobilgroupFixture,
  accounts: ReadonlyMap<string, AccountFixture>,
): Lifecycle {
  const tariffOf = (account: string): Tariff => accounts.get(account)?.tariff ?? fixtures.tariff;

  function schedule(broadcast: BroadcastRecord, index: number) {
    const at = broadcast.calls[index].nextAt;
    if (at === undefined) return;
    const id = broadcast.id;
    ctx.clock.at(at, () => step(id, index, at));
  }

  function step(id: string, index: number, at: number) {
    const broadcast = store.byId(id);
    const call = broadcast?.calls[index];
    // A timer left over from before a reset or a re-plan finds nothing (or another plan) and does nothing.
    if (!call || call.nextAt !== at) return;
    if (call.step === 'dial') dial(broadcast, call, index);
    else hangup(broadcast, call, index);
    store.broadcastChanged(id);
  }

  function setStatus(broadcast: BroadcastRecord, call: CallRecord, index: number, status: CallStatus) {
    const previous = call.status;
    const at = ctx.clock.now();
    call.status = status;
    (call.history ??= []).push([status, at]);
    ctx.events.emit('record.state', {
      provider: SLUG,
      kind: 'call',
      id: callId(broadcast, index),
      account: broadcast.account,
      state: status,
      previous,
      at,
    });
  }

  function dial(broadcast: BroadcastRecord, call: CallRecord, index: number) {
    const now = ctx.clock.now();
    call.attempts += 1;
    call.date = now;
    const script = broadcast.content.kind === 'script' ? broadcast.content.id : undefined;
    const transfer = script ? accounts.get(broadcast.account)?.scripts.find((s) => s.id === script)?.transfer : undefined;
    const outcome = decideOutcome(
      fixtures,
      {
        account: broadcast.account,
        broadcast: broadcast.id,
        phone: call.phone,
        attempt: call.attempts,
        maxListens: 1 + broadcast.repeat,
        transfer,
      },
      ctx.scenarios.outcome({ provider: SLUG, kind: 'call', account: broadcast.account, number: call.phone, operation: 'send' }),
    );
    call.outcome = outcome;
    const answered = outcome.result === 'Успешно';
    const seconds = outcome.ringSeconds + (answered ? call.duration * outcome.listens + (outcome.transfer?.duration ?? 0) : 0);
    call.step = 'hangup';
    call.nextAt = now + seconds * 1000;
    setStatus(broadcast, call, index, 'Вызов');
    schedule(broadcast, index);
  }

  function hangup(broadcast: BroadcastRecord, call: CallRecord, index: number) {
    const now = ctx.clock.now();
    const outcome = call.outcome;
    call.outcome = undefined;
    if (!outcome) return finish(broadcast, call, index, 'Ошибка');
    const tariff = tariffOf(broadcast.account);
    if (outcome.result === 'Успешно') {
      call.talk = call.duration * outcome.listens;
      if (outcome.transfer) {
        const { number, status, duration } = outcome.transfer;
        call.transfer = { number, status, duration, price: transferPrice(tariff, duration) };
      }
      return finish(broadcast, call, index, 'Успешно');
    }
    if (NOT_REACHED.has(outcome.result) && call.attempts < broadcast.attempts) {
      call.step = 'dial';
      call.nextAt = now + broadcast.intervalMin * 60_000;
      setStatus(broadcast, call, index, 'Ожидает повтора');
      schedule(broadcast, index);
      return;
    }
    const smsSetting = accounts.get(broadcast.account)?.smsOnNoAnswer;
    if (smsSetting && NOT_REACHED.has(outcome.result)) {
      const { parts, price } = smsCost(tariff, smsSetting.text);
      call.sms = { date: now, message: smsSetting.text, partition: parts, price, status: outcome.sms };
    }
    finish(broadcast, call, index, outcome.result);
  }

  function finish(broadcast: BroadcastRecord, call: CallRecord, index: number, status: CallStatus) {
    call.step = undefined;
    call.nextAt = undefined;
    const tariff = tariffOf(broadcast.account);
    const price = roundMoney(callPrice(tariff, call.talk) + (call.transfer?.price ?? 0) + (call.sms?.price ?? 0));
    settle(broadcast.account, roundMoney(price - call.held));
    call.held = price;
    call.price = price;
    setStatus(broadcast, call, index, status);
  }

  /** The estimate taken at /send/ becomes the real price: the rest back, or the extra taken. */
  function settle(account: string, delta: number) {
    if (delta < 0) ctx.accounts.credit(SLUG, account, -delta);
    else if (delta > 0 && !ctx.accounts.charge(SLUG, account, delta)) {
      // The call has happened: its extra minutes, transfer and SMS are billed even into a negative balance.
      const state = ctx.accounts.get(SLUG, account);
      if (state) ctx.accounts.setBalance(SLUG, account, state.balance - delta);
    }
  }

  return {
    start(broadcast) {
      const at = broadcast.createdAt;
      ctx.events.emit('record.created', { provider: SLUG, kind: 'broadcast', id: broadcast.id, account: broadcast.account, state: 'created', at });
      broadcast.calls.forEach((call, index) => {
        ctx.events.emit('record.created', { provider: SLUG, kind: 'call', id: callId(broadcast, index), account: broadcast.account, state: call.status, at });
        schedule(broadcast, index);
      });
    },
    force(broadcast, index, result) {
      const call = broadcast.calls[index];
      call.outcome = undefined;
      if (call.date === undefined) call.date = ctx.clock.now();
      if (result === 'Успешно') call.talk = call.duration;
      finish(broadcast, call, index, result);
      store.broadcastChanged(broadcast.id);
    },
    resume() {
      for (const broadcast of store.all()) {
        broadcast.calls.forEach((_call, index) => schedule(broadcast, index));
      }
    },
  };
}
