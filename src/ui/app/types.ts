// The admin API's answers as the page reads them (src/admin/schemas.ts is the source of truth; these
// are the fields the page uses).
export interface PhoneFields {
  to?: string;
  from?: string;
  incoming?: boolean;
  text?: string;
  part?: number;
  parts?: number;
  summary?: string;
  code?: string;
  durationS?: number;
  digits?: string;
}

export interface RecordView extends PhoneFields {
  provider: string;
  kind: string;
  id: string;
  account: string;
  state: string;
  createdAt: string;
  updatedAt: string;
  history: { state: string; at: string }[];
}

export interface RecordDetail extends RecordView {
  detail?: unknown;
}

export interface RecordList {
  records: RecordView[];
  total: number;
}

export interface PhoneView {
  number: string;
  records: RecordView[];
  truncated: boolean;
}

export interface CallbackAttempt {
  attempt: number;
  at: number;
  status?: number;
  latencyMs: number;
  error?: string;
}

export interface CallbackDelivery {
  id: string;
  provider: string;
  subject?: string;
  method: string;
  url: string;
  body?: string;
  state: string;
  rule?: string;
  dropReason?: string;
  createdAt: number;
  nextAttemptAt?: number;
  attempts: CallbackAttempt[];
}

export interface CallbackList {
  deliveries: CallbackDelivery[];
  stats: { pending: number; inFlight: number; delivered: number; failed: number; dropped: number };
}

export interface JournalEntry {
  seq: number;
  at: string;
  method: string;
  url: string;
  provider?: string;
  operation?: string;
  account?: string;
  status: number;
  durationMs: number;
  body?: unknown;
  response?: string;
  headers?: Record<string, string>;
}

export interface Account {
  provider: string;
  id: string;
  balance: number;
  disabled: boolean;
}

export interface ScenarioList {
  scenarios: { name: string; description?: string; rules: number; source: string; active: boolean }[];
  active: string[];
  errors: { error: string }[];
}

export interface ClockView {
  now: string;
  epochMs: number;
  mode: string;
  pendingTimers: number;
}

/** An event of GET /_sim/events. */
export interface SimEvent {
  provider?: string;
  kind?: string;
  id?: string;
  state?: string;
}

/** State descriptions per `provider/kind`, then per state (from the providers' UI data). */
export type StateLabels = Record<string, Record<string, string>>;
