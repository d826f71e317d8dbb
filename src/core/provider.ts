// The shape of a provider: its definition (the registry's entry) and what it makes per simulator.
// Core defines it so every layer above reads providers through it and none names one by hand.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OperationDoc, ProviderApiDoc } from './apiDoc.js';
import type { ProviderGenerator } from './generate/types.js';
import type { SimContext } from './simContext.js';

/** A request to a real provider host is routed to the provider: `Host: integrationapi.net` + `/rest/...` -> `/devino/rest/...`. */
export interface HostMount {
  host: string;
  /** Only paths under this prefix (case-insensitive) are routed; default all. */
  path?: string;
}

/**
 * A provider as the registry (providers/index.ts) lists it: what is true of it whatever simulator
 * serves it (names, mounts, operations, errors, documents, UI labels), and `create`, which makes
 * its part of one simulator. Nothing of a simulator is kept in the module: two simulators in one
 * process share the definition and nothing else.
 */
export interface ProviderDefinition {
  slug: string;
  title: string;
  /** The provider's own name (`Devino`), as its real server is named in the OpenAPI document. */
  vendor: string;
  /** Path prefix on the simulator, e.g. `/devino`; the plugin's routes are registered under it. */
  prefix: string;
  /** Where a client's base URL points on the simulator (`/devino/rest`): what the start-up summary and the OpenAPI `servers` name. */
  basePath: string;
  hosts: HostMount[];
  /** The operation names its routes carry (`Sms/Send`, `send`, `apps.activate`): a scenario's `match.operation` must be one. */
  operations: readonly string[];
  /** The provider's error catalogue: scenarios name errors by the provider's own code or name. */
  errors?: ProviderErrors;
  /** Per record kind the provider asks the scenario engine about (`sms`, `voice`, `call`…), the outcome words it takes. */
  outcomes?: ReadonlyMap<string, OutcomeVocabulary>;
  /** Its API as an OpenAPI document, served at `/_sim/openapi/<slug>.json`. */
  document: ProviderApiDoc;
  /** Its admin routes (under `/_sim/<slug>`), for the admin document. */
  adminDocument?: AdminDocExtension;
  /** What the sandbox UI shows for its records. */
  ui?: ProviderUi;
  /** Its part of generated data: a fixture file of N accounts (`fixtures generate`) and, optionally, sandbox traffic (`/_sim/traffic`). Without it the provider is left out of both. */
  generate?: ProviderGenerator;
  /** The provider's part of one simulator: fixtures loaded, store slices registered, lifecycles ready. */
  create(ctx: SimContext): ProviderInstance;
}

/** One simulator's provider: what `create` returns. */
export interface ProviderInstance {
  readonly definition: ProviderDefinition;
  /** Its API routes, registered under `definition.prefix`. */
  plugin(app: FastifyInstance): Promise<void>;
  /** Its admin routes, registered under `/_sim/<slug>`. */
  admin?(app: FastifyInstance): Promise<void>;
  /** The account a request speaks for, read from its credentials without side effects (scenario `match.account`). */
  identify?(request: FastifyRequest): string | undefined;
  /** The subscriber numbers a request is about (scenario `match.number`); default: a scan of number-like fields. */
  numbers?(request: FastifyRequest): string[];
  /** What the admin API can do with the provider's messages and calls beyond listing them from events. */
  records?: ProviderRecords;
}

/** A provider's admin routes in the admin OpenAPI document. */
export interface AdminDocExtension {
  operations: readonly OperationDoc[];
  /** Module namespaces whose exported zod schemas name the components these operations use. */
  schemaModules?: readonly Record<string, unknown>[];
}

/** Plain data the sandbox UI reads: how it labels a provider's records. */
export interface ProviderUi {
  /** Record kind -> what a person calls it (`sms` -> `SMS`). */
  kinds?: Readonly<Record<string, string>>;
  /** Record kind -> state code -> its meaning, for providers whose states are codes (Devino's `0` is "delivered"). */
  states?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** What a scenario's `outcome.state` and `outcome.attempts` may say about one kind of record. */
export interface OutcomeVocabulary {
  /** For messages: the common words, then the provider's own states or codes. */
  words: readonly string[];
  /** Whether the provider's outcome code understands a word (case-insensitive), so the load check and the use agree. */
  knows(word: string): boolean;
}

export interface ProviderErrorInfo {
  /** The provider's own code as it appears on the wire (`5`, `Error_User_Disabled`, `rpcError`). */
  code: string;
  /** A second name the code is known by (Devino's `NotEnoughCredits`). */
  name?: string;
  description: string;
  /** HTTP status the provider answers it with. */
  status: number;
}

export interface RenderedError {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ProviderErrors {
  list: readonly ProviderErrorInfo[];
  /** The error in the provider's envelope, looked up by code or name (case-insensitive); undefined when unknown. */
  render(codeOrName: string, message?: string): RenderedError | undefined;
}

export type ForceResult = { ok: true } | { error: string };

/** A message or call as the provider's store holds it: what the admin record list shows. */
export interface StoredRecord {
  kind: string;
  id: string;
  account: string;
  state: string;
  createdAt: number;
  updatedAt: number;
  /** Every state with its time, oldest first, creation included (built only for the records a page shows). */
  history(): { state: string; at: number }[];
  // What the subscriber's phone shows of it (the sandbox inbox, search and phone view); each optional.
  /** Where it went: the subscriber's number for outgoing messages and calls, the account's sender for an incoming SMS. */
  to?: string;
  /** Who it came from as the subscriber sees it (a sender name or number), or the subscriber (incoming SMS). */
  from?: string;
  /** True for what the subscriber sent (an incoming SMS): the phone shows it as a reply. */
  incoming?: boolean;
  /** An SMS's text, this part's only when the message was split. */
  text?: string;
  /** The n-th part of `parts` (multi-part SMS). */
  part?: number;
  parts?: number;
  /** A call's content in a few words: its script, voice file or message. */
  summary?: string;
  /** The code a flash call or voice code carried. */
  code?: string;
  /** Seconds the call was connected. */
  durationS?: number;
  /** Digits the subscriber pressed during the call. */
  digits?: string;
}

/** An SMS typed on a subscriber's phone to one of the provider's senders (the sandbox's reply box). */
export interface IncomingInput {
  account: string;
  from: string;
  to: string;
  text: string;
}

export interface ProviderRecords {
  /** Per record kind, the states `forceState` accepts. */
  states: Record<string, readonly string[]>;
  /** The provider's full view of one record, for the admin API. */
  get?(kind: string, id: string): unknown;
  /** Moves a record to a state now, as if the network had reported it (timers of the old plan are dropped). */
  forceState(kind: string, id: string, state: string): ForceResult;
  /**
   * Every message and call the store holds (of `kind` only, when given), newest first: loaded from a
   * data file or made since (the fixtures' own history is not traffic and is left out). Newest first,
   * so a page of the newest is filled early and the rest of a large store costs a comparison each. A provider with it is listed from its store, so a
   * restart or a reset shows exactly what is stored; one without it, from the events of this run.
   */
  list?(kind?: string): Iterable<StoredRecord>;
  /** One record of `list`. */
  find?(kind: string, id: string): StoredRecord | undefined;
  /** Takes an SMS a subscriber sends to one of the account's senders (the provider's incoming SMS), when the provider has them. */
  receive?(input: IncomingInput): StoredRecord | { error: string };
}
