// The adapter interface per provider the conformance suite is written against. The clients of
// src/clients implement it as they are; to run the suite against your own adapter, implement these
// (errors must be thrown as Error objects whose `code` is the provider's own error code: Devino's
// number, Mobilgroup's and VoicePassword's `error_code`, Unibell's `status`) and pass them to
// runConformance (see README.md beside this file).
import { createDevinoApi, createDevinoClient, type DevinoApi, type DevinoClient } from '../../src/clients/devino/index.js';
import { createMobilgroupClient, type MobilgroupAuth, type MobilgroupClient } from '../../src/clients/mobilgroup/index.js';
import { createUnibellClient, type UnibellClient, type UnibellClientOptions } from '../../src/clients/unibell/index.js';
import { createVoicePasswordClient, type VoicePasswordClient } from '../../src/clients/voicepassword/index.js';

export interface DevinoAdapter {
  /** One call per operation, with an explicit session id. */
  api: DevinoApi;
  /** A client that manages its session: logs in on first use, renews on expiry. */
  client(login: string, password: string, onSession?: (id: string) => void): Pick<DevinoClient, 'balance' | 'sessionId'>;
}

export type MobilgroupAdapter = MobilgroupClient;
export type VoicePasswordAdapter = VoicePasswordClient;
export type UnibellAdapter = UnibellClient;
export type UnibellAuthVia = NonNullable<UnibellClientOptions['authVia']>;

/** Builds adapters for a base URL (the simulator's `/devino/rest`, `/mobilgroup/api`, …) and credentials. */
export interface AdapterFactories {
  devino(baseUrl: string): DevinoAdapter;
  mobilgroup(baseUrl: string, auth: MobilgroupAuth): MobilgroupAdapter;
  voicepassword(baseUrl: string, apiKey: string, via?: 'header' | 'body'): VoicePasswordAdapter;
  unibell(baseUrl: string, accessKey: string, via?: UnibellAuthVia): UnibellAdapter;
}

/** The project's own client adapters. */
export const clientAdapters: AdapterFactories = {
  devino: (baseUrl) => ({
    api: createDevinoApi({ baseUrl }),
    client: (login, password, onSession) => createDevinoClient({ baseUrl, login, password, onSession }),
  }),
  mobilgroup: (baseUrl, auth) => createMobilgroupClient({ baseUrl, auth }),
  voicepassword: (baseUrl, apiKey, via) => createVoicePasswordClient({ baseUrl, apiKey, authVia: via }),
  unibell: (baseUrl, accessKey, via) => createUnibellClient({ baseUrl, accessKey, authVia: via }),
};
