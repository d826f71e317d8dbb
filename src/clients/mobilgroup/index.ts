// Mobilgroup client (voice.mobilgroup.ru/api): the same code talks to the real service and to the
// simulator, by base URL. Authenticates with the API key in the Authorization header, or with the
// body's `security` section (login/password or apiKey). `{"result":"error","error_code":"…"}`,
// which arrives with HTTP 200, becomes a MobilgroupApiError carrying the code.
import { createHttp, isRecord, ProviderApiError, TransportError, type ClientOptions } from '../http.js';
import type { components } from './openapi.js';

type Schemas = components['schemas'];

export { TransportError } from '../http.js';
export type { components as MobilgroupSchemas } from './openapi.js';

export class MobilgroupApiError extends ProviderApiError<string> {
  readonly provider = 'mobilgroup';
  override name = 'MobilgroupApiError';
  constructor(code: string, status: number, body: unknown) {
    super(code, `Mobilgroup error ${code}`, status, body);
  }
}

export type MobilgroupAuth =
  /** `header`: `Authorization: <key>` (default); `body`: `security.apiKey`. */
  | { apiKey: string; via?: 'header' | 'body' }
  | { login: string; password: string };

export interface MobilgroupClientOptions extends ClientOptions {
  auth: MobilgroupAuth;
}

export type SendRequest = Omit<Schemas['SendRequest'], 'security'>;
export type SendResponse = Schemas['SendResponse'];
export type StateResponse = Schemas['StateResponse'];
export type BalanceResponse = Schemas['BalanceResponse'];
export type MediaListResponse = Schemas['MediaListResponse'];
export type NumbersResponse = Schemas['NumbersResponse'];
export type TemplatesResponse = Schemas['TemplatesResponse'];
export type SetTemplatesResponse = Schemas['SetTemplatesResponse'];
export type GetRequest = Omit<Schemas['GetRequest'], 'security'>;
export type GetResponse = StateResponse | BalanceResponse | MediaListResponse | NumbersResponse | TemplatesResponse;
export type TemplateInput = Schemas['TemplateInput'];

/** `"1,82"` (send, balance) or `"3.41"` (state) -> 1.82, 3.41. */
export const parseMoney = (text: string) => Number(text.replace(',', '.'));

export function createMobilgroupClient(options: MobilgroupClientOptions) {
  const http = createHttp(options);
  const { auth } = options;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  let security: Schemas['Security'] | undefined;
  if ('login' in auth) security = { login: auth.login, password: auth.password };
  else if (auth.via === 'body') security = { apiKey: auth.apiKey };
  else headers.authorization = auth.apiKey;

  async function post<T>(path: '/send/' | '/get/' | '/set/', body: Record<string, unknown>): Promise<T> {
    const res = await http({ method: 'POST', path, headers, body: JSON.stringify(security ? { security, ...body } : body) });
    const answer = res.json();
    if (!isRecord(answer)) throw new TransportError(`Mobilgroup ${path}: unexpected answer`, res.status, res.text());
    if (answer.result === 'error') throw new MobilgroupApiError(String(answer.error_code), res.status, answer);
    if (res.status !== 200 || answer.result !== 'ok') throw new TransportError(`Mobilgroup ${path}: HTTP ${res.status}`, res.status, res.text());
    return answer as T;
  }

  const get = <T extends GetResponse = GetResponse>(request: GetRequest) => post<T>('/get/', request);

  return {
    /** Starts a broadcast; subscribers refused one by one come back with `result: "error"`. */
    send: (request: SendRequest) => post<SendResponse>('/send/', request),
    /** Any /get/ request, as the spec writes it. */
    get,
    state: (id: string) => get<StateResponse>({ request: 'state', id }),
    balance: () => get<BalanceResponse>({ request: 'balance' }),
    scripts: () => get<MediaListResponse>({ request: 'scripts' }),
    phrases: () => get<MediaListResponse>({ request: 'phrases' }),
    numbers: () => get<NumbersResponse>({ request: 'numbers' }),
    /** Templates of a client of your CRM (`account`), or one of them. */
    templates: (account: string, id?: string) => get<TemplatesResponse>({ request: 'templates', account, id }),
    /** Any /set/ request, as the spec writes it. */
    set: (request: Omit<Schemas['SetRequest'], 'security'>) => post<SetTemplatesResponse>('/set/', request),
    /** Creates (no `id`) and updates templates; each gets its own `result`. */
    setTemplates: (account: string, templates: TemplateInput[]) => post<SetTemplatesResponse>('/set/', { request: 'templates', account, templates }),
  };
}

export type MobilgroupClient = ReturnType<typeof createMobilgroupClient>;
