// What a user hands the conformance kit: one operation adapter per provider. An adapter is the
// user's own code behind a single call shape (the operationId of /_sim/openapi/<provider>.json and
// the parameters under the document's names), so the same suite drives a TypeScript adapter in
// process and an adapter in any other language through a driver (docs/conformance-protocol.md).

export type ProviderSlug = 'devino' | 'mobilgroup' | 'voicepassword' | 'unibell';
export const PROVIDERS: readonly ProviderSlug[] = ['devino', 'mobilgroup', 'voicepassword', 'unibell'];

/**
 * Credentials per provider: Devino `{login, password}`, Mobilgroup `{apiKey}` or `{login, password}`,
 * VoicePassword `{apiKey}`, Unibell `{accessKey}`.
 */
export type Credentials = Readonly<Record<string, string>>;

/** Parameters of one operation, under the names the provider document uses (query, form and JSON body together). */
export type OperationParams = Record<string, unknown>;

/** A callback as the user's webhook endpoint received it. */
export interface CallbackRequest {
  method: string;
  /** Path and query string, e.g. `/hooks/end?reference=order-42&state=2`. */
  url: string;
  headers: Record<string, string>;
  /** The raw body (empty for a GET). */
  body: string;
}

export interface OperationAdapter {
  /** The operationIds this adapter implements; cases needing others are reported as not covered. */
  readonly operations: readonly string[];
  /**
   * `explicit` (default): calls carry `SessionID` and the adapter uses it. `managed`: the adapter logs
   * in with its credentials and renews an expired session itself; calls carry no `SessionID`.
   */
  readonly sessions?: 'explicit' | 'managed';
  /** Callback names (of the provider document) the adapter parses with `parseCallback`. */
  readonly callbacks?: readonly string[];
  /**
   * Runs one operation and resolves to the documented response body (a file as `{contentType, base64}`;
   * a Unibell recording that does not exist as `null`). A provider error rejects with an Error whose
   * `code` is the provider's own code (Devino's number, Mobilgroup's and VoicePassword's `error_code`,
   * Unibell's `status`); string or number, compared as text.
   */
  call(operation: string, params: OperationParams, credentials: Credentials): Promise<unknown>;
  /** Parses a callback the provider sent into its documented fields (the JSON body's, or the query's). */
  parseCallback?(callback: string, request: CallbackRequest): Promise<Record<string, unknown>>;
  /** Releases what the adapter holds (a driver process). */
  close?(): Promise<void>;
}

export interface AdapterInit {
  provider: ProviderSlug;
  /** The provider's base URL on the simulator: `<sim>/devino/rest`, `<sim>/mobilgroup/api`, `<sim>/voicepassword/api/voice-password`, `<sim>/unibell`. */
  baseUrl: string;
  /** The run's default credentials (a call may carry others). */
  credentials: Credentials;
}

/** Builds the adapter once the simulator runs (the base URL is known only then). */
export type AdapterFactory = (init: AdapterInit) => OperationAdapter | Promise<OperationAdapter>;

/** The providers to check, each with its adapter; providers left out are not run. */
export type ConformanceAdapters = Partial<Record<ProviderSlug, AdapterFactory>>;

export type CaseStatus = 'passed' | 'failed' | 'not covered';

export interface CaseResult {
  provider: ProviderSlug;
  /** `<operations>: <what it checks>`. */
  name: string;
  operations: readonly string[];
  status: CaseStatus;
  /** Why it failed (expected vs got), or why it did not run. */
  message?: string;
  durationMs: number;
}

export interface CoverageRow {
  /** An operationId, error code, state or callback name. */
  item: string;
  /** For an operation: `METHOD /path` of the document. */
  route?: string;
  /** Names of the passing cases that exercised it. */
  passed: string[];
  /** Why it was not checked for this adapter (not implemented, cannot be provoked…), when nothing passed. */
  note?: string;
}

export interface ProviderCoverage {
  title: string;
  operations: CoverageRow[];
  errors: CoverageRow[];
  states: CoverageRow[];
  callbacks: CoverageRow[];
}

export interface ConformanceReport {
  /** The simulator the run used. */
  url: string;
  cases: CaseResult[];
  coverage: Partial<Record<ProviderSlug, ProviderCoverage>>;
  passed: number;
  failed: number;
  notCovered: number;
  /** True when no applicable case failed. */
  ok: boolean;
}
