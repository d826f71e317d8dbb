// The admin API as the page calls it: the token (kept in localStorage, or taken once from ?token=)
// travels in a header, and a 401 asks for it.
const TOKEN_KEY = 'provider-sim.adminToken';

export class NeedToken extends Error {}

/** A token given as ?token=… is kept by the page and taken out of the address bar. */
export function adoptTokenFromAddress() {
  const params = new URLSearchParams(location.search);
  if (!params.has('token')) return;
  localStorage.setItem(TOKEN_KEY, params.get('token') ?? '');
  params.delete('token');
  const rest = params.toString();
  history.replaceState(null, '', location.pathname + (rest ? `?${rest}` : '') + location.hash);
}

export const setToken = (token: string) => localStorage.setItem(TOKEN_KEY, token);

export function authHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const token = localStorage.getItem(TOKEN_KEY);
  return token ? { ...extra, authorization: `Bearer ${token}` } : extra;
}

export async function api<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers = authHeaders(body === undefined ? {} : { 'content-type': 'application/json' });
  const res = await fetch(`/_sim${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = { error: text };
  }
  const error = data && typeof data === 'object' && 'error' in data ? String((data as { error: unknown }).error) : undefined;
  if (res.status === 401) throw new NeedToken(error ?? 'The admin API needs a token.');
  if (!res.ok) throw new Error(error ?? `${res.status} ${res.statusText}`);
  return data as T;
}

export const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');
