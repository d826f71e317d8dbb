// What every client adapter shares: a base URL, a fetch (the global one by default, so tests and
// apps can pass their own), a time-out, and one error type per failure that is not the provider's.
export interface ClientOptions {
  /** The provider's base URL: the real one in production, the simulator's in tests. */
  baseUrl: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Milliseconds before a request is abandoned (default 30 s). */
  timeoutMs?: number;
  /** Added to every request (e.g. `X-Sim-Scenario` against the simulator). */
  headers?: Record<string, string>;
}

/** The provider did not answer as its protocol says: network failure, time-out, a body that is not what it should be. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    message: string,
    readonly status?: number,
    readonly body?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Base of every provider's typed error: `code` is the provider's own error code. */
export abstract class ProviderApiError<C extends string | number = string | number> extends Error {
  abstract readonly provider: string;
  constructor(
    readonly code: C,
    message: string,
    /** HTTP status of the answer. */
    readonly status: number,
    /** The parsed error body as the provider sent it. */
    readonly body: unknown,
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | boolean | readonly (string | number)[] | undefined>;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query;
  headers?: Record<string, string>;
  body?: string | FormData | Uint8Array;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  text(): string;
  /** The body as JSON; a TransportError when it is not JSON. */
  json(): unknown;
}

export function appendQuery(params: URLSearchParams, query: Query | undefined) {
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  }
}

export function createHttp(options: ClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;

  return async function send(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(base + req.path);
    appendQuery(url.searchParams, req.query);
    let res: Response;
    try {
      res = await doFetch(url, {
        method: req.method,
        headers: { accept: 'application/json', ...options.headers, ...req.headers },
        body: req.body as RequestInit['body'],
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new TransportError(`${req.method} ${url.pathname}: ${(err as Error).message}`, undefined, undefined, { cause: err });
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = () => new TextDecoder().decode(bytes);
    return {
      status: res.status,
      headers: res.headers,
      bytes,
      text,
      json() {
        const t = text();
        try {
          return JSON.parse(t) as unknown;
        } catch {
          throw new TransportError(`${req.method} ${url.pathname}: expected JSON, got HTTP ${res.status}: ${t.slice(0, 200)}`, res.status, t);
        }
      },
    };
  };
}

export type Http = ReturnType<typeof createHttp>;

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
