// VoicePassword client (vp.voicepassword.ru/api/voice-password): the same code talks to the real
// service and to the simulator, by base URL. Authenticates with the API key in the Authorization
// header or in `security.apiKey`. Errors arrive with HTTP 200 as `{"result":"error",…}` and become
// a VoicePasswordApiError carrying the code.
import { createHttp, isRecord, ProviderApiError, TransportError, type ClientOptions } from '../http.js';
import type { components } from './openapi.js';

type Schemas = components['schemas'];

export { TransportError } from '../http.js';
export type { components as VoicePasswordSchemas } from './openapi.js';

export class VoicePasswordApiError extends ProviderApiError<string> {
  readonly provider = 'voicepassword';
  override name = 'VoicePasswordApiError';
  constructor(code: string, status: number, body: unknown) {
    super(code, `VoicePassword error ${code}`, status, body);
  }
}

export interface VoicePasswordClientOptions extends ClientOptions {
  apiKey: string;
  /** `header` (default): `Authorization: <key>`; `body`: `security.apiKey`. */
  authVia?: 'header' | 'body';
}

export type SendRequest = Omit<Schemas['SendRequest'], 'security'>;
export type CallResponse = Schemas['SendResponse'];
export type SmsResponse = Schemas['SmsSendResponse'];
export type BalanceResponse = Schemas['BalanceResponse'];
export type StateResponse = Schemas['StateResponse'];
export type DailyResponse = Schemas['DailyResponse'];
export type CallRow = Schemas['CallRow'];
/** What `callback_url` receives: the end of a call, or a status of an SMS fallback. */
export type CallCallback = Schemas['CallCallback'];
export type SmsCallback = Schemas['SmsCallback'];

export function createVoicePasswordClient(options: VoicePasswordClientOptions) {
  const http = createHttp(options);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  const viaBody = options.authVia === 'body';
  if (!viaBody) headers.authorization = options.apiKey;

  async function post<T>(path: '/send/' | '/get/', body: Record<string, unknown>): Promise<T> {
    const payload = viaBody ? { security: { apiKey: options.apiKey }, ...body } : body;
    const res = await http({ method: 'POST', path, headers, body: JSON.stringify(payload) });
    const answer = res.json();
    if (!isRecord(answer)) throw new TransportError(`VoicePassword ${path}: unexpected answer`, res.status, res.text());
    if (answer.result === 'error') throw new VoicePasswordApiError(String(answer.error_code), res.status, answer);
    if (res.status !== 200 || answer.result !== 'ok') throw new TransportError(`VoicePassword ${path}: HTTP ${res.status}`, res.status, res.text());
    return answer as T;
  }

  const send = <T extends CallResponse | SmsResponse = CallResponse>(request: SendRequest) => post<T>('/send/', request);
  const callbackUrl = (url?: string) => (url === undefined ? {} : { callback_url: url });

  return {
    /** Any /send/ request, as the spec writes it. */
    send,
    /** Flash call whose calling number ends in a service code of `capacity` digits (4..6). */
    flashCall: (p: { number: string; capacity?: number; callbackUrl?: string }) =>
      send({ number: p.number, ...(p.capacity === undefined ? {} : { capacity: p.capacity }), ...callbackUrl(p.callbackUrl) }),
    /** Flash call whose calling number ends in your 4-digit code. */
    flashCallWithCode: (p: { number: string; code: string; callbackUrl?: string }) => send({ number: p.number, flashcall: { code: p.code }, ...callbackUrl(p.callbackUrl) }),
    /** A call that speaks the code (yours, or the last 4 digits of the calling number). */
    voicePassword: (p: { number: string; code?: string; repeat?: boolean; ani?: string; callbackUrl?: string }) =>
      send({
        number: p.number,
        voice: { ...(p.code === undefined ? {} : { code: p.code }), ...(p.repeat ? { repeat: 1 } : {}), ...(p.ani === undefined ? {} : { ani: p.ani }) },
        ...callbackUrl(p.callbackUrl),
      }),
    /** The code of an earlier call by SMS. */
    smsFallback: (p: { id: string; callbackUrl?: string }) => send<SmsResponse>({ sms: { id: p.id }, ...callbackUrl(p.callbackUrl) }),
    /** Any /get/ request, as the spec writes it. */
    get: <T extends BalanceResponse | StateResponse | DailyResponse>(request: Omit<Schemas['GetRequest'], 'security'>) => post<T>('/get/', request),
    balance: () => post<BalanceResponse>('/get/', { request: 'balance' }),
    state: (id: string) => post<StateResponse>('/get/', { request: 'state', id }),
    /** Calls of a day, `dd.mm.yyyy` (Moscow). */
    daily: (date: string) => post<DailyResponse>('/get/', { request: 'daily', date }),
  };
}

export type VoicePasswordClient = ReturnType<typeof createVoicePasswordClient>;
