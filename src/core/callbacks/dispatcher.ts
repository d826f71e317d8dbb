// Puts the parts together: a callback asked for is prepared once (URL, credentials, body), logged,
// and queued; each attempt's result decides between delivered, failed and a retry at the
// provider's (or the default) backoff on the simulator clock.
import { createSender } from './delivery.js';
import { createDeliveryLog } from './log.js';
import { createDeliveryQueue } from './queue.js';
import { DEFAULT_BACKOFF_MS, type CallbackDelivery, type CallbackDispatcher, type CallbackEffect, type CallbackOptions, type CallbackRequest, type Prepared } from './types.js';

export function createCallbackDispatcher(options: CallbackOptions): CallbackDispatcher {
  const { clock, events } = options;
  const concurrency = options.concurrency ?? 8;
  const maxPending = options.maxPending ?? 10_000;
  const logSize = options.logSize ?? 1_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;

  const log = createDeliveryLog(logSize, () => clock.now());
  const sender = createSender({ timeoutMs, target: options.target });
  let closed = false;
  /**
   * Bumped by clear() (a reset): an attempt that was in flight then finishes into a log and
   * counters that no longer hold its delivery, so it leaves them alone.
   */
  let generation = 0;

  const queue = createDeliveryQueue({
    clock,
    concurrency,
    lookup: log.get,
    run(id) {
      const d = log.get(id);
      const p = log.prepared(id);
      if (!d || !p) return undefined;
      d.state = 'in-flight';
      return attempt(d, p);
    },
  });

  async function attempt(d: CallbackDelivery, p: Prepared) {
    const number = d.attempts.length + 1;
    const at = clock.now();
    const born = generation;
    const { record, refused } = await sender.attempt(d, p, number, at);
    // Reset while in flight: the delivery belongs to a generation that is gone.
    if (born !== generation) return;
    d.attempts.push(record);
    queue.attempted(d);
    events.emit('callback.attempt', { deliveryId: d.id, provider: d.provider, url: d.url, attempt: number, status: record.status, error: record.error, at });
    if (!record.error) return log.finish(d, 'delivered');
    if (refused) {
      options.logger?.warn({ delivery: d.id, url: d.url, error: record.error }, 'callback refused');
      return log.finish(d, 'failed');
    }
    const retryIn = p.retryDelayMs ? p.retryDelayMs(record) : backoff[number - 1];
    if (closed || retryIn === undefined) {
      options.logger?.warn({ delivery: d.id, url: d.url, attempts: number, error: record.error }, 'callback delivery failed');
      return log.finish(d, 'failed');
    }
    d.state = 'retrying';
    queue.at(d, clock.now() + retryIn);
  }

  function deliver(req: CallbackRequest, effect: CallbackEffect | undefined): CallbackDelivery {
    const url = new URL(req.url);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.append(k, String(v));
    const headers: Record<string, string> = { 'user-agent': `provider-sim (${req.provider})`, ...req.headers };
    // Credentials in the URL become Basic auth, as real senders do; the request line carries none.
    if (url.username || url.password) {
      const creds = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
      headers.authorization = `Basic ${Buffer.from(creds).toString('base64')}`;
      url.username = '';
      url.password = '';
    }
    let body: string | undefined;
    if (req.method === 'POST' && req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] ??= 'application/json';
    }
    const now = clock.now();
    const d: CallbackDelivery = {
      id: options.nextId(),
      provider: req.provider,
      subject: req.subject,
      method: req.method,
      url: url.toString(),
      body,
      createdAt: now,
      state: 'scheduled',
      attempts: [],
      rule: effect?.rule,
    };
    log.add(d, { url, headers, body, retryDelayMs: req.retryDelayMs });
    const dropReason = effect?.drop ?? (log.pending >= maxPending ? `queue full (${maxPending} deliveries pending)` : undefined);
    if (dropReason) {
      log.drop(d, dropReason, !effect?.drop);
      if (!effect?.drop) options.logger?.warn({ delivery: d.id, url: d.url }, `callback dropped: ${d.dropReason}`);
      log.trim();
      return d;
    }
    log.started(d);
    const delay = (req.delayMs ?? 0) + (effect?.delayMs ?? 0);
    if (effect?.reorder) queue.hold(d, effect.reorder);
    else if (delay > 0) queue.at(d, now + delay);
    else queue.enqueue(d);
    log.trim();
    return d;
  }

  const dispatcher: CallbackDispatcher = {
    send(req) {
      options.inspect?.(req);
      const effect = options.effects?.(req);
      const d = deliver(req, effect);
      for (let i = 0; i < (effect?.duplicate ?? 0); i++) deliver(req, { ...effect, duplicate: undefined });
      return d;
    },
    list: (filter) => log.list(filter),
    get: (id) => log.get(id),
    redeliver(id) {
      const d = log.get(id);
      if (!d) return undefined;
      const p = log.prepared(id);
      // An explicit redelivery is sent as asked: scenario effects do not apply.
      return deliver(
        {
          provider: d.provider,
          subject: d.subject,
          method: d.method,
          url: p ? p.url.toString() : d.url,
          headers: p ? { ...p.headers } : undefined,
          json: d.body === undefined ? undefined : JSON.parse(d.body),
        },
        undefined,
      );
    },
    stats() {
      const { pending, dropped, delivered, failed, lastDropped } = log.counts();
      return { pending, inFlight: queue.inFlight, dropped, delivered, failed, limits: { concurrency, maxPending, logSize, timeoutMs, retries: backoff.length }, lastDropped };
    },
    busy: () => queue.busy(),
    idle: () => queue.idle(),
    clear() {
      queue.clear();
      log.clear();
      // Attempts still in flight finish into the old generation and touch nothing here.
      generation++;
    },
    async close() {
      closed = true;
      await queue.close();
      await sender.close();
    },
  };
  return dispatcher;
}
