// The admin API's answers as the page reads them: the admin client's types, generated from
// src/admin/schemas.ts (the one source of truth).
import type { components } from '../../clients/admin/openapi.js';

type Schemas = components['schemas'];

export type RecordView = Schemas['RecordView'];
export type RecordDetail = Schemas['RecordDetail'];
export type RecordList = Schemas['RecordList'];
export type PhoneView = Schemas['PhoneView'];
export type CallbackAttempt = Schemas['CallbackAttempt'];
export type CallbackDelivery = Schemas['CallbackDelivery'];
export type CallbackList = Schemas['CallbackList'];
export type JournalEntry = Schemas['JournalEntry'];
export type Account = Schemas['AccountView'];
export type ScenarioList = Schemas['ScenarioList'];
export type ClockView = Schemas['ClockResponse'];

/** An event of GET /_sim/events. */
export interface SimEvent {
  provider?: string;
  kind?: string;
  id?: string;
  state?: string;
}

/** State descriptions per `provider/kind`, then per state (from the providers' UI data). */
export type StateLabels = Record<string, Record<string, string>>;
