// What core hands every provider: the shared services of one simulator.
import type { FastifyBaseLogger } from 'fastify';
import type { Accounts } from './accounts.js';
import type { CallbackDispatcher } from './callbacks.js';
import type { SimClock } from './clock.js';
import type { Config } from './config.js';
import type { EventBus } from './events.js';
import type { LiveFixtures } from './liveFixtures.js';
import type { Journal } from './journal.js';
import type { OutcomeSource } from './outcome.js';
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
  /** Fixture files, reloaded in place when they change on disk (`ctx.fixtures.load(name, schema)`). */
  fixtures: LiveFixtures;
  /** Scripted behaviour: providers ask it for outcome overrides (`ctx.scenarios.outcome(...)`). */
  scenarios: OutcomeSource;
  /** Runs after the store and clock are reset to fixtures (the provider reschedules nothing then). */
  onReset(listener: () => void): void;
}
