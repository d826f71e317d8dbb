// Calls on the simulator clock: queued -> dialing (start callback) -> answered (if picked up) ->
// ok | error (end callback, billing, recording). A campaign attempt that ends plans the next one
// by the campaign's repeat rule for that outcome, inside the daily work window. Every planned
// transition is a time in the call record, so a restart reschedules them from the loaded state.
import { roundMoney } from '../../core/accounts.js';
import type { SimContext } from '../../core/context.js';
import type { Catalog } from './catalog.js';
import { nextInWindow } from './dates.js';
import { ERR, repeatCategoryOf } from './outcomes.js';
import { callKey, campaignKey, recordingEntryKey, recordingKey, type CallRecord, type CallState, type CampaignRecord, type Outcome, type UnibellSlice } from './store.js';

export interface NewCall {
  account: string;
  appKey: string;
  reference: string;
  sourceAddr: string;
  destAddr: string;
  variables: Record<string, string>;
  startAt: number;
  outcome: Outcome;
  campaignId?: string;
  abonentIndex?: number;
  attempt: number;
}

export interface Lifecycle {
  createCall(call: NewCall): CallRecord;
  /** Reschedules every call still in progress (after loading a data file). */
  resume(): void;
  /** Ends a call in progress now with `outcome` (the admin API's forced state): billing, end callback, campaign repeats. */
  force(call: CallRecord, outcome: Outcome): void;
}

const FINAL: ReadonlySet<CallState> = new Set(['ok', 'error']);

export function createLifecycle(
  ctx: SimContext,
  slice: UnibellSlice,
  catalog: Catalog,
  /** Plans the next attempt for one abonent of a campaign; the activation module decides its outcome. */
  nextAttempt: (campaign: CampaignRecord, abonentIndex: number, attempt: number, startAt: number) => void,
): Lifecycle {
  const { clock, events } = ctx;

  const nextAtOf = (c: CallRecord): number | undefined => {
    if (c.state === 'queued') return c.startAt;
    if (c.state === 'dialing') return c.answerAt ?? c.endAt;
    if (c.state === 'answered') return c.endAt;
    return undefined;
  };

  // A timer carries only its call and checks, when it fires, that a step is due: a reset (the call
  // gone) or a duplicate timer (a restart, a forced end) finds nothing to do. No closure per call.
  const due = (c: CallRecord) => {
    const at = nextAtOf(c);
    if (slice.state.calls.get(c.id) === c && at !== undefined && at <= clock.now()) step(c);
  };

  const schedule = (c: CallRecord) => {
    const at = nextAtOf(c);
    if (at !== undefined) clock.at(at, due, c);
  };

  const setState = (c: CallRecord, state: CallState) => {
    const previous = c.state;
    const at = clock.now();
    c.state = state;
    (c.history ??= []).push([state, at]);
    slice.changed(callKey(c.id));
    events.emit('record.state', { provider: 'unibell', kind: 'call', id: c.id, account: c.account, state, previous, at });
  };

  const sendCallback = (c: CallRecord, which: 'startCallbackUrl' | 'endCallbackUrl', query: Record<string, string | number>) => {
    const url = slice.state.appCallbacks[c.appKey]?.[which];
    if (!url) return;
    try {
      ctx.callbacks.send({ provider: 'unibell', url, method: 'GET', query, subject: c.id, account: c.account });
    } catch (err) {
      ctx.logger.warn({ err, url, call: c.id }, 'unibell callback URL is not usable');
    }
  };

  const finish = (c: CallRecord) => {
    const o = c.outcome;
    if (o.connected && o.durationSec > 0) {
      const perMinute = catalog.accounts.get(c.account)?.perMinute ?? 0;
      c.cost = roundMoney(Math.ceil(o.durationSec / 60) * perMinute);
      // Postpaid overshoot: a call in progress is billed even if it takes the balance below zero.
      if (c.cost > 0 && ctx.accounts.get('unibell', c.account)) ctx.accounts.credit('unibell', c.account, -c.cost);
    }
    if (o.connected) {
      slice.state.recordings[recordingKey(c.account, c.reference)] = c.id;
      slice.changed(recordingEntryKey(c.account, c.reference));
    }
    setState(c, o.state === 2 ? 'ok' : 'error');
    // 16 and 17 say "attempts exhausted": an attempt that will be repeated has no documented code, so it
    // sends no end callback; the last one does (a client may take 16/17 as final).
    const repeated = c.campaignId !== undefined && repeatOf(c) !== undefined;
    if (!(repeated && (o.error === ERR.BUSY || o.error === ERR.NO_ANSWER))) sendCallback(c, 'endCallbackUrl', {
      reference: c.reference,
      type: 'endCallback',
      state: o.state,
      error: o.error,
      duration: o.durationSec,
      appKey: c.appKey,
    });
    if (c.campaignId) afterAttempt(c);
  };

  /** The repeat rule that plans another attempt after this campaign attempt, if any. */
  const repeatOf = (c: CallRecord) => {
    const campaign = slice.state.campaigns[c.campaignId as string];
    const abonent = campaign?.abonents[c.abonentIndex ?? -1];
    if (!campaign || !abonent) return undefined;
    const category = repeatCategoryOf(c.outcome);
    const rule = campaign.repeats[category];
    return rule && (abonent.used[category] ?? 0) < rule.count ? rule : undefined;
  };

  const afterAttempt = (c: CallRecord) => {
    const campaign = slice.state.campaigns[c.campaignId as string];
    const abonent = campaign?.abonents[c.abonentIndex ?? -1];
    if (!campaign || !abonent) return;
    const category = repeatCategoryOf(c.outcome);
    const rule = campaign.repeats[category];
    const used = abonent.used[category] ?? 0;
    if (rule && used < rule.count) {
      abonent.used[category] = used + 1;
      abonent.attempts++;
      slice.changed(campaignKey(campaign.id));
      nextAttempt(campaign, c.abonentIndex as number, abonent.attempts, nextInWindow(c.endAt + rule.intervalSec * 1000, campaign.window));
      return;
    }
    abonent.done = true;
    if (campaign.abonents.every((a) => a.done)) {
      campaign.state = 'done';
      campaign.doneAt = clock.now();
      events.emit('record.state', { provider: 'unibell', kind: 'campaign', id: campaign.id, account: campaign.account, state: 'done', previous: 'running', at: campaign.doneAt });
    }
    slice.changed(campaignKey(campaign.id));
  };

  function step(c: CallRecord) {
    if (c.state === 'queued') {
      setState(c, 'dialing');
      sendCallback(c, 'startCallbackUrl', { type: 'startCallback', reference: c.reference });
    } else if (c.state === 'dialing' && c.answerAt !== undefined) {
      setState(c, 'answered');
    } else if (!FINAL.has(c.state)) {
      finish(c);
    }
    schedule(c);
  }

  return {
    createCall(n) {
      const o = n.outcome;
      const answerAt = o.connected ? n.startAt + o.ringMs : undefined;
      const endAt = answerAt !== undefined ? answerAt + o.durationSec * 1000 : n.startAt + o.ringMs;
      const c: CallRecord = {
        id: ctx.random.hex(32).toLowerCase(),
        account: n.account,
        appKey: n.appKey,
        reference: n.reference,
        sourceAddr: n.sourceAddr,
        destAddr: n.destAddr,
        variables: n.variables,
        campaignId: n.campaignId,
        abonentIndex: n.abonentIndex,
        attempt: n.attempt,
        createdAt: clock.now(),
        startAt: n.startAt,
        answerAt,
        endAt,
        state: 'queued',
        outcome: o,
      };
      slice.state.calls.set(c.id, c);
      slice.changed(callKey(c.id));
      events.emit('record.created', { provider: 'unibell', kind: 'call', id: c.id, account: c.account, state: c.state, at: c.createdAt });
      schedule(c);
      return c;
    },
    resume() {
      for (const c of slice.state.calls.values()) schedule(c);
    },
    force(c, outcome) {
      if (c.state === 'queued') {
        setState(c, 'dialing');
        sendCallback(c, 'startCallbackUrl', { type: 'startCallback', reference: c.reference });
      }
      c.outcome = outcome;
      c.endAt = clock.now();
      finish(c);
    },
  };
}
