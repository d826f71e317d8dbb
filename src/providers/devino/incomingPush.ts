// The incoming-SMS push of devino-rest-notes.md: for each incoming SMS, Devino calls the account's
// URL with `sourcePhone`, `number`, `prefix`, `text` and `messageId`; the handler answers (within a
// minute) `text/plain` `{sms=<reply text>}`, and that text goes back to the subscriber as an SMS.
// Devino retries after a 30 s time-out, or 300 s after the handler answered an error.
// Choices where the notes are silent (docs/fidelity.md): a GET with the fields in the query string,
// at most 3 retries, `prefix` is the first word of the text as sent.
import type { CallbackAttempt } from '../../core/callbacks.js';
import type { SimContext } from '../../core/context.js';
import type { DevinoSlice, IncomingSms } from './store.js';
import type { DevinoFixture } from './schemas.js';

export const PUSH_TIMEOUT_RETRY_MS = 30_000;
export const PUSH_ERROR_RETRY_MS = 300_000;
export const PUSH_RETRIES = 3;

/** `{sms=…}`: the reply text, or undefined when the handler sent none. */
export function replyOf(body: string | undefined): string | undefined {
  const m = /^\s*\{sms=([\s\S]*)\}\s*$/.exec(body ?? '');
  return m && m[1] !== '' ? m[1] : undefined;
}

/** Devino's own timing: 30 s after a time-out, 300 s after an error answer; undefined after the last retry. */
export function pushRetryDelay(failed: CallbackAttempt): number | undefined {
  if (failed.attempt > PUSH_RETRIES) return undefined;
  return failed.error?.startsWith('timeout') ? PUSH_TIMEOUT_RETRY_MS : PUSH_ERROR_RETRY_MS;
}

export type SendReply = (account: string, to: string, from: string, text: string) => void;

export interface IncomingPush {
  urlOf(account: string): string | undefined;
  /** Sets (or, with null, removes) an account's push URL; kept in the store, a reset restores the fixtures. */
  setUrl(account: string, url: string | null): void;
  /** Where replies go: the SMS sender, wired once the API routes exist. */
  replyWith(send: SendReply): void;
}

export function createIncomingPush(ctx: SimContext, slice: DevinoSlice, fixture: DevinoFixture): IncomingPush {
  const fromFixtures = () => new Map(fixture.accounts.flatMap((a) => (a.incomingPushUrl ? [[a.login, a.incomingPushUrl] as const] : [])));
  const urls = ctx.store.slice<Map<string, string>>('devino-push', {
    init: fromFixtures,
    save: (m) => Object.fromEntries(m),
    load: (json) => {
      if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('expected an object of push URLs');
      return new Map(Object.entries(json as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
    },
  });
  /** Pushes whose answer may still carry a reply: delivery id -> the incoming SMS. */
  const awaiting = new Map<string, IncomingSms>();
  let sendReply: SendReply | undefined;

  const push = (msg: IncomingSms) => {
    const url = urls.state.get(msg.account);
    if (!url) return;
    try {
      const d = ctx.callbacks.send({
        provider: 'devino',
        url,
        method: 'GET',
        query: { sourcePhone: msg.from, number: msg.to, prefix: msg.text.trim().split(/\s+/)[0] ?? '', text: msg.text, messageId: msg.id },
        subject: String(msg.id),
        account: msg.account,
        retryDelayMs: pushRetryDelay,
      });
      if (d.state !== 'dropped') awaiting.set(d.id, msg);
    } catch (err) {
      ctx.logger.warn({ err, url, incoming: msg.id }, 'devino incoming-SMS push URL is not usable');
    }
  };

  ctx.events.on('record.created', (e) => {
    if (e.provider !== 'devino' || e.kind !== 'incoming-sms') return;
    const list = slice.state.incoming.get(e.account ?? '');
    const msg = list?.[list.length - 1];
    if (msg && String(msg.id) === e.id) push(msg);
  });

  ctx.events.on('callback.attempt', (e) => {
    const msg = awaiting.get(e.deliveryId);
    if (!msg) return;
    if (e.error !== undefined) {
      if (e.attempt > PUSH_RETRIES) awaiting.delete(e.deliveryId);
      return;
    }
    awaiting.delete(e.deliveryId);
    const attempts = ctx.callbacks.get(e.deliveryId)?.attempts;
    const reply = replyOf(attempts?.[attempts.length - 1]?.responseBody);
    if (reply !== undefined && sendReply) sendReply(msg.account, msg.from, msg.to, reply);
  });
  ctx.onReset(() => awaiting.clear());

  return {
    urlOf: (account) => urls.state.get(account),
    setUrl(account, url) {
      if (url === null) urls.state.delete(account);
      else urls.state.set(account, url);
      urls.changed();
    },
    replyWith(send) {
      sendReply = send;
    },
  };
}
