// Every route of every provider, read from the providers' OpenAPI operation lists (the same
// `openapi.ts` the documents come from), so a route added there is fuzzed without a change here.
// Each provider's profile says how to authenticate, what a plausible request looks like (so that
// mutations reach validation past authentication), and what its own error envelope is.
import { z } from 'zod';
import { API_DOCS } from '../../src/openapi/documents.js';
import type { ApiDoc, OperationDoc } from '../../src/core/apiDoc.js';
import { DEVINO_ERRORS } from '../../src/providers/devino/errors.js';
import { MOBILGROUP_ERRORS } from '../../src/providers/mobilgroup/errors.js';
import { StatusValue } from '../../src/providers/unibell/schemas.js';
import { VOICEPASSWORD_ERRORS } from '../../src/providers/voicepassword/errors.js';
import type { RawResponse } from './http.js';
import { parseJson } from './http.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const ALL_METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** One path of a provider with every method declared on it. */
export interface Route {
  provider: ProviderSlug;
  /** Simulator path with `{param}` placeholders, e.g. `/unibell/media/{id}`. */
  template: string;
  operations: OperationDoc[];
  methods: Method[];
}

export type ProviderSlug = 'devino' | 'mobilgroup' | 'voicepassword' | 'unibell';
export const PROVIDER_SLUGS: readonly ProviderSlug[] = ['devino', 'mobilgroup', 'voicepassword', 'unibell'];

export function simulatorBase(doc: ApiDoc): string {
  const server = doc.servers.find((s) => s.url.startsWith('/'));
  if (!server) throw new Error(`${doc.slug}: no simulator server in its document`);
  return server.url;
}

export function routesOf(slug: ProviderSlug): Route[] {
  const doc = API_DOCS[slug];
  const base = simulatorBase(doc);
  const byPath = new Map<string, Route>();
  for (const op of doc.operations) {
    const template = base + op.path;
    const route = byPath.get(template) ?? { provider: slug, template, operations: [], methods: [] };
    route.operations.push(op);
    route.methods.push(op.method.toUpperCase() as Method);
    byPath.set(template, route);
  }
  return [...byPath.values()];
}

export const ALL_ROUTES: readonly Route[] = PROVIDER_SLUGS.flatMap(routesOf);

/** Field names of a zod object schema (empty for anything else). */
export function fieldsOf(schema: unknown): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Everything a request to one operation carries when it is right. */
export interface Example {
  query?: Record<string, string | string[]>;
  body?: unknown;
  /** Body encoding when it is right: Devino takes forms, the others JSON. */
  encoding: 'form' | 'json' | 'none';
  /** Values for `{param}` placeholders. */
  params?: Record<string, string>;
}

export interface Auth {
  headers: Record<string, string>;
  query: Record<string, string>;
}

export interface ProviderProfile {
  slug: ProviderSlug;
  /** Valid credentials of the first account (Devino logs in for a session). */
  login(baseUrl: string): Promise<Auth>;
  /** Credentials that reach nothing: wrong key, unknown session. */
  wrongAuth: Auth;
  /** One or several plausible requests per operationId (variants reach different modes). */
  examples: Record<string, Example | Example[]>;
  /** Routes whose 200 answer may be bytes rather than JSON. */
  binaryOperations: readonly string[];
  /** Why an answer is not in the provider's own envelope, or undefined when it is. */
  check(res: RawResponse, route: Route): string | undefined;
}

const MOSCOW_NUMBER = '79161002030';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function devinoCheck(res: RawResponse): string | undefined {
  const parsed = parseJson(res);
  if (!parsed.ok) return parsed.error;
  if (!/^application\/json/.test(String(res.headers['content-type']))) return `content-type ${String(res.headers['content-type'])}`;
  if (res.status === 200) return undefined;
  const body = parsed.value;
  if (!isObject(body) || Object.keys(body).sort().join() !== 'Code,Desc') return `not {"Code","Desc"}: ${res.text.slice(0, 200)}`;
  if (!(String(body.Code) in DEVINO_ERRORS) || typeof body.Desc !== 'string') return `unknown Devino error ${res.text.slice(0, 200)}`;
  return undefined;
}

/** Mobilgroup and VoicePassword share the `{"result":"error","error_code":…}` envelope, each with its own codes. */
function resultCheck(codes: Record<string, string>) {
  return (res: RawResponse): string | undefined => {
    const parsed = parseJson(res);
    if (!parsed.ok) return parsed.error;
    const body = parsed.value;
    if (!isObject(body) || (body.result !== 'ok' && body.result !== 'error')) return `no result ok/error: ${res.text.slice(0, 200)}`;
    if (body.result === 'error' && !(typeof body.error_code === 'string' && body.error_code in codes)) return `unknown error_code: ${res.text.slice(0, 200)}`;
    if (body.result === 'ok' && res.status !== 200) return `result ok with HTTP ${res.status}`;
    if (![200, 404, 413].includes(res.status)) return `HTTP ${res.status} is not one the provider answers`;
    return undefined;
  };
}

const UNIBELL_STATUSES = new Set<string>(StatusValue.options);

function unibellCheck(res: RawResponse, route: Route): string | undefined {
  const type = String(res.headers['content-type'] ?? '');
  const binary = route.operations.some((op) => unibell.binaryOperations.includes(op.operationId));
  if (res.status === 200 && binary && !type.startsWith('application/json')) return undefined;
  const parsed = parseJson(res);
  if (!parsed.ok) return parsed.error;
  const body = parsed.value;
  if (!isObject(body)) return `not an object: ${res.text.slice(0, 200)}`;
  // The recording endpoint's own 404 (the spec's example carries no status).
  if (res.status === 404 && body.errorReason === 'No records found' && route.template.endsWith('/dialog_record_by_reference')) return undefined;
  if (typeof body.status !== 'string' || !UNIBELL_STATUSES.has(body.status)) return `no Unibell status: ${res.text.slice(0, 200)}`;
  if (body.status === 'ok') return res.status === 200 ? undefined : `status ok with HTTP ${res.status}`;
  if (typeof body.errorReason !== 'string') return `error without errorReason: ${res.text.slice(0, 200)}`;
  if (res.status < 400) return `error ${body.status} with HTTP ${res.status}`;
  return undefined;
}

const devino: ProviderProfile = {
  slug: 'devino',
  async login(baseUrl) {
    const res = await fetch(`${baseUrl}/devino/rest/User/SessionId?login=user&password=userpasswd`);
    const sid = (await res.json()) as string;
    return { headers: {}, query: { SessionID: sid } };
  },
  wrongAuth: { headers: {}, query: { SessionID: '00000000-0000-0000-0000-000000000000' } },
  examples: {
    getSessionId: { query: { Login: 'user', Password: 'userpasswd' }, encoding: 'none' },
    getBalance: { encoding: 'none' },
    sendSms: [
      { body: { DestinationAddress: MOSCOW_NUMBER, SourceAddress: 'DEVINO', Data: 'Hello' }, encoding: 'form' },
      { body: { DestinationAddress: MOSCOW_NUMBER, SourceAddress: 'DEVINO', Data: 'Привет '.repeat(30), SendDate: '2030-01-01T10:00:00', Validity: '10' }, encoding: 'form' },
    ],
    sendSmsByTimeZone: { body: { DestinationAddress: MOSCOW_NUMBER, SourceAddress: 'DEVINO', Data: 'Hello', SendDate: '2030-01-01T10:00:00' }, encoding: 'form' },
    sendSmsBulk: { body: { DestinationAddresses: [MOSCOW_NUMBER, '79161002031'], SourceAddress: 'DEVINO', Data: 'Hello' }, encoding: 'form' },
    getSmsState: { query: { MessageID: 'GW02D3B1B694' }, encoding: 'none' },
    getIncomingSms: { query: { MinDateUTC: '2030-01-01T00:00:00', MaxDateUTC: '2030-01-02T00:00:00' }, encoding: 'none' },
    getStatistics: { query: { StartDateTime: '2030-01-01T00:00:00', EndDateTime: '2030-01-02T00:00:00' }, encoding: 'none' },
    sendVoice: { body: { SourceAddress: '74957722345', DestinationAddress: MOSCOW_NUMBER, FileId: '21', SendDate: '2030-01-01T10:00:00', RetryCount: '3', Gap: '5', Dtmf: 'true' }, encoding: 'form' },
    getVoiceState: { query: { MessageID: '1' }, encoding: 'none' },
  },
  binaryOperations: [],
  check: devinoCheck,
};

const mobilgroup: ProviderProfile = {
  slug: 'mobilgroup',
  login: async () => ({ headers: { authorization: 'demo-mobilgroup-key' }, query: {} }),
  wrongAuth: { headers: { authorization: 'no-such-key' }, query: {} },
  examples: {
    send: [
      { body: { settings: { message: 'Здравствуйте', number: '74951234567' }, subscribers: [{ phone: '79161234567' }] }, encoding: 'json' },
      { body: { settings: { phrase: '1', number: '74951234567', schedule: '2030-03-01 14:25', attempts: '2', interval: '5', repeat: '2' }, subscribers: [{ phone: '79161234567' }, { phone: '79161234568' }] }, encoding: 'json' },
      { body: { security: { login: 'user', password: 'userpasswd' }, settings: { script: '1', number: '74951234567' }, subscribers: [{ phone: '79161234567', summa: '100,50', param1: '01.03.2030' }] }, encoding: 'json' },
    ],
    get: [
      { body: { request: 'balance' }, encoding: 'json' },
      { body: { request: 'state', id: '1' }, encoding: 'json' },
      { body: { request: 'templates', account: '123', id: '1' }, encoding: 'json' },
    ],
    set: { body: { request: 'templates', account: '123', templates: [{ name: 'n', message: 'm' }] }, encoding: 'json' },
  },
  binaryOperations: [],
  check: resultCheck(MOBILGROUP_ERRORS),
};

const voicepassword: ProviderProfile = {
  slug: 'voicepassword',
  login: async () => ({ headers: { authorization: 'demo-voicepassword-key' }, query: {} }),
  wrongAuth: { headers: { authorization: 'no-such-key' }, query: {} },
  examples: {
    send: [
      { body: { number: '79161234567', capacity: '4' }, encoding: 'json' },
      { body: { number: '+79161234567', flashcall: { code: '1234' }, callback_url: 'http://127.0.0.1:9/cb' }, encoding: 'json' },
      { body: { number: 79161234567, voice: { code: 1234, repeat: 1, ani: '74957777777' } }, encoding: 'json' },
      { body: { security: { apiKey: 'demo-voicepassword-key' }, sms: { id: '1' } }, encoding: 'json' },
    ],
    get: [
      { body: { request: 'balance' }, encoding: 'json' },
      { body: { request: 'state', id: '1' }, encoding: 'json' },
      { body: { request: 'daily', date: '01.03.2030' }, encoding: 'json' },
    ],
  },
  binaryOperations: [],
  check: resultCheck(VOICEPASSWORD_ERRORS),
};

const unibell: ProviderProfile = {
  slug: 'unibell',
  login: async () => ({ headers: { 'x-authorization': 'AccessKey d8ac9959r12b43545da9034' }, query: {} }),
  wrongAuth: { headers: { 'x-authorization': 'AccessKey 00000000000000000000000' }, query: {} },
  examples: {
    listMedia: { query: { page: '1', per_page: '20' }, encoding: 'none' },
    getMedia: { params: { id: '65' }, encoding: 'none' },
    addMedia: { body: { name: 'Папка' }, encoding: 'json' },
    addMediaToFolder: { params: { id: '65' }, body: { name: 'Вложенная' }, encoding: 'json' },
    renameMedia: { params: { id: '74' }, body: { name: 'Другое имя.wav' }, encoding: 'json' },
    deleteMedia: { params: { id: '999999' }, encoding: 'none' },
    activate: [
      { body: { reference: 'r-1', sourceAddr: '74952120000', destAddr: '79161234567', scenarioData: 'text=Привет' }, encoding: 'json' },
      { body: { numberId: 14019763, abonentListId: 13296, startDateTime: '2030-03-01 09:00:00', workStartTime: '2030-03-01 09:00:00', workEndTime: '2030-03-01 21:00:00', isRepeat: 1, repeatBusy: 1, repeatBusyCount: 2, repeatBusyInt: 60 }, encoding: 'json' },
    ],
    dialogRecord: { query: { reference: 'r-1' }, encoding: 'none' },
    getBalance: { encoding: 'none' },
  },
  binaryOperations: ['getMedia', 'dialogRecord'],
  check: unibellCheck,
};

export const PROFILES: Record<ProviderSlug, ProviderProfile> = { devino, mobilgroup, voicepassword, unibell };

/** The example of an operation; an operation added without one is still fuzzed, from an empty request. */
export function examplesOf(op: OperationDoc): Example[] {
  const slug = PROVIDER_SLUGS.find((s) => API_DOCS[s].operations.includes(op));
  const known = slug ? PROFILES[slug].examples[op.operationId] : undefined;
  if (known) return Array.isArray(known) ? known : [known];
  const hasBody = op.body !== undefined;
  return [{ encoding: hasBody ? (slug === 'devino' ? 'form' : 'json') : 'none', body: hasBody ? {} : undefined }];
}

/** The path with its placeholders filled in (each value percent-encoded). */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? '1'));
}

export function encodeQuery(query: Record<string, string | string[] | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const item of Array.isArray(v) ? v : v === undefined ? [] : [v]) q.append(k, item);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function encodeForm(body: unknown): string {
  if (!isObject(body)) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) {
    for (const item of Array.isArray(v) ? v : [v]) q.append(k, typeof item === 'string' ? item : JSON.stringify(item) ?? '');
  }
  return q.toString();
}
