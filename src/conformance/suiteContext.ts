// What a suite's cases see: the simulator, the receiver of callbacks, and typed clients over the
// adapter under test or straight to the simulator. Apart from run.ts, so the suites and the runner
// do not import each other.
import type { AdminClient } from '../clients/admin/index.js';
import type { DevinoApi } from '../clients/devino/index.js';
import type { MobilgroupAuth, MobilgroupClient } from '../clients/mobilgroup/index.js';
import type { UnibellClient, UnibellClientOptions } from '../clients/unibell/index.js';
import type { VoicePasswordClient } from '../clients/voicepassword/index.js';
import type { Coverage } from './coverage.js';
import type { Receiver } from './receiver.js';

export type UnibellAuthVia = NonNullable<UnibellClientOptions['authVia']>;

/** The typed clients a suite talks through: over the user's adapter, or straight to the simulator. */
export interface Clients {
  /** With `as`, the calls are made for that account: an adapter that manages its session logs in with it. */
  devino(baseUrl: string, as?: { login: string; password: string }): { api: DevinoApi };
  mobilgroup(baseUrl: string, auth: MobilgroupAuth): MobilgroupClient;
  voicepassword(baseUrl: string, apiKey: string, via?: 'header' | 'body'): VoicePasswordClient;
  unibell(baseUrl: string, accessKey: string, via?: UnibellAuthVia): UnibellClient;
}

export interface Env {
  url: string;
  admin: AdminClient;
  receiver: Receiver;
  /** Clients whose every request is an operation call on the adapter under test. */
  adapters: Clients;
  /** Clients straight to the simulator, for what a case sets up or checks beside the adapter. */
  ref: Clients;
  /** Sets the manual clock to an instant (epoch ms), clearing nothing. */
  setTime(epochMs: number): Promise<void>;
}

export interface SuiteContext {
  env(): Env;
  cover: Coverage;
}
