// `/apps/activate` in its two forms: one call (`destAddr`, `reference`, `scenarioData`) or a
// campaign over an abonent list with per-outcome repeats inside a daily work window. Checks go
// scheme -> app permission -> service state -> data, each with its own status.
import type { z } from 'zod';
import { normalizeNumber } from '../../core/phone.js';
import type { SimContext } from '../../core/context.js';
import type { AppFixture, Catalog } from './catalog.js';
import { nextInWindow, parseMsk, parseTimeOfDay, type WorkWindow } from './dates.js';
import { invalidData, invalidScheme, UnibellError } from './errors.js';
import { createLifecycle, type Lifecycle } from './lifecycle.js';
import type { MediaTree } from './mediaTree.js';
import { decideOutcome } from './outcomes.js';
import type { CampaignActivateBody, SingleActivateBody } from './schemas.js';
import { checkText, parseScenarioData } from './text.js';
import { campaignKey, type CampaignRecord, type RepeatCategory, type UnibellSlice } from './store.js';

const MAX_REPEAT_COUNT = 1000;
const MAX_INTERVAL_SEC = 7 * 86_400;
const MAX_REFERENCE = 255;
const WHOLE_DAY: WorkWindow = { startSec: 0, endSec: 86_400 };

type SingleBody = z.output<typeof SingleActivateBody>;
type CampaignBody = z.output<typeof CampaignActivateBody>;

export interface Activation {
  lifecycle: Lifecycle;
  single(app: AppFixture, body: SingleBody): void;
  /** Returns the campaign's requestId. */
  campaign(app: AppFixture, body: CampaignBody): string;
}

export function createActivation(ctx: SimContext, slice: UnibellSlice, catalog: Catalog, tree: MediaTree): Activation {
  const { clock } = ctx;

  const mayRun = (app: AppFixture, form: 'single' | 'campaign') => {
    if (!app.forms.includes(form)) {
      throw new UnibellError('prohibitedForAppError', form === 'single' ? 'This application cannot be activated for a single call' : 'This application cannot run campaigns');
    }
    const account = ctx.accounts.get('unibell', app.account);
    if (!account || account.disabled) throw new UnibellError('prohibitedForServiceError', 'The service is blocked for this personal account');
    if (account.balance <= 0) throw new UnibellError('prohibitedForServiceError', 'The service is suspended: the balance is not positive');
  };

  const phone = (field: string, raw: string) => {
    const n = normalizeNumber(raw);
    if (!n) throw invalidData(`${field} must be a phone number in international format, e.g. 79161234567`);
    return n;
  };

  const nextAttempt = (campaign: CampaignRecord, index: number, attempt: number, startAt: number) => {
    const destAddr = campaign.abonents[index].destAddr;
    const override = ctx.scenarios.outcome({ provider: 'unibell', kind: 'call', account: campaign.account, number: destAddr, operation: 'apps.activate' });
    const decision = decideOutcome(catalog.fixture, { destAddr, variables: {}, form: 'campaign' }, override, attempt);
    if (decision.rpcError) return;
    lifecycle.createCall({
      account: campaign.account,
      appKey: campaign.appKey,
      reference: `${campaign.id}-${index + 1}-${attempt}`,
      sourceAddr: callerOf(campaign, index, attempt),
      destAddr,
      variables: {},
      startAt,
      outcome: decision.outcome,
      campaignId: campaign.id,
      abonentIndex: index,
      attempt,
    });
  };

  /** A pool hands out its numbers in turn, per abonent and attempt. */
  const callerOf = (campaign: CampaignRecord, index: number, attempt: number): string => {
    if (campaign.numberId !== undefined) return catalog.numbers.get(campaign.numberId)?.number ?? '';
    const pool = catalog.pools.get(campaign.numberPoolId as number);
    if (!pool) return '';
    return catalog.numbers.get(pool.numberIds[(index + attempt - 1) % pool.numberIds.length])?.number ?? '';
  };

  const lifecycle = createLifecycle(ctx, slice, catalog, nextAttempt);

  const ownedNumber = (account: string, id: number) => {
    const n = catalog.numbers.get(id);
    if (!n || n.account !== account) throw invalidData(`Unknown numberId ${id}`);
    return n;
  };

  const repeats = (body: CampaignBody): CampaignRecord['repeats'] => {
    const flag = (name: string, v: number | undefined) => {
      if (v !== undefined && v !== 0 && v !== 1) throw invalidData(`${name} must be 0 or 1`);
      return v === 1;
    };
    const bounded = (name: string, v: number | undefined, max: number, fallback: number) => {
      if (v === undefined) return fallback;
      if (v < 0 || v > max) throw invalidData(`${name} must be from 0 to ${max}`);
      return v;
    };
    const isRepeat = flag('isRepeat', body.isRepeat);
    const out: CampaignRecord['repeats'] = {};
    const rules: [RepeatCategory, string, number | undefined, number | undefined, number | undefined][] = [
      ['busy', 'Busy', body.repeatBusy, body.repeatBusyCount, body.repeatBusyInt],
      ['answered', 'Answered', body.repeatAnswered, body.repeatAnsweredCount, body.repeatAnsweredInt],
      ['failed', 'Failed', body.repeatFailed, body.repeatFailedCount, body.repeatFailedInt],
      ['noAnswer', 'NoAnswer', body.repeatNoAnswer, body.repeatNoAnswerCount, body.repeatNoAnswerInt],
    ];
    for (const [category, name, on, count, interval] of rules) {
      // Every field is checked, even when repeats are off, so a typo is reported at once.
      const enabled = flag(`repeat${name}`, on);
      const rule = { count: bounded(`repeat${name}Count`, count, MAX_REPEAT_COUNT, 0), intervalSec: bounded(`repeat${name}Int`, interval, MAX_INTERVAL_SEC, 60) };
      if (isRepeat && enabled && rule.count > 0) out[category] = rule;
    }
    return out;
  };

  const workWindow = (body: CampaignBody): WorkWindow => {
    if (body.workStartTime === undefined && body.workEndTime === undefined) return WHOLE_DAY;
    const start = body.workStartTime === undefined ? 0 : parseTimeOfDay(body.workStartTime);
    const end = body.workEndTime === undefined ? 86_400 : parseTimeOfDay(body.workEndTime);
    if (start === undefined) throw invalidData('workStartTime must be YYYY-MM-DD HH:mm:ss or HH:mm:ss');
    if (end === undefined) throw invalidData('workEndTime must be YYYY-MM-DD HH:mm:ss or HH:mm:ss');
    if (start === end) throw invalidData('workStartTime and workEndTime must differ');
    return { startSec: start, endSec: end };
  };

  return {
    lifecycle,
    single(app, body) {
      mayRun(app, 'single');
      const destAddr = phone('destAddr', body.destAddr);
      let sourceAddr: string;
      if (body.sourceAddr !== undefined && body.sourceAddr !== '') {
        sourceAddr = phone('sourceAddr', body.sourceAddr);
      } else {
        const first = catalog.numbersOf(app.account)[0];
        if (!first) throw invalidData('sourceAddr is required: the personal account has no numbers');
        sourceAddr = first.number;
      }
      const reference = checkText('reference', body.reference ?? '');
      if (reference.length > MAX_REFERENCE) throw invalidData(`reference must be at most ${MAX_REFERENCE} characters`);
      const variables = parseScenarioData(body.scenarioData);
      let playFileExists: boolean | undefined;
      if (variables.fileId !== undefined) {
        const m = /^\d{1,15}$/.test(variables.fileId) ? slice.state.media[Number(variables.fileId)] : undefined;
        playFileExists = m !== undefined && m.account === app.account && !m.isFolder;
      }
      const override = ctx.scenarios.outcome({ provider: 'unibell', kind: 'call', account: app.account, number: destAddr, operation: 'apps.activate' });
      const decision = decideOutcome(catalog.fixture, { destAddr, variables, playFileExists, form: 'single' }, override);
      if (decision.rpcError) throw new UnibellError('rpcError', 'The call could not be handed to the switch');
      lifecycle.createCall({
        account: app.account,
        appKey: app.accessKey,
        reference,
        sourceAddr,
        destAddr,
        variables,
        startAt: clock.now() + catalog.fixture.timing.dialDelaySec * 1000,
        outcome: decision.outcome,
        attempt: 1,
      });
    },
    campaign(app, body) {
      mayRun(app, 'campaign');
      if (body.numberId === undefined && body.numberPoolId === undefined) throw invalidScheme('numberId or numberPoolId is required');
      if (body.numberId !== undefined && body.numberPoolId !== undefined) throw invalidData('give numberId or numberPoolId, not both');
      if (body.numberId !== undefined) ownedNumber(app.account, body.numberId);
      if (body.numberPoolId !== undefined) {
        const pool = catalog.pools.get(body.numberPoolId);
        if (!pool || pool.account !== app.account) throw invalidData(`Unknown numberPoolId ${body.numberPoolId}`);
      }
      const list = catalog.abonentLists.get(body.abonentListId);
      if (!list || list.account !== app.account) throw invalidData(`Unknown abonentListId ${body.abonentListId}`);
      if (list.numbers.length === 0) throw invalidData(`Abonent list ${list.id} is empty`);
      let startAt = clock.now();
      if (body.startDateTime !== undefined) {
        const at = parseMsk(body.startDateTime);
        if (at === undefined) throw invalidData('startDateTime must be YYYY-MM-DD HH:mm:ss (Moscow time)');
        startAt = Math.max(startAt, at);
      }
      const window = workWindow(body);
      const campaign: CampaignRecord = {
        id: ctx.random.hex(32).toLowerCase(),
        account: app.account,
        appKey: app.accessKey,
        numberId: body.numberId,
        numberPoolId: body.numberPoolId,
        abonentListId: list.id,
        createdAt: clock.now(),
        startAt,
        window,
        repeats: repeats(body),
        abonents: list.numbers.map((destAddr) => ({ destAddr, attempts: 1, used: {}, done: false })),
        state: 'running',
      };
      slice.state.campaigns[campaign.id] = campaign;
      slice.changed(campaignKey(campaign.id));
      ctx.events.emit('record.created', { provider: 'unibell', kind: 'campaign', id: campaign.id, account: campaign.account, state: 'running', at: campaign.createdAt });
      const first = nextInWindow(startAt, window);
      campaign.abonents.forEach((_, i) => nextAttempt(campaign, i, 1, first));
      return campaign.id;
    },
  };
}
