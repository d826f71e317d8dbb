// How each provider puts credentials and errors on the wire: where the API key travels, what an
// error answer looks like and which field carries its code. The bridge (typed client -> operation
// call) and the reference adapter (operation call -> HTTP) read the same table.
import type { Credentials, ProviderSlug } from './types.js';

export interface FileParam {
  filename: string;
  contentType: string;
  base64: string;
}

export const isFileParam = (v: unknown): v is FileParam =>
  typeof v === 'object' && v !== null && typeof (v as FileParam).base64 === 'string' && typeof (v as FileParam).filename === 'string';

/** A file in a response: `{contentType, base64}`. */
export const isFileValue = (v: unknown): v is { contentType: string; base64: string } =>
  typeof v === 'object' && v !== null && typeof (v as FileParam).base64 === 'string' && typeof (v as FileParam).contentType === 'string' && Object.keys(v).length === 2;

/** Where each provider's API is mounted on the simulator. */
export const MOUNTS: Record<ProviderSlug, string> = {
  devino: '/devino/rest',
  mobilgroup: '/mobilgroup/api',
  voicepassword: '/voicepassword/api/voice-password',
  unibell: '/unibell',
};

/** Credentials a run uses unless a case says otherwise (accounts of the simulator's fixtures). */
export const DEFAULT_CREDENTIALS: Record<ProviderSlug, Credentials> = {
  devino: { login: 'user', password: 'userpasswd' },
  mobilgroup: { apiKey: 'demo-mobilgroup-key' },
  voicepassword: { apiKey: 'demo-voicepassword-key' },
  unibell: { accessKey: 'd8ac9959r12b43545da9034' },
};

export interface WireRequest {
  headers: Record<string, string>;
  query: Record<string, string>;
  /** Fields added to a JSON body. */
  body: Record<string, unknown>;
}

export interface ProviderError {
  code: string;
  message: string;
}

interface Wire {
  /** Credentials out of a request the project's client built, and the params without them. */
  credentialsOf(headers: Headers, params: Record<string, unknown>, query: URLSearchParams): Credentials | undefined;
  /** Credentials into a request. */
  applyCredentials(credentials: Credentials): WireRequest;
  /** The provider's error answer for a code. */
  errorAnswer(error: ProviderError): { status: number; body: unknown };
  /** The provider error in an answer, if it is one. */
  errorOf(status: number, body: unknown): ProviderError | undefined;
}

const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** Mobilgroup and VoicePassword: the key in `Authorization` or `security`, errors `{"result":"error","error_code":…}` with HTTP 200. */
const resultWire = (logins: boolean): Wire => ({
  credentialsOf(headers, params) {
    const security = record(params.security);
    delete params.security;
    if (security) return Object.fromEntries(Object.entries(security).map(([k, v]) => [k, String(v)]));
    const key = headers.get('authorization');
    return key ? { apiKey: key } : undefined;
  },
  applyCredentials(c): WireRequest {
    if (logins && c.login !== undefined) return { headers: {}, query: {}, body: { security: { login: c.login, password: c.password } } };
    const headers: Record<string, string> = {};
    if (c.apiKey !== undefined) headers.authorization = c.apiKey;
    return { headers, query: {}, body: {} };
  },
  errorAnswer: ({ code }) => ({ status: 200, body: { result: 'error', error_code: code } }),
  errorOf(_status, body) {
    const b = record(body);
    return b?.result === 'error' ? { code: String(b.error_code), message: String(b.error_text ?? b.error_code) } : undefined;
  },
});

export const WIRES: Record<ProviderSlug, Wire> = {
  devino: {
    credentialsOf: () => undefined,
    applyCredentials: () => ({ headers: {}, query: {}, body: {} }),
    errorAnswer: ({ code, message }) => ({ status: 400, body: { Code: Number(code), Desc: message } }),
    errorOf(status, body) {
      const b = record(body);
      if (status < 400 || !b) return undefined;
      const lower = new Map(Object.entries(b).map(([k, v]) => [k.toLowerCase(), v]));
      return lower.has('code') ? { code: String(lower.get('code')), message: String(lower.get('desc') ?? '') } : undefined;
    },
  },
  mobilgroup: resultWire(true),
  voicepassword: resultWire(false),
  unibell: {
    credentialsOf(headers, _params, query) {
      const x = headers.get('x-authorization') ?? query.get('X-Authorization') ?? headers.get('authorization');
      query.delete('X-Authorization');
      return x ? { accessKey: x.replace(/^(AccessKey|Basic)\s+/i, '') } : undefined;
    },
    applyCredentials(c): WireRequest {
      const headers: Record<string, string> = {};
      if (c.accessKey !== undefined) headers['x-authorization'] = `AccessKey ${c.accessKey}`;
      return { headers, query: {}, body: {} };
    },
    errorAnswer: ({ code, message }) => ({ status: 400, body: { status: code, errorReason: message } }),
    errorOf(_status, body) {
      const b = record(body);
      return typeof b?.status === 'string' && b.status !== 'ok' ? { code: b.status, message: String(b.errorReason ?? '') } : undefined;
    },
  },
};

/** The error an adapter rejects with: `code` is the provider's own. */
export class ProviderCallError extends Error {
  override name = 'ProviderCallError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
