// Every admin route in one table: method, path, summary and zod schemas. The routes are registered
// from it (src/admin/index.ts) and the OpenAPI document is derived from it, so the two cannot drift.
import type { z } from 'zod';
import * as s from './schemas.js';

export const ADMIN_PREFIX = '/_sim';

export interface AdminRouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Under ADMIN_PREFIX, in Fastify's syntax (`/scenarios/:name`). */
  path: string;
  summary: string;
  description?: string;
  tag: 'simulator' | 'clock' | 'scenarios' | 'accounts' | 'records' | 'journal' | 'callbacks' | 'events';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Content types the body may also come in, as text (a YAML scenario). */
  bodyTypes?: readonly string[];
  /** The handler reads the raw body itself (it validates with better messages than the schema). */
  rawBody?: boolean;
  response: z.ZodType;
  /** Success status (default 200). */
  status?: number;
  /** Default application/json. */
  produces?: 'application/json' | 'text/event-stream';
  /** Error statuses besides 400 (bad input) and 404 (unknown path parameter), with when each happens. */
  errors?: Readonly<Record<number, string>>;
}

export const adminRoutes = {
  health: {
    method: 'GET',
    path: '/health',
    summary: 'Liveness, the providers served, persistence and scenario status (never needs the admin token)',
    tag: 'simulator',
    response: s.HealthResponse,
  },
  reset: {
    method: 'POST',
    path: '/reset',
    summary: 'Everything back to the fixtures: state, balances, timers, journal, callbacks, generator, scenario counters and start-up activation',
    tag: 'simulator',
    response: s.ResetResponse,
  },
  traffic: {
    method: 'POST',
    path: '/traffic',
    summary:
      "Plays `minutes` of generated traffic on the simulator clock through the providers' own routes (SMS, replies, broadcasts, flash calls, calls, a campaign, failing callbacks); answers with counts per provider and kind",
    tag: 'simulator',
    body: s.TrafficBody,
    response: s.TrafficReport,
  },
  providers: {
    method: 'GET',
    path: '/providers',
    summary: "Each provider's error catalogue (what a scenario's `error` may name) and the states its records can be forced to",
    tag: 'simulator',
    response: s.ProviderList,
  },
  clock: { method: 'GET', path: '/clock', summary: 'The simulator clock: time and mode', tag: 'clock', response: s.ClockResponse },
  advanceClock: {
    method: 'POST',
    path: '/clock/advance',
    summary: 'Moves time forward by `ms` or `by` (e.g. "2h"), firing every timer due on the way, in time order',
    tag: 'clock',
    body: s.AdvanceClockBody,
    response: s.ClockResponse,
  },
  setClock: {
    method: 'POST',
    path: '/clock',
    summary: 'Sets the time (`now`) and/or the mode (real, manual, x<factor>)',
    tag: 'clock',
    body: s.SetClockBody,
    response: s.ClockResponse,
  },
  listScenarios: {
    method: 'GET',
    path: '/scenarios',
    summary: 'Known scenarios, which are active, and files whose last edit failed to load',
    tag: 'scenarios',
    response: s.ScenarioList,
  },
  getScenario: { method: 'GET', path: '/scenarios/:name', summary: 'One scenario as loaded', tag: 'scenarios', params: s.ScenarioNameParams, response: s.ScenarioDocument },
  uploadScenario: {
    method: 'POST',
    path: '/scenarios',
    summary: 'Adds or replaces a scenario (JSON, or YAML as application/yaml); it is not activated',
    tag: 'scenarios',
    body: s.ScenarioDocument,
    bodyTypes: ['application/yaml', 'application/x-yaml', 'text/yaml'],
    rawBody: true,
    response: s.UploadResponse,
    status: 201,
  },
  activateScenario: {
    method: 'POST',
    path: '/scenarios/:name/activate',
    summary: 'Activates a scenario for every request without an X-Sim-Scenario header (last activated wins ties); counters start afresh',
    tag: 'scenarios',
    params: s.ScenarioNameParams,
    response: s.ActiveResponse,
  },
  deactivateScenario: {
    method: 'POST',
    path: '/scenarios/:name/deactivate',
    summary: 'Deactivates one scenario',
    tag: 'scenarios',
    params: s.ScenarioNameParams,
    response: s.ActiveResponse,
  },
  deactivateAll: { method: 'DELETE', path: '/scenarios/active', summary: 'Deactivates every scenario', tag: 'scenarios', response: s.ActiveResponse },
  listAccounts: {
    method: 'GET',
    path: '/accounts',
    summary: 'Balances and disabled flags of every account',
    tag: 'accounts',
    query: s.AccountsQuery,
    response: s.AccountList,
    errors: { 404: 'Unknown provider' },
  },
  getAccount: { method: 'GET', path: '/accounts/:provider/:id', summary: 'One account', tag: 'accounts', params: s.AccountParams, response: s.AccountView },
  patchAccount: {
    method: 'PATCH',
    path: '/accounts/:provider/:id',
    summary: 'Sets the balance and/or disables (or enables) an account',
    tag: 'accounts',
    params: s.AccountParams,
    body: s.AccountPatch,
    response: s.AccountView,
  },
  listRecords: {
    method: 'GET',
    path: '/records',
    summary: 'Messages and calls of every provider (newest first), from the events they announced since start or reset',
    tag: 'records',
    query: s.RecordsQuery,
    response: s.RecordList,
    errors: { 404: 'Unknown provider' },
  },
  getRecord: {
    method: 'GET',
    path: '/records/:provider/:kind/:id',
    summary: "One message or call with its state history and the provider's own view of it",
    tag: 'records',
    params: s.RecordParams,
    response: s.RecordDetail,
  },
  phone: {
    method: 'GET',
    path: '/phones/:number',
    summary: "A subscriber's phone: every SMS and call that number received, from every provider, and the SMS it sent, oldest first",
    tag: 'records',
    params: s.PhoneParams,
    response: s.PhoneView,
  },
  phoneReply: {
    method: 'POST',
    path: '/phones/:number/sms',
    summary: 'The subscriber sends an SMS (a reply) to a sender: the provider lists it as an incoming SMS',
    tag: 'records',
    params: s.PhoneParams,
    body: s.PhoneReplyBody,
    response: s.RecordView,
    status: 201,
    errors: { 409: 'No provider takes SMS from subscribers, or no SMS to reply to and no provider, account and sender named' },
  },
  forceRecordState: {
    method: 'POST',
    path: '/records/:provider/:kind/:id/state',
    summary: 'Moves a message or call to a state now, as if the network had reported it (callbacks and billing follow)',
    tag: 'records',
    params: s.RecordParams,
    body: s.ForceStateBody,
    response: s.RecordDetail,
    errors: { 409: 'The record cannot move to that state: it has ended already, the state is not one of its kind, or the provider forces no states' },
  },
  listJournal: { method: 'GET', path: '/journal', summary: 'Requests served, newest first', tag: 'journal', query: s.JournalQuery, response: s.JournalList },
  countJournal: {
    method: 'GET',
    path: '/journal/count',
    summary: 'How many journalled requests match (e.g. `?operation=Sms/Send` or `?url=/regex/`)',
    tag: 'journal',
    query: s.JournalCountQuery,
    response: s.CountResponse,
  },
  clearJournal: { method: 'DELETE', path: '/journal', summary: 'Forgets every journalled request', tag: 'journal', response: s.ClearedResponse },
  listCallbacks: { method: 'GET', path: '/callbacks', summary: 'Callback deliveries with every attempt, newest first', tag: 'callbacks', query: s.CallbacksQuery, response: s.CallbackList },
  getCallback: { method: 'GET', path: '/callbacks/:id', summary: 'One callback delivery', tag: 'callbacks', params: s.IdParams, response: s.CallbackDelivery },
  redeliverCallback: {
    method: 'POST',
    path: '/callbacks/:id/redeliver',
    summary: 'Sends a logged callback again as a new delivery (scenario effects do not apply)',
    tag: 'callbacks',
    params: s.IdParams,
    response: s.CallbackDelivery,
    status: 201,
  },
  events: {
    method: 'GET',
    path: '/events',
    summary: 'Server-Sent Events: every record change, callback attempt, clock change and reset as it happens',
    tag: 'events',
    response: s.EventStream,
    produces: 'text/event-stream',
    errors: { 429: 'Too many event subscribers at once (--events-max-subscribers)' },
  },
} as const satisfies Record<string, AdminRouteSpec>;

export type AdminRouteName = keyof typeof adminRoutes;
