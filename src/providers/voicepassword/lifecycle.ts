// Calls and SMS fallbacks on the simulator clock: each planned transition is stored in the record
// and fired by a clock timer, which announces the change and posts the callback.
import type { SimContext } from '../../core/context.js';
import type { CallRecord, CallStore, SmsRecord } from './store.js';
import { money, mskIsoDateTime } from './format.js';
import type { CallPlan, SmsPlan } from './outcomes.js';
import type { z } from 'zod';
import type { CallCallback, CallState, SmsCallback, SmsState } from './schemas.js';

const PROVIDER = 'voicepassword';

export interface Lifecycle {
  /** Stores a new call and schedules its end. */
  start(call: CallRecord, plan: CallPlan): void;
  /** Queues an SMS fallback of `call` and schedules its statuses. */
  startSms(call: CallRecord, sms: { price: number; callbackUrl?: string }, plan: SmsPlan): SmsRecord;
  /** Reschedules every transition still pending in the loaded state (after a restart). */
  resume(): void;
  /** Ends a call in progress now with `state` (the admin API's forced state); its callback goes out. */
  force(call: CallRecord, state: CallState): void;
}

export function createLifecycle(ctx: SimContext, calls: CallStore): Lifecycle {
  const { clock, events } = ctx;

  const announce = (call: CallRecord, kind: string, state: string, previous?: string) => {
    const event = { provider: PROVIDER, kind, id: call.id, account: call.account, state, at: clock.now() };
    if (previous === undefined) events.emit('record.created', event);
    else events.emit('record.state', { ...event, previous });
  };

  const post = (call: CallRecord, url: string | undefined, json: unknown) => {
    if (url) ctx.callbacks.send({ provider: PROVIDER, url, method: 'POST', json, subject: call.id, account: call.account });
  };

  function endCall(id: string, endsAt: number) {
    const call = calls.byId(id);
    if (!call || call.state !== 'DIALING' || !call.plan || call.plan.endsAt !== endsAt) return;
    const { state, durationS } = call.plan;
    call.state = state;
    call.duration = durationS;
    call.plan = undefined;
    (call.history ??= []).push([state, clock.now()]);
    calls.changed(call);
    announce(call, call.mode, state, 'DIALING');
    const payload: z.infer<typeof CallCallback> = {
      id: call.id,
      number: call.number,
      duration: String(durationS),
      state,
      price: money(call.price),
      date: mskIsoDateTime(call.createdAt),
    };
    post(call, call.callbackUrl, payload);
  }

  const scheduleCall = (call: CallRecord) => {
    if (call.plan) {
      const { endsAt } = call.plan;
      clock.at(endsAt, () => endCall(call.id, endsAt));
    }
  };

  const smsCallback = (call: CallRecord, sms: SmsRecord) => {
    const payload: z.infer<typeof SmsCallback> = {
      id: call.id,
      number: call.number,
      state: sms.state,
      price: money(sms.price),
      date: mskIsoDateTime(sms.createdAt),
    };
    post(call, sms.callbackUrl, payload);
  };

  /** The SMS fallback `seq` of a call: the latest, or an earlier one still under way. */
  const smsOf = (call: CallRecord, seq: number) => (call.sms?.seq === seq ? call.sms : call.earlierSms?.find((s) => s.seq === seq));

  function stepSms(id: string, seq: number) {
    const call = calls.byId(id);
    const sms = call && smsOf(call, seq);
    if (!call || !sms) return;
    const next = sms.steps.shift();
    if (!next) return;
    // An earlier SMS that reached its final status is no longer kept.
    if (sms.steps.length === 0 && call.earlierSms) {
      call.earlierSms = call.earlierSms.filter((s) => s !== sms);
      if (call.earlierSms.length === 0) call.earlierSms = undefined;
    }
    const previous = sms.state;
    sms.state = next.state;
    (sms.history ??= []).push([next.state, clock.now()]);
    calls.changed(call);
    announce(call, 'sms', next.state, previous);
    smsCallback(call, sms);
    scheduleSms(call, sms);
  }

  const scheduleSms = (call: CallRecord, sms: SmsRecord | undefined) => {
    if (!sms || sms.steps.length === 0) return;
    const seq = sms.seq;
    clock.at(sms.steps[0].at, () => stepSms(call.id, seq));
  };

  return {
    start(call, plan) {
      call.plan = { state: plan.state, durationS: plan.durationS, endsAt: call.createdAt + plan.endsAfterMs };
      calls.add(call);
      announce(call, call.mode, call.state);
      scheduleCall(call);
    },
    startSms(call, { price, callbackUrl }, plan) {
      const now = clock.now();
      const queued: SmsState = 'QUEUED';
      const sms: SmsRecord = {
        seq: (call.sms?.seq ?? 0) + 1,
        state: queued,
        price,
        createdAt: now,
        callbackUrl,
        steps: plan.steps.map((s) => ({ state: s.state, at: now + s.afterMs })),
      };
      // A second fallback for the same call does not stop the first: both were charged, both report to the end.
      const earlier = call.sms;
      if (earlier && earlier.steps.length > 0) call.earlierSms = [...(call.earlierSms ?? []), earlier];
      call.sms = sms;
      calls.changed(call);
      announce(call, 'sms', queued);
      smsCallback(call, sms);
      scheduleSms(call, sms);
      return sms;
    },
    force(call, state) {
      const now = clock.now();
      const durationS = state === 'ANSWERED' ? (call.plan?.state === 'ANSWERED' ? call.plan.durationS : 1) : 0;
      call.plan = { state, durationS, endsAt: now };
      endCall(call.id, now);
    },
    resume() {
      for (const call of calls.all()) {
        scheduleCall(call);
        scheduleSms(call, call.sms);
        for (const sms of call.earlierSms ?? []) scheduleSms(call, sms);
      }
    },
  };
}
