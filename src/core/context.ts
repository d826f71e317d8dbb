// What core hands every provider: the shared services, and the shape a provider plugin takes.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Accounts } from './accounts.js';
import type { CallbackDispatcher } from './callbacks.js';
import type { SimClock } from './clock.js';
import type { Config } from './config.js';
import type { EventBus } from './events.js';
import type { Journal } from './journal.js';
import type { Numbering } from './phone.js';
import type { SimRandom } from './random.js';
import type { Store } from './store.js';

export interface SimContext {
  config: Config;
  clock: SimClock;
  random: SimRandom;
  store: Store;
  accounts: Accounts;
  events: EventBus;
  journal: Journal;
  callbacks: CallbackDispatcher;
  numbering: Numbering;
  logger: FastifyBaseLogger;
  /** Runs after the store and clock are reset to fixtures (the provider reschedules nothing then). */
  onReset(listener: () => void): void;
}

/** A request to a real provider host is routed to the provider: `Host: integrationapi.net` + `/rest/...` -> `/devino/rest/...`. */
export interface HostMount {
  host: string;
  /** Only paths under this prefix (case-insensitive) are routed; default all. */
  path?: string;
}

export interface ProviderDefinition {
  slug: string;
  title: string;
  /** Path prefix on the simulator, e.g. `/devino`; the plugin's routes are registered under it. */
  prefix: string;
  hosts: HostMount[];
  plugin: (app: FastifyInstance, ctx: SimContext) => Promise<void>;
  /** Provider-specific admin routes, registered under `/_sim/<slug>`. */
  admin?: (app: FastifyInstance, ctx: SimContext) => Promise<void>;
}

/** Route config read by the journal (and the scenario engine): which provider and operation answered. */
export interface SimRouteConfig {
  provider?: string;
  operation?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The provider account the request authenticated as, once known. */
    simAccount: string | undefined;
  }
  interface FastifyContextConfig extends SimRouteConfig {}
}
