// An SMS segment's life on the simulator clock: queued until its send time, sent to the network
// `smsSubmitMs` later, then delivered or failed as planned, or expired when its validity runs out.
import type { SimContext } from '../../core/context.js';
import { incomingKey, pushIndexed, smsKey, type DevinoSlice, type IncomingSms, type SmsRecord } from './store.js';
import { createSmsPlanner } from './outcomes.js';
import type { DevinoFixture } from './schemas.js';
import { isSmsFinal, SMS_DELIVERED, SMS_EXPIRED, SMS_QUEUED, SMS_SENT } from './states.js';

export function nextSmsTransition(rec: SmsRecord, submitMs: number): { at: number; state: number } | undefined {
  if (isSmsFinal(rec.state)) return undefined;
  const expire = { at: rec.expiresAt, state: SMS_EXPIRED };
  if (rec.state === SMS_QUEUED) {
    const at = rec.sendAt + submitMs;
    return at >= rec.expiresAt ? expire : { at, state: SMS_SENT };
  }
  if (rec.plan.state === 'pending') return expire;
  const at = (rec.submittedAt ?? rec.sendAt) + rec.plan.afterMs;
  return at > rec.expiresAt ? expire : { at, state: rec.plan.state };
}

export function createSmsLifecycle(ctx: SimContext, slice: DevinoSlice, fixture: DevinoFixture) {
  const { clock, events } = ctx;
  const submitMs = fixture.timings.smsSubmitMs;
  const plan = createSmsPlanner(fixture);

  const setState = (rec: SmsRecord, state: number, at: number) => {
    const previous = rec.state;
    rec.state = state;
    rec.updatedAt = at;
    rec.history.push(state, at);
    if (state === SMS_SENT) rec.submittedAt = at;
    else if (isSmsFinal(state)) rec.reportedAt = at;
    slice.changed(smsKey(rec.id));
    events.emit('record.state', { provider: 'devino', kind: 'sms', id: rec.id, account: rec.account, state: String(state), previous: String(previous), at });
  };

  // A timer carries only its record and works out what is due when it fires: a forced state in
  // between leaves a stale timer that finds nothing due (and sets none), so timers never multiply.
  const due = (rec: SmsRecord) => {
    // A reset replaces the state: a timer of the old one finds its record gone and stops.
    if (slice.state.sms.get(rec.id) !== rec) return;
    const next = nextSmsTransition(rec, submitMs);
    if (!next || next.at > clock.now()) return;
    setState(rec, next.state, next.at);
    if (next.state === SMS_DELIVERED && rec.plan.reply && rec.part === 1) {
      const reply = rec.plan.reply;
      clock.at(next.at + reply.afterMs, () => {
        if (slice.state.sms.get(rec.id) === rec) addIncoming(rec.account, rec.to, rec.from, reply.text, next.at + reply.afterMs);
      });
    }
    schedule(rec);
  };

  const schedule = (rec: SmsRecord) => {
    const next = nextSmsTransition(rec, submitMs);
    if (next) clock.at(next.at, due, rec);
  };

  const addIncoming = (account: string, from: string, to: string, text: string, at: number): IncomingSms => {
    const state = slice.state;
    const msg: IncomingSms = { id: state.nextIncomingId++, account, from, to, text, createdAt: at };
    pushIndexed(state.incoming, account, msg);
    slice.changed(incomingKey(msg));
    events.emit('record.created', { provider: 'devino', kind: 'incoming-sms', id: String(msg.id), account, state: 'received', at });
    return msg;
  };

  return {
    /** How an SMS to `to` will end: the fixture's plan, or a scenario's override of it. */
    plan,
    /** Stores a newly accepted segment and starts its clock. */
    accept(rec: SmsRecord) {
      const state = slice.state;
      state.sms.set(rec.id, rec);
      pushIndexed(state.smsByAccount, rec.account, rec);
      slice.changed(smsKey(rec.id));
      events.emit('record.created', { provider: 'devino', kind: 'sms', id: rec.id, account: rec.account, state: String(rec.state), at: rec.createdAt });
      schedule(rec);
    },
    /** The admin API's forced state: now, as if the network had reported it; a non-final state continues from there. */
    force(rec: SmsRecord, state: number) {
      const now = clock.now();
      setState(rec, state, now);
      schedule(rec);
    },
    /** After a restart: every unfinished segment picks up its timer again. */
    resume() {
      for (const rec of slice.state.sms.values()) schedule(rec);
    },
    addIncoming,
  };
}

export type SmsLifecycle = ReturnType<typeof createSmsLifecycle>;
