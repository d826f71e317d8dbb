// Devino client (integrationapi.net/rest): the same code talks to the real service and to the
// simulator, by base URL. `createDevinoApi` is one call per operation with an explicit session id;
// `createDevinoClient` acquires the session itself and renews it when Devino says it expired.
// Requests use the spec's parameter names (Devino reads them case-insensitively) in the query
// string for reads and a form body for sends; errors `{"Code":n,"Desc":"…"}` become DevinoApiError.
import { createHttp, isRecord, ProviderApiError, TransportError, type ClientOptions, type Http, type Query } from '../http.js';
import type { components, operations } from './openapi.js';

type Schemas = components['schemas'];
type QueryOf<K extends keyof operations> = operations[K]['parameters']['query'];

export { TransportError } from '../http.js';
export type { components as DevinoSchemas } from './openapi.js';

/** Devino's codes: 1 missing argument, 2 invalid argument, 3 invalid session, 4 unauthorized or expired session, 5 not enough credits, 6 invalid operation, 7 forbidden, 8/9 server errors. */
export type DevinoErrorCode = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export class DevinoApiError extends ProviderApiError<number> {
  readonly provider = 'devino';
  override name = 'DevinoApiError';
  constructor(code: number, readonly desc: string, status: number, body: unknown) {
    super(code, `Devino error ${code}: ${desc}`, status, body);
  }
  /** A session the platform no longer accepts: expired (4 "SessionID expired") or unknown to it (3). */
  get isSessionError() {
    return this.code === 3 || (this.code === 4 && /expired/i.test(this.desc));
  }
}

export interface SendSmsInput {
  /** Recipient, `79031234567` or `+79031234567`. */
  to: string;
  /** Sender name or number registered for the account. */
  from: string;
  text: string;
  /** `2011-01-28T16:00:00`: Moscow time for sendSms/sendSmsBulk, the recipient's own time for sendSmsByTimeZone. */
  sendDate?: string;
  /** Minutes the message may wait for delivery. */
  validityMinutes?: number;
}

export interface SendSmsBulkInput extends Omit<SendSmsInput, 'to'> {
  to: readonly string[];
}

export interface SmsState {
  state: number;
  description: string;
  /** Epoch milliseconds, or null where the message has not got that far. */
  createdAt: number | null;
  submittedAt: number | null;
  reportedAt: number | null;
  updatedAt: number;
  price: number | null;
}

export interface IncomingSms {
  id: number;
  text: string;
  from: string;
  to: string;
  createdAt: number;
}

export interface SendVoiceInput {
  /** Calling number registered for the account, e.g. `74957722345`. */
  from: string;
  to: string;
  fileId: number | string;
  /** Moscow time, `2011-01-28T16:00:00`. */
  sendDate?: string;
  /** Dial attempts, 1..10. */
  retryCount?: number;
  /** Minutes between attempts. */
  gapMinutes?: number;
  dtmf?: boolean;
}

export type Statistics = Schemas['StatisticsResponse'];
export type VoiceState = Schemas['VoiceStateResponse'];

/** `"\/Date(1294045911213)\/"` (as JSON.parse leaves it, `/Date(…)/`) -> epoch milliseconds. */
export function parseDotNetDate(value: string): number;
export function parseDotNetDate(value: string | null): number | null;
export function parseDotNetDate(value: string | null): number | null {
  if (value === null) return null;
  const m = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value);
  if (!m) throw new TransportError(`not a .NET JSON date: ${value}`);
  return Number(m[1]);
}

/** `2011-01-28T16:00:00` in UTC, as /Sms/In wants its bounds. */
export const utcDateTime = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 19);

/** `2011-01-28T16:00:00` in Moscow time (GMT+3), as sends and statistics want dates. */
export const moscowDateTime = (epochMs: number) => utcDateTime(epochMs + 3 * 3_600_000);

/** Form body as PHP and .NET clients send it; arrays repeat their key. */
function form(params: Query): { headers: Record<string, string>; body: string } {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, String(v));
  }
  return { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: body.toString() };
}

/** Devino names error fields `Code`/`Desc`; read them whatever their case. */
function errorOf(body: unknown): { code: number; desc: string } | undefined {
  if (!isRecord(body)) return undefined;
  const lower = Object.fromEntries(Object.entries(body).map(([k, v]) => [k.toLowerCase(), v]));
  return typeof lower.code === 'number' ? { code: lower.code, desc: String(lower.desc ?? '') } : undefined;
}

async function call<T>(http: Http, method: 'GET' | 'POST', path: string, params: Query): Promise<T> {
  const res = method === 'GET' ? await http({ method, path, query: params }) : await http({ method, path, ...form(params) });
  const body = res.json();
  if (res.status >= 200 && res.status < 300) return body as T;
  const error = errorOf(body);
  if (error) throw new DevinoApiError(error.code, error.desc, res.status, body);
  throw new TransportError(`Devino ${path}: HTTP ${res.status}`, res.status, res.text());
}

export function createDevinoApi(options: ClientOptions) {
  const http = createHttp(options);
  const get = <T>(path: string, query: Query) => call<T>(http, 'GET', path, query);
  const post = <T>(path: string, body: Query) => call<T>(http, 'POST', path, body);

  const smsParams = (sessionId: string, p: SendSmsInput): Schemas['SmsSendParams'] => ({
    SessionID: sessionId,
    DestinationAddress: p.to,
    SourceAddress: p.from,
    Data: p.text,
    SendDate: p.sendDate,
    Validity: p.validityMinutes === undefined ? undefined : String(p.validityMinutes),
  });

  return {
    /** A new session id (valid 120 minutes). */
    sessionId: (login: string, password: string) => get<Schemas['SessionIdResponse']>('/User/SessionId', { Login: login, Password: password } satisfies QueryOf<'getSessionId'>),
    balance: (sessionId: string) => get<Schemas['BalanceResponse']>('/User/Balance', { SessionID: sessionId } satisfies QueryOf<'getBalance'>),
    /** One message id per segment. */
    sendSms: (sessionId: string, p: SendSmsInput) => post<Schemas['SmsIdsResponse']>('/Sms/Send', smsParams(sessionId, p)),
    sendSmsByTimeZone: (sessionId: string, p: SendSmsInput & { sendDate: string }) =>
      post<Schemas['SmsIdsResponse']>('/Sms/SendByTimeZone', { ...smsParams(sessionId, p), SendDate: p.sendDate } satisfies Schemas['SmsSendByTimeZoneParams']),
    /** Every segment of the first number, then of the next. */
    sendSmsBulk: (sessionId: string, p: SendSmsBulkInput) => {
      const { DestinationAddress: _one, ...rest } = smsParams(sessionId, { ...p, to: '' });
      return post<Schemas['SmsIdsResponse']>('/Sms/SendBulk', { ...rest, DestinationAddresses: [...p.to] } satisfies Schemas['SmsSendBulkParams']);
    },
    async smsState(sessionId: string, messageId: string): Promise<SmsState> {
      const s = await get<Schemas['SmsStateResponse']>('/Sms/State', { SessionID: sessionId, MessageID: messageId } satisfies QueryOf<'getSmsState'>);
      return {
        state: s.State,
        description: s.StateDescription,
        createdAt: parseDotNetDate(s.CreationDateUtc),
        submittedAt: parseDotNetDate(s.SubmittedDateUtc),
        reportedAt: parseDotNetDate(s.ReportedDateUtc),
        updatedAt: parseDotNetDate(s.TimeStampUtc),
        price: s.Price,
      };
    },
    /** Incoming SMS between two instants (epoch ms). */
    async incomingSms(sessionId: string, period: { from: number; to: number }): Promise<IncomingSms[]> {
      const list = await get<Schemas['IncomingSmsResponse']>('/Sms/In', {
        SessionID: sessionId,
        MinDateUTC: utcDateTime(period.from),
        MaxDateUTC: utcDateTime(period.to),
      } satisfies QueryOf<'getIncomingSms'>);
      return list.map((m) => ({ id: m.ID, text: m.Data, from: m.SourceAddress, to: m.DestinationAddress, createdAt: parseDotNetDate(m.CreatedDateUtc) }));
    },
    /** Counts by state for messages created between two instants (epoch ms; at most 90 days). */
    statistics: (sessionId: string, period: { from: number; to: number }) =>
      get<Statistics>('/Sms/Statistics', {
        SessionID: sessionId,
        StartDateTime: moscowDateTime(period.from),
        EndDateTime: moscowDateTime(period.to),
      } satisfies QueryOf<'getStatistics'>),
    async sendVoice(sessionId: string, p: SendVoiceInput): Promise<number> {
      const params: Schemas['VoiceSendParams'] = {
        SessionID: sessionId,
        SourceAddress: p.from,
        DestinationAddress: p.to,
        FileId: String(p.fileId),
        SendDate: p.sendDate,
        RetryCount: p.retryCount === undefined ? undefined : String(p.retryCount),
        Gap: p.gapMinutes === undefined ? undefined : String(p.gapMinutes),
        Dtmf: p.dtmf === undefined ? undefined : String(p.dtmf),
      };
      return (await post<Schemas['VoiceSendResponse']>('/Voice/Send', params)).messageId;
    },
    voiceState: (sessionId: string, messageId: number | string) =>
      get<VoiceState>('/Voice/State', { SessionID: sessionId, MessageID: String(messageId) } satisfies QueryOf<'getVoiceState'>),
  };
}

export type DevinoApi = ReturnType<typeof createDevinoApi>;

type WithoutSession<F> = F extends (sessionId: string, ...args: infer A) => infer R ? (...args: A) => R : never;
type SessionOps = { [K in Exclude<keyof DevinoApi, 'sessionId'>]: WithoutSession<DevinoApi[K]> };

export interface DevinoClientOptions extends ClientOptions {
  login: string;
  password: string;
  /** Called with each session id the client acquires (the first and every renewal). */
  onSession?: (sessionId: string) => void;
}

export interface DevinoClient extends SessionOps {
  /** The current session id, acquired if there is none. */
  sessionId(): Promise<string>;
  /** Forget the session: the next call logs in again. */
  dropSession(): void;
  api: DevinoApi;
}

/** A client that logs in on first use and, when Devino answers that the session expired or is unknown, logs in again and retries once. */
export function createDevinoClient(options: DevinoClientOptions): DevinoClient {
  const api = createDevinoApi(options);
  let current: Promise<string> | undefined;

  const acquire = () => {
    current ??= api.sessionId(options.login, options.password).then(
      (id) => {
        options.onSession?.(id);
        return id;
      },
      (err: unknown) => {
        current = undefined;
        throw err;
      },
    );
    return current;
  };

  const withSession =
    <A extends unknown[], R>(op: (sessionId: string, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const used = acquire();
      const id = await used;
      try {
        return await op(id, ...args);
      } catch (err) {
        if (!(err instanceof DevinoApiError && err.isSessionError)) throw err;
        // Concurrent calls that failed on the same session renew it once.
        if (current === used) current = undefined;
        return op(await acquire(), ...args);
      }
    };

  return {
    api,
    sessionId: acquire,
    dropSession: () => {
      current = undefined;
    },
    balance: withSession(api.balance),
    sendSms: withSession(api.sendSms),
    sendSmsByTimeZone: withSession(api.sendSmsByTimeZone),
    sendSmsBulk: withSession(api.sendSmsBulk),
    smsState: withSession(api.smsState),
    incomingSms: withSession(api.incomingSms),
    statistics: withSession(api.statistics),
    sendVoice: withSession(api.sendVoice),
    voiceState: withSession(api.voiceState),
  };
}
