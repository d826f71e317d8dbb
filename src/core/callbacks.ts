// Outbound callbacks (webhooks) of every provider: a bounded queue that never blocks request
// handling, retries with backoff on errors, time-outs and non-2xx answers, a bounded number of
// requests in flight, and a bounded log of every attempt.
// When a delivery is due and when it is retried follows the simulator clock (so moving the clock
// fires callbacks in order); the HTTP exchange itself is real I/O with a real time-out.
// Scenario rules can change how a callback is delivered: later, not at all, twice, or out of order.
//
// The parts: callbacks/dispatcher.ts (a callback from request to result), callbacks/queue.ts (when
// each attempt goes out), callbacks/delivery.ts (one attempt over HTTP), callbacks/log.ts (what
// the admin API lists, and the counters).
export { createCallbackDispatcher } from './callbacks/dispatcher.js';
export {
  DEFAULT_BACKOFF_MS,
  RESPONSE_BODY_KEPT,
  type CallbackAttempt,
  type CallbackDelivery,
  type CallbackDispatcher,
  type CallbackEffect,
  type CallbackOptions,
  type CallbackRequest,
  type CallbackStats,
  type DeliveryState,
} from './callbacks/types.js';
