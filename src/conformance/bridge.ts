// The suites are written against the project's typed clients (src/clients). Against a user's
// adapter, those clients get this `fetch`: it turns each request the client builds back into the
// operation call it stands for (operationId, parameters under the document's names, credentials),
// hands it to the adapter, and answers the client the way the provider would with the adapter's
// value or error. So every check of a case lands on what the user's adapter returned.
import { contractOfProvider, matchOperation } from './contract.js';
import type { Credentials, OperationAdapter, OperationParams, ProviderSlug } from './types.js';
import { isFileValue, MOUNTS, WIRES } from './wire.js';

/** A call the adapter failed: the client's TransportError carries it as its `cause`. */
export class AdapterFailure extends Error {
  override name = 'AdapterFailure';
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(code === undefined ? message : `provider error ${code}: ${message}`);
  }
}

/** Set by the suite's Devino client when a case acts for another account (Devino has no credentials on the wire but the login). */
export const CREDENTIALS_HEADER = 'x-conformance-credentials';

export interface BridgeOptions {
  /** Called before each call: throws when a case calls an operation it does not declare. */
  guard(operation: string): void;
  credentials: Credentials;
}

const toBase64 = (bytes: ArrayBuffer) => Buffer.from(bytes).toString('base64');

function addParam(params: OperationParams, key: string, value: unknown, arrays: ReadonlySet<string>) {
  const name = key.replace(/\[\d*\]$/, '');
  const list = arrays.has(name) || name !== key;
  if (Object.hasOwn(params, name)) {
    const prev = params[name];
    params[name] = Array.isArray(prev) ? [...(prev as unknown[]), value] : [prev, value];
  } else params[name] = list ? [value] : value;
}

async function bodyParams(req: Request, params: OperationParams, arrays: ReadonlySet<string>) {
  const type = req.headers.get('content-type') ?? '';
  if (!req.body) return;
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(await req.text())) addParam(params, k, v, arrays);
  } else if (type.startsWith('multipart/form-data')) {
    for (const [k, v] of await req.formData()) {
      if (typeof v === 'string') addParam(params, k, v, arrays);
      else params[k] = { filename: v.name, contentType: v.type || 'application/octet-stream', base64: toBase64(await v.arrayBuffer()) };
    }
  } else {
    const text = await req.text();
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) Object.assign(params, body);
  }
}

export function bridgeFetch(slug: ProviderSlug, adapter: OperationAdapter, options: BridgeOptions): typeof fetch {
  const contract = contractOfProvider(slug);
  const wire = WIRES[slug];
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

  return async (input, init) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    const path = url.pathname.slice(url.pathname.indexOf(MOUNTS[slug]) + MOUNTS[slug].length);
    const found = matchOperation(contract, req.method, path);
    if (!found) throw new Error(`${slug}: no operation answers ${req.method} ${path}`);
    const { op, pathValues } = found;
    const arrays = new Set(op.arrayFields);
    // Keys come from requests and bodies: a `__proto__` field must stay a field.
    const params: OperationParams = Object.assign(Object.create(null) as OperationParams, pathValues);
    await bodyParams(req, params, arrays);
    const override = req.headers.get(CREDENTIALS_HEADER);
    const credentials = (override ? (JSON.parse(override) as Credentials) : undefined) ?? wire.credentialsOf(req.headers, params, url.searchParams) ?? options.credentials;
    for (const [k, v] of url.searchParams) addParam(params, k, v, arrays);
    if (slug === 'devino' && adapter.sessions === 'managed') delete params.SessionID;
    options.guard(op.operationId);

    let value: unknown;
    try {
      value = await adapter.call(op.operationId, params, credentials);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === undefined || code === null) throw new AdapterFailure(undefined, `${op.operationId} failed without a provider code: ${(err as Error).message ?? String(err)}`);
      const answer = wire.errorAnswer({ code: String(code), message: (err as Error).message ?? '' });
      // Codes the client could not read back (a Devino code that is not a number) fail as they are.
      if (slug === 'devino' && !/^\d+$/.test(String(code))) throw new AdapterFailure(String(code), (err as Error).message ?? '');
      return json(answer.status, answer.body);
    }
    if (value === null && op.operationId === 'dialogRecord') return json(404, { errorReason: 'No records found' });
    if (isFileValue(value)) return new Response(Buffer.from(value.base64, 'base64'), { status: 200, headers: { 'content-type': value.contentType } });
    return json(200, value);
  };
}
