// Mobilgroup's store: two collections, broadcasts by id (indexed per account, each with its calls)
// and each API account's templates. A change logs only the record it touched (`broadcast:<id>`, or
// `templates:<account>`), so a request costs the same however many broadcasts are stored. Data files
// of the hand-written store (`{nextBroadcastId, broadcasts, byAccount, templates}`) load as they are.
// Templates have no cap per account, as before; `templates(account).items` is where one would go.
import { z } from 'zod';
import type { SimContext } from '../../core/context.js';
import { collection, defineCollections, scanAll } from '../../core/store/collection.js';
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

const CallStatus = z.enum([...PENDING_STATUSES, ...REJECTED_STATUSES, ...CallResult.options]);

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
  status: CallStatus,
  /**
   * Each status change after the first with its time, oldest first (the first is `В очереди`, or the
   * rejection, at the broadcast's creation). Absent until the first change, and in older data files.
   */
  history: z.array(z.tuple([CallStatus, z.number()])).optional(),
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
export type CallStatus = z.infer<typeof CallStatus>;

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

export interface MobilgroupStore {
  /** Persists one broadcast (its calls included) after a change to it. */
  broadcastChanged(id: string): void;
  /** Persists one API account's templates after a change to them. */
  templatesChanged(account: string): void;
  /** The broadcast if it exists and belongs to the account. */
  broadcast(account: string, id: string): BroadcastRecord | undefined;
  /** The broadcast of any account (the admin API, timers). */
  byId(id: string): BroadcastRecord | undefined;
  /** Every broadcast, oldest first: for start-up (resuming calls) and the admin listing, never a provider request. */
  all(): BroadcastRecord[];
  add(broadcast: Omit<BroadcastRecord, 'id'>): BroadcastRecord;
  templates(account: string): TemplateBook;
}

function* fixtureTemplates(fixtures: MobilgroupFixture): Generator<[string, TemplateBook]> {
  for (const a of fixtures.accounts) {
    const items = Object.fromEntries(a.templates.map((t) => [t.id, { ...t }]));
    const highest = a.templates.reduce((max, t) => Math.max(max, Number(t.id)), 0);
    yield [a.id, { nextId: a.nextTemplateId ?? highest + 1, items }];
  }
}

export function createMobilgroupStore(ctx: SimContext, fixtures: MobilgroupFixture): MobilgroupStore {
  const { broadcasts, templates } = defineCollections(ctx.store, SLUG, {
    broadcasts: collection({
      kind: 'broadcast',
      parse: BroadcastRecord.parse,
      indexes: { account: (b: BroadcastRecord) => b.account },
      // A restart that only replays log lines must not issue an id again.
      sequence: { field: 'nextBroadcastId', first: () => fixtures.firstBroadcastId, of: Number },
    }),
    /** Per API account; a template's `account` is the client id in the user's CRM. */
    templates: collection({ kind: 'templates', parse: TemplateBook.parse, seed: () => fixtureTemplates(fixtures) }),
  });
  return {
    broadcastChanged: (id) => broadcasts.changed(id),
    templatesChanged: (account) => templates.changed(account),
    broadcast(account, id) {
      const b = broadcasts.get(id);
      return b && b.account === account ? b : undefined;
    },
    byId: (id) => broadcasts.get(id),
    all: () => scanAll(broadcasts),
    add(input) {
      const record: BroadcastRecord = { id: String(broadcasts.nextId()), ...input };
      broadcasts.put(record.id, record);
      return record;
    },
    templates(account) {
      const book = templates.get(account);
      if (book) return book;
      // An account added to the fixtures after the data file was written starts with no templates.
      const fresh: TemplateBook = { nextId: 1, items: {} };
      templates.put(account, fresh);
      return fresh;
    },
  };
}
