// Client of the simulator's own admin API (/_sim): reset, the clock, accounts, and the provider
// set-ups a test needs (Unibell callback URLs, Devino incoming SMS), typed from the admin document.
import { createHttp, isRecord, TransportError, type ClientOptions } from '../http.js';
import type { components } from './openapi.js';

type Schemas = components['schemas'];

export interface AdminClientOptions extends ClientOptions {
  /** The simulator's admin token, when it runs with one (`--admin-token`). */
  token?: string;
}

export class AdminApiError extends Error {
  override name = 'AdminApiError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The clock as the admin API reports it. */
export type ClockView = Schemas['ClockResponse'];

export function createAdminClient(options: AdminClientOptions) {
  const http = createHttp(options);
  const auth: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};

  async function call<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown): Promise<T> {
    const headers = { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const res = await http({ method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const answer = res.json();
    if (res.status >= 400) throw new AdminApiError(isRecord(answer) && typeof answer.error === 'string' ? answer.error : `HTTP ${res.status}`, res.status);
    if (res.status >= 300) throw new TransportError(`${method} ${path}: HTTP ${res.status}`, res.status, res.text());
    return answer as T;
  }

  return {
    health: () => call<Schemas['HealthResponse']>('GET', '/_sim/health'),
    reset: () => call<Schemas['ResetResponse']>('POST', '/_sim/reset'),
    /** Plays generated traffic on the simulator clock (`minutes` 1 to 1440, `seed`); counts per provider and kind. */
    traffic: (body: Schemas['TrafficBody']) => call<Schemas['TrafficReport']>('POST', '/_sim/traffic', body),
    clock: () => call<ClockView>('GET', '/_sim/clock'),
    /** Moves the clock forward: milliseconds or a duration such as `"2h"`, `"90s"`. */
    advance: (by: number | string) => call<ClockView>('POST', '/_sim/clock/advance', (typeof by === 'number' ? { ms: by } : { by }) satisfies Schemas['AdvanceClockBody']),
    /** Sets the time (epoch ms or ISO with offset) and/or the mode (`manual`, `real`, `x60`). */
    setClock: (body: Schemas['SetClockBody']) => call<ClockView>('POST', '/_sim/clock', body),
    /** Sets the balance and/or the disabled flag of a provider account. */
    patchAccount: (provider: string, id: string, patch: Schemas['AccountPatch']) =>
      call<Schemas['AccountView']>('PATCH', `/_sim/accounts/${encodeURIComponent(provider)}/${encodeURIComponent(id)}`, patch),
    devino: {
      /** An incoming SMS, as if a subscriber had written to the account. */
      injectIncoming: (body: Schemas['InjectIncomingSms']) => call<Schemas['IncomingSms']>('POST', '/_sim/devino/incoming', body),
      /** The URL Devino calls for each incoming SMS of the account (null: none). */
      setIncomingPush: (login: string, url: string | null) =>
        call<Schemas['IncomingPushView']>('PUT', `/_sim/devino/accounts/${encodeURIComponent(login)}/incoming-push`, { url } satisfies Schemas['IncomingPush']),
    },
    unibell: {
      apps: () => call<Schemas['AppListResponse']>('GET', '/_sim/unibell/apps'),
      /** Points an app's start and end callbacks at other URLs (null disables one). */
      setCallbacks: (accessKey: string, urls: Schemas['AppCallbacksPatch']) =>
        call<Schemas['AppView']>('PATCH', `/_sim/unibell/apps/${encodeURIComponent(accessKey)}`, urls),
    },
    voicepassword: {
      /** A call as the simulator holds it (with the calling number a phone would show). */
      call: (id: string) => call<Record<string, unknown>>('GET', `/_sim/voicepassword/calls/${encodeURIComponent(id)}`),
    },
  };
}

export type AdminClient = ReturnType<typeof createAdminClient>;
