// The callback dispatcher's vocabulary: what a provider asks for, what a scenario does to it, and
// what the log shows of each delivery and attempt.
import type { CallbackTargetPolicy } from '../callbackTarget.js';
import type { SimClock } from '../clock.js';
import type { EventBus } from '../events.js';

export interface CallbackRequest {
  provider: string;
  url: string;
  method: 'GET' | 'POST';
  /** Added to the URL's query string (Unibell's GET callbacks). */
  query?: Record<string, string | number | undefined>;
  /** JSON-serialisable body for POST. */
  json?: unknown;
  headers?: Record<string, string>;
  /** What the callback is about, for the log: a message or call id. */
  subject?: string;
  /** The provider account the callback belongs to (scenario rules may match on it). */
  account?: string;
  /** Simulated milliseconds before the first attempt. */
  delayMs?: number;
  /**
   * The provider's own retry timing: simulated milliseconds before the next attempt after a failed one
   * (`attempt` is its number, from 1), or undefined for no more. Default: the dispatcher's backoff.
   */
  retryDelayMs?: (failed: CallbackAttempt) => number | undefined;
}

/** What an attempt sends, worked out once when the callback is asked for. */
export type Prepared = { url: URL; headers: Record<string, string>; body?: string; retryDelayMs?: CallbackRequest['retryDelayMs'] };

/** What a scenario does to one callback. */
export interface CallbackEffect {
  /** Simulated milliseconds added before the first attempt. */
  delayMs?: number;
  /** Set: the callback is not sent, and this is why. */
  drop?: string;
  /** Extra copies sent after the original. */
  duplicate?: number;
  /** Held with others of the same key until `count` wait or `windowMs` passes, then sent newest first, one after another. */
  reorder?: { windowMs: number; count: number; key: string };
  /** The scenario rule, for the log. */
  rule?: string;
}

export interface CallbackAttempt {
  attempt: number;
  at: number;
  status?: number;
  latencyMs: number;
  error?: string;
  responseBody?: string;
}

export type DeliveryState = 'scheduled' | 'queued' | 'in-flight' | 'retrying' | 'delivered' | 'failed' | 'dropped';

export interface CallbackDelivery {
  id: string;
  provider: string;
  subject?: string;
  method: 'GET' | 'POST';
  url: string;
  body?: string;
  createdAt: number;
  state: DeliveryState;
  attempts: CallbackAttempt[];
  nextAttemptAt?: number;
  dropReason?: string;
  /** The scenario rule that changed this delivery. */
  rule?: string;
}

export interface CallbackOptions {
  clock: SimClock;
  events: EventBus;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Deliveries waiting or in flight; past it new ones are dropped (and logged as dropped). */
  maxPending?: number;
  /** Finished deliveries kept in the log (pending ones are always kept), oldest forgotten first. */
  logSize?: number;
  /** Real milliseconds before an attempt counts as a time-out. */
  timeoutMs?: number;
  /** Simulated milliseconds before each retry; its length is the number of retries. */
  backoffMs?: number[];
  nextId: () => string;
  logger?: { warn(obj: object, msg: string): void };
  /** Asked for every new callback (not for a redelivery): the scenario engine's effects. */
  effects?: (req: CallbackRequest) => CallbackEffect | undefined;
  /** Where a callback may connect; asked before every attempt. Without it every destination is tried. */
  target?: CallbackTargetPolicy;
  /** Sees every new callback as it is asked for (response validation checks it against its document). */
  inspect?: (req: CallbackRequest) => void;
}

export interface CallbackDispatcher {
  send(req: CallbackRequest): CallbackDelivery;
  list(filter?: { provider?: string; subject?: string; state?: DeliveryState }): CallbackDelivery[];
  get(id: string): CallbackDelivery | undefined;
  /** Sends a logged delivery again as a new delivery. */
  redeliver(id: string): CallbackDelivery | undefined;
  stats(): CallbackStats;
  /** Resolves when nothing is queued or in flight (scheduled future deliveries excepted). */
  idle(): Promise<void>;
  /** Whether an attempt is queued or in flight now (what `idle` waits for). */
  busy(): boolean;
  clear(): void;
  close(): Promise<void>;
}

export interface CallbackStats {
  pending: number;
  inFlight: number;
  dropped: number;
  delivered: number;
  failed: number;
  /** The bounds the dispatcher holds to, whatever the receivers do. */
  limits: { concurrency: number; maxPending: number; logSize: number; timeoutMs: number; retries: number };
  /** The latest delivery refused for lack of room (it may already be gone from the log). */
  lastDropped?: { id: string; provider: string; url: string; subject?: string; at: number; reason: string };
}

export const DEFAULT_BACKOFF_MS = [1_000, 5_000, 30_000, 120_000, 600_000];

/** Characters of a receiver's answer kept in the log. */
export const RESPONSE_BODY_KEPT = 1024;
