// A complete adapter for each provider, driven by the OpenAPI document alone: an operation call
// becomes the documented HTTP request (path, query, form, JSON or multipart body, credentials where
// the provider wants them), and the answer becomes the value or the provider's error. The project
// runs the kit with it; a user can read it as the reference of what each call must do.
import { contractOfProvider } from './contract.js';
import type { AdapterFactory, CallbackRequest, Credentials, OperationAdapter, OperationParams, ProviderSlug } from './types.js';
import { isFileParam, ProviderCallError, WIRES } from './wire.js';

export interface ReferenceAdapterOptions {
  /** The provider's base URL (the simulator's `<url>/devino/rest`, …). */
  baseUrl: string;
  /** Devino only: log in with the credentials and renew an expired session instead of taking `SessionID`. */
  sessions?: 'explicit' | 'managed';
  fetch?: typeof fetch;
}

const scalar = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

function appendAll(target: URLSearchParams | FormData, key: string, value: unknown) {
  if (value === undefined || value === null) return;
  for (const v of Array.isArray(value) ? value : [value]) target.append(key, scalar(v));
}

export function referenceAdapter(slug: ProviderSlug, options: ReferenceAdapterOptions): OperationAdapter {
  const contract = contractOfProvider(slug);
  const wire = WIRES[slug];
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');
  const managed = slug === 'devino' && options.sessions === 'managed';
  const sessions = new Map<string, Promise<string>>();

  async function request(operation: string, params: OperationParams, credentials: Credentials): Promise<unknown> {
    const op = contract.operations.find((o) => o.operationId === operation);
    if (!op) throw new Error(`${slug} has no operation ${operation}`);
    const rest: OperationParams = { ...params };
    const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const v = rest[name];
      delete rest[name];
      return encodeURIComponent(String(v));
    });
    const auth = wire.applyCredentials(credentials);
    const url = new URL(base + path);
    for (const [k, v] of Object.entries(auth.query)) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: 'application/json', ...auth.headers };
    let body: string | FormData | undefined;
    const bodyless = op.method === 'GET' || op.method === 'DELETE' || op.bodyTypes.length === 0;
    for (const [k, v] of Object.entries(rest)) {
      if (bodyless || op.queryParams.includes(k)) {
        appendAll(url.searchParams, k, v);
        delete rest[k];
      }
    }
    if (!bodyless) {
      const file = Object.values(rest).some(isFileParam);
      if (file && op.bodyTypes.includes('multipart/form-data')) {
        const form = new FormData();
        for (const [k, v] of Object.entries(rest)) {
          if (isFileParam(v)) form.append(k, new Blob([Buffer.from(v.base64, 'base64')], { type: v.contentType }), v.filename);
          else appendAll(form, k, v);
        }
        body = form;
      } else if (op.bodyTypes[0] === 'application/x-www-form-urlencoded') {
        const form = new URLSearchParams();
        for (const [k, v] of Object.entries(rest)) appendAll(form, k, v);
        headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
        body = form.toString();
      } else {
        headers['content-type'] = 'application/json; charset=utf-8';
        body = JSON.stringify({ ...auth.body, ...rest });
      }
    }
    const res = await doFetch(url, { method: op.method, headers, body });
    const type = res.headers.get('content-type') ?? '';
    if (!type.startsWith('application/json')) {
      if (res.ok) return { contentType: type || 'application/octet-stream', base64: Buffer.from(await res.arrayBuffer()).toString('base64') };
      throw new Error(`${slug} ${operation}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    }
    const answer = (await res.json()) as unknown;
    const error = wire.errorOf(res.status, answer);
    if (error) throw new ProviderCallError(error.code, error.message);
    const notFound = answer as { errorReason?: unknown; status?: unknown };
    if (operation === 'dialogRecord' && res.status === 404 && notFound.errorReason === 'No records found') return null;
    if (!res.ok) throw new Error(`${slug} ${operation}: HTTP ${res.status} ${JSON.stringify(answer).slice(0, 200)}`);
    return answer;
  }

  /** Devino with a managed session: one per login, renewed once when Devino says it expired or is unknown. */
  async function withSession(operation: string, params: OperationParams, credentials: Credentials): Promise<unknown> {
    const key = `${credentials.login}\u0000${credentials.password}`;
    const login = () => request('getSessionId', { Login: credentials.login, Password: credentials.password }, credentials) as Promise<string>;
    let session = sessions.get(key);
    if (!session) sessions.set(key, (session = login()));
    try {
      return await request(operation, { ...params, SessionID: await session }, credentials);
    } catch (err) {
      const code = (err as ProviderCallError).code;
      if (code !== '3' && code !== '4') throw err;
      const renewed = login();
      sessions.set(key, renewed);
      return request(operation, { ...params, SessionID: await renewed }, credentials);
    }
  }

  return {
    operations: contract.operations.map((o) => o.operationId),
    sessions: managed ? 'managed' : 'explicit',
    callbacks: contract.callbacks,
    call: (operation, params, credentials) => (managed && operation !== 'getSessionId' ? withSession(operation, params, credentials) : request(operation, params, credentials)),
    async parseCallback(_name: string, req: CallbackRequest) {
      const url = new URL(req.url, 'http://callback');
      if (req.body) return JSON.parse(req.body) as Record<string, unknown>;
      return Object.fromEntries(url.searchParams);
    },
  };
}

/** The reference adapter of every provider, for runConformance. */
export function referenceAdapters(options: Omit<ReferenceAdapterOptions, 'baseUrl'> = {}): Record<ProviderSlug, AdapterFactory> {
  const of = (slug: ProviderSlug): AdapterFactory => (init) => referenceAdapter(slug, { ...options, baseUrl: init.baseUrl });
  return { devino: of('devino'), mobilgroup: of('mobilgroup'), voicepassword: of('voicepassword'), unibell: of('unibell') };
}
