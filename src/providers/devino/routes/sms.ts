// Devino SMS operations: the three sends, the state of a segment, incoming SMS and statistics.
import type { FastifyInstance } from 'fastify';
import { roundMoney } from '../../../core/accounts.js';
import type { SimContext } from '../../../core/context.js';
import { segmentSms } from '../../../core/sms.js';
import type { DevinoAuth } from '../auth.js';
import { dotNetDate, MSK_OFFSET, parseLocalDateTime } from '../dates.js';
import { lowerBound, type DevinoSlice, type SmsRecord } from '../store.js';
import { DevinoError, invalid } from '../errors.js';
import { normalizeNumber } from '../../../core/phone.js';
import { DEVINO_NUMBERS } from '../numbers.js';
import { registerOperation, registerSessionOperation } from './operation.js';
import {
  SmsInParams,
  SmsSendBulkParams,
  SmsSendByTimeZoneParams,
  SmsSendParams,
  SmsStateParams,
  SmsStatisticsParams,
  type DevinoAccountFixture,
  type DevinoFixture,
} from '../schemas.js';
import type { SmsLifecycle } from '../smsLifecycle.js';
import { SMS_QUEUED, SMS_STATES, SMS_UNKNOWN, statisticsBucket } from '../states.js';

const MAX_TEXT = 2000;
const LATIN_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 .\-_!&'"+]{1,11}$/;
const DIGIT_SENDER = /^\d{1,15}$/;
const DAY_MS = 86_400_000;
/** SendBulk also takes the single-recipient spelling of its list. */
const BULK_ALIASES = { DestinationAddresses: ['DestinationAddress'] };

interface SendRequest {
  via: SmsRecord['via'];
  destinations: string[];
  data: string;
  source: string;
  sendDate?: string;
  validity?: string;
  /** Time zone the send date is read in, per recipient. */
  sendDateOffset: (msisdn: string) => number;
}

export function registerSmsRoutes(app: FastifyInstance, ctx: SimContext, deps: { slice: DevinoSlice; fixture: DevinoFixture; auth: DevinoAuth; lifecycle: SmsLifecycle }) {
  const { slice, fixture, auth, lifecycle } = deps;
  const { clock, random, numbering, accounts } = ctx;

  const tariff = (account: DevinoAccountFixture, operator: string) => account.smsTariffs[operator] ?? account.smsTariffs.default;

  const segmentId = (to: string, parts: number, part: number, batch: string) => (parts === 1 ? `GW02${random.hex(8)}` : `SAR-GW01+${to}-${batch}-${parts}-${part}`);

  /**
   * The spec's checks in its order once parameters and session were read: balance, number, sender,
   * length. For a request's session or a reply to an incoming SMS alike.
   */
  function sendAs(account: DevinoAccountFixture, req: SendRequest): string[] {
    const segments = segmentSms(req.data);
    const parts = segments.parts.length;
    const priced: { raw: string; msisdn: string | undefined; operator: string; price: number }[] = [];
    let sum = 0;
    for (const raw of req.destinations) {
      const msisdn = normalizeNumber(raw, DEVINO_NUMBERS);
      const operator = msisdn ? numbering.operatorOf(msisdn) : 'default';
      const price = tariff(account, operator);
      priced.push({ raw, msisdn, operator, price });
      sum += price * parts;
    }
    const total = roundMoney(sum);
    const balance = accounts.get('devino', account.login)?.balance ?? 0;
    if (balance + 1e-9 < total) throw new DevinoError(5, `Not enough credits: ${total} needed, balance ${balance}`);

    const bad = priced.find((n) => !n.msisdn);
    if (bad) throw new DevinoError(2, `Invalid destination address: ${bad.raw}`);
    // The fixture's own string is kept with each segment, not the request's copy of it.
    const from = account.senders.find((s) => s === req.source);
    if (!(LATIN_SENDER.test(req.source) || DIGIT_SENDER.test(req.source)) || from === undefined) {
      throw new DevinoError(6, 'Invalid source address');
    }
    if (req.data.length > MAX_TEXT) throw new DevinoError(2, `Invalid argument Data: the text is ${req.data.length} characters, more than ${MAX_TEXT}`);

    const validity = req.validity === undefined ? 0 : Number(req.validity);
    if (!Number.isInteger(validity) || validity < 0) throw invalid('Validity', `"${req.validity}" is not a whole number of minutes`);
    const validityMs = (validity || fixture.timings.defaultValidityMinutes) * 60_000;
    const now = clock.now();
    const sendAts = priced.map((n) => {
      if (req.sendDate === undefined) return now;
      const at = parseLocalDateTime(req.sendDate, req.sendDateOffset(n.msisdn as string));
      if (at === undefined) throw invalid('SendDate', `"${req.sendDate}" is not a date and time like 2011-01-28T16:00:00`);
      return Math.max(now, at);
    });

    if (!accounts.charge('devino', account.login, total)) throw new DevinoError(5, 'Not enough credits');
    const ids: string[] = [];
    const operation = `Sms/${req.via}`;
    priced.forEach((n, i) => {
      const to = n.msisdn as string;
      const plan = lifecycle.plan(to, ctx.scenarios.outcome({ provider: 'devino', kind: 'sms', account: account.login, number: to, operation }));
      // Only a multi-part message's ids carry a batch tag; a single part's id draws its own digits.
      const batch = parts > 1 ? random.hex(8).toLowerCase() : '';
      segments.parts.forEach((text, p) => {
        let id = segmentId(to, parts, p + 1, batch);
        while (slice.state.sms.has(id)) id = segmentId(to, parts, p + 1, random.hex(8).toLowerCase());
        const rec: SmsRecord = {
          id,
          account: account.login,
          to,
          from,
          text,
          part: p + 1,
          parts: segments.parts.length,
          encoding: segments.encoding,
          operator: n.operator,
          price: n.price,
          via: req.via,
          createdAt: now,
          sendAt: sendAts[i],
          expiresAt: sendAts[i] + validityMs,
          updatedAt: now,
          state: SMS_QUEUED,
          plan,
          history: [SMS_QUEUED, now],
        };
        lifecycle.accept(rec);
        ids.push(id);
      });
    });
    return ids;
  }

  const moscow = () => MSK_OFFSET;

  registerSessionOperation(app, auth, {
    path: '/rest/Sms/Send',
    operation: 'Sms/Send',
    methods: ['POST'],
    params: SmsSendParams,
    handle(p, account) {
      return sendAs(account, { via: 'Send', destinations: [p.DestinationAddress], data: p.Data, source: p.SourceAddress, sendDate: p.SendDate, validity: p.Validity, sendDateOffset: moscow });
    },
  });

  registerSessionOperation(app, auth, {
    path: '/rest/Sms/SendByTimeZone',
    operation: 'Sms/SendByTimeZone',
    methods: ['POST'],
    params: SmsSendByTimeZoneParams,
    handle(p, account) {
      return sendAs(account, {
        via: 'SendByTimeZone',
       
        destinations: [p.DestinationAddress],
        data: p.Data,
        source: p.SourceAddress,
        sendDate: p.SendDate,
        validity: p.Validity,
        sendDateOffset: (msisdn) => numbering.utcOffsetOf(msisdn),
      });
    },
  });

  registerSessionOperation(app, auth, {
    path: '/rest/Sms/SendBulk',
    operation: 'Sms/SendBulk',
    methods: ['POST'],
    params: SmsSendBulkParams,
    aliases: BULK_ALIASES,
    handle(p, account) {
      return sendAs(account, { via: 'SendBulk', destinations: p.DestinationAddresses, data: p.Data, source: p.SourceAddress, sendDate: p.SendDate, validity: p.Validity, sendDateOffset: moscow });
    },
  });

  registerSessionOperation(app, auth, {
    path: '/rest/Sms/State',
    operation: 'Sms/State',
    methods: ['GET', 'POST'],
    params: SmsStateParams,
    handle(p, account) {
      // An unencoded `+` in a multi-part id arrives as a space.
      const rec = slice.state.sms.get(p.MessageID.includes(' ') ? p.MessageID.replace(/ /g, '+') : p.MessageID);
      const now = clock.now();
      if (!rec || rec.account !== account.login || now - rec.createdAt > fixture.timings.stateRetentionHours * 3_600_000) {
        return { State: SMS_UNKNOWN, CreationDateUtc: null, SubmittedDateUtc: null, ReportedDateUtc: null, TimeStampUtc: dotNetDate(now), StateDescription: SMS_STATES[SMS_UNKNOWN], Price: null };
      }
      return {
        State: rec.state,
        CreationDateUtc: dotNetDate(rec.createdAt),
        SubmittedDateUtc: dotNetDate(rec.submittedAt),
        ReportedDateUtc: dotNetDate(rec.reportedAt),
        TimeStampUtc: dotNetDate(rec.updatedAt),
        StateDescription: SMS_STATES[rec.state] ?? SMS_STATES[99],
        Price: rec.price,
      };
    },
  });

  registerSessionOperation(app, auth, {
    path: '/rest/Sms/In',
    operation: 'Sms/In',
    methods: ['GET', 'POST'],
    params: SmsInParams,
    handle(p, account) {
      const min = parseLocalDateTime(p.MinDateUTC, 0);
      const max = parseLocalDateTime(p.MaxDateUTC, 0);
      if (min === undefined) throw invalid('minDateUTC', `"${p.MinDateUTC}" is not a date`);
      if (max === undefined) throw invalid('maxDateUTC', `"${p.MaxDateUTC}" is not a date`);
      if (max <= min) throw invalid('maxDateUTC', 'must be later than minDateUTC');
      if (min < clock.now() - 366 * DAY_MS) throw invalid('minDateUTC', 'must be at most one year back');
      const list = slice.state.incoming.get(account.login) ?? [];
      const out = [];
      for (let i = lowerBound(list, min); i < list.length && list[i].createdAt <= max; i++) {
        const m = list[i];
        out.push({ Data: m.text, SourceAddress: m.from, DestinationAddress: m.to, ID: m.id, CreatedDateUtc: dotNetDate(m.createdAt) });
      }
      return out;
    },
  });

  registerSessionOperation(app, auth, {
    path: '/rest/Sms/Statistics',
    operation: 'Sms/Statistics',
    methods: ['GET', 'POST'],
    params: SmsStatisticsParams,
    handle(p, account) {
      const start = parseLocalDateTime(p.StartDateTime, MSK_OFFSET);
      const end = parseLocalDateTime(p.EndDateTime, MSK_OFFSET);
      if (start === undefined) throw invalid('startDateTime', `"${p.StartDateTime}" is not a date`);
      if (end === undefined) throw invalid('endDateTime', `"${p.EndDateTime}" is not a date`);
      if (end < start) throw invalid('endDateTime', 'must not be earlier than startDateTime');
      if (end - start > 90 * DAY_MS) throw new DevinoError(2, 'Нельзя указывать диапазон дат более 90 дней.');
      const counts = { Sent: 0, Delivered: 0, Errors: 0, InProcess: 0, Expired: 0, Rejected: 0 };
      const list = slice.state.smsByAccount.get(account.login) ?? [];
      for (let i = lowerBound(list, start); i < list.length && list[i].createdAt <= end; i++) counts[statisticsBucket(list[i].state)]++;
      const total = counts.Sent + counts.Delivered + counts.InProcess + counts.Expired + counts.Rejected;
      return {
        ...counts,
        Total: total,
        TotalWithErrors: total + counts.Errors,
        DeliveryRatio: total === 0 ? 0 : Math.round((counts.Delivered / total) * 10_000) / 10_000,
      };
    },
  });

  return { sendAs };
}
