// Mobilgroup's slice of the store: broadcasts by id (with a per-account index) and each API
// account's templates. Plain JSON, so it persists as is; `load` checks the shape of a data file.
import { z } from 'zod';
import type { SimContext } from '../../core/context.js';
import { CallResult, SmsStatus, TransferStatus, type MobilgroupFixture } from './schemas.js';

export const SLUG = 'mobilgroup';

/** A subscriber's status as state shows it: the call results, plus the states before one is known. */
export const PENDING_STATUSES = ['В очереди', 'Вызов', 'Ожидает повтора'] as const;
/** Subscribers refused at /send/ are listed in state with these. */
export const REJECTED_STATUSES = ['Недостаточно средств', 'Неверный номер', 'Ошибка синтеза'] as const;

const AttemptOutcomeRecord = z.object({
  result: CallResult,
  ringSeconds: z.number(),
  listens: z.number(),
  transfer: z.object({ number: z.string(), status: TransferStatus, duration: z.number() }).optional(),
  sms: SmsStatus,
});

const CallRecord = z.object({
  phone: z.string(),
  /** Set when /send/ refused this subscriber: the per-subscriber error code. */
  rejected: z.string().optional(),
  message: z.string().optional(),
  /** Seconds of the voice message. */
  duration: z.number(),
  /** Money taken at /send/ (the estimate); settled against `price` when the call ends. */
  held: z.number(),
  /** What the call costs: the estimate until it ends, then the final price. */
  price: z.number(),
  status: z.enum([...PENDING_STATUSES, ...REJECTED_STATUSES, ...CallResult.options]),
  attempts: z.number(),
  /** Seconds the subscriber listened (answered calls). */
  talk: z.number(),
  /** Start of the last attempt. */
  date: z.number().optional(),
  /** Next planned transition and when; kept so a restart resumes it. */
  step: z.enum(['dial', 'hangup']).optional(),
  nextAt: z.number().optional(),
  /** The attempt in progress, decided when dialling. */
  outcome: AttemptOutcomeRecord.optional(),
  transfer: z.object({ number: z.string(), duration: z.number(), price: z.number(), status: TransferStatus }).optional(),
  sms: z.object({ date: z.number(), message: z.string(), partition: z.number(), price: z.number(), status: SmsStatus }).optional(),
});
export type CallRecord = z.infer<typeof CallRecord>;
export type CallStatus = CallRecord['status'];

const BroadcastRecord = z.object({
  id: z.string(),
  account: z.string(),
  createdAt: z.number(),
  content: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('message'), text: z.string() }),
    z.object({ kind: z.literal('phrase'), id: z.string() }),
    z.object({ kind: z.literal('script'), id: z.string() }),
  ]),
  number: z.string(),
  startAt: z.number(),
  attempts: z.number(),
  intervalMin: z.number(),
  repeat: z.number(),
  calls: z.array(CallRecord),
});
export type BroadcastRecord = z.infer<typeof BroadcastRecord>;

const TemplateRecord = z.object({ id: z.string(), account: z.string(), name: z.string(), message: z.string() });
export type TemplateRecord = z.infer<typeof TemplateRecord>;

const TemplateBook = z.object({ nextId: z.number(), items: z.record(z.string(), TemplateRecord) });
export type TemplateBook = z.infer<typeof TemplateBook>;

export const MobilgroupState = z.object({
  nextBroadcastId: z.number(),
  broadcasts: z.record(z.string(), BroadcastRecord),
  byAccount: z.record(z.string(), z.array(z.string())),
  /** Per API account; a template's `account` is the client id in the user's CRM. */
  templates: z.record(z.string(), TemplateBook),
});
export type MobilgroupState = z.infer<typeof MobilgroupState>;

export interface MobilgroupStore {
  readonly state: MobilgroupState;
  changed(): void;
  /** The broadcast if it exists and belongs to the account. */
  broadcast(account: string, id: string): BroadcastRecord | undefined;
  add(broadcast: Omit<BroadcastRecord, 'id'>): BroadcastRecord;
  templates(account: string): TemplateBook;
}

function initialState(fixtures: MobilgroupFixture): MobilgroupState {
  const templates: Record<string, TemplateBook> = {};
  for (const a of fixtures.accounts) {
    const items = Object.fromEntries(a.templates.map((t) => [t.id, { ...t }]));
    const highest = a.templates.reduce((max, t) => Math.max(max, Number(t.id)), 0);
    templates[a.id] = { nextId: a.nextTemplateId ?? highest + 1, items };
  }
  return { nextBroadcastId: fixtures.firstBroadcastId, broadcasts: {}, byAccount: {}, templates };
}

export function createMobilgroupStore(ctx: SimContext, fixtures: MobilgroupFixture): MobilgroupStore {
  const slice = ctx.store.slice<MobilgroupState>(SLUG, {
    init: () => initialState(fixtures),
    load: (json) => MobilgroupState.parse(json),
  });
  return {
    get state() {
      return slice.state;
    },
    changed: () => slice.changed(),
    broadcast(account, id) {
      const b = slice.state.broadcasts[id];
      return b && b.account === account ? b : undefined;
    },
    add(input) {
      const state = slice.state;
      const record: BroadcastRecord = { id: String(state.nextBroadcastId++), ...input };
      state.broadcasts[record.id] = record;
      (state.byAccount[record.account] ??= []).push(record.id);
      slice.changed();
      return record;
    },
    templates(account) {
      // An account added to the fixtures after the data file was written starts with no templates.
      const book = (slice.state.templates[account] ??= { nextId: 1, items: {} });
      return book;
    },
  };
}
