// How stored broadcasts look on the wire: every number a string, money with a point in state.
import { roundMoney } from '../../core/accounts.js';
import { moneyDot, moscowDateTime } from './format.js';
import type { BroadcastRecord, CallRecord } from './store.js';
import type { StateResponse, StateSubscriber } from './schemas.js';

function subscriberView(call: CallRecord): StateSubscriber {
  const view: StateSubscriber = {
    phone: call.phone,
    date: call.date === undefined ? '' : moscowDateTime(call.date),
    status: call.status,
    attempts: String(call.attempts),
    duration: String(call.talk),
    price: moneyDot(call.price),
  };
  if (call.transfer) {
    const t = call.transfer;
    view.transfer = { number: t.number, duration: String(t.duration), price: moneyDot(t.price), status: t.status };
  }
  if (call.sms) {
    const s = call.sms;
    view.sms = { date: moscowDateTime(s.date), message: s.message, partition: String(s.partition), price: moneyDot(s.price), status: s.status };
  }
  return view;
}

/** `budget` is what the broadcast costs so far: final prices of ended calls, estimates of the others. */
export function stateView(broadcast: BroadcastRecord): StateResponse {
  return {
    result: 'ok',
    id: broadcast.id,
    phones: String(broadcast.calls.length),
    budget: moneyDot(roundMoney(broadcast.calls.reduce((sum, c) => sum + c.price, 0))),
    subscribers: broadcast.calls.map(subscriberView),
  };
}
