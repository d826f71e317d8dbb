// A thin Mobilgroup client over the test server: JSON POSTs with the demo API key by default.
import { request } from 'undici';
import { json, readJson, type Json, type TestServer } from '../../helpers/server.js';

export const DEMO_KEY = 'demo-mobilgroup-key';
export const SMS_KEY = 'demo-mobilgroup-sms-key';
export const POOR_KEY = 'poor-mobilgroup-key';
export const BLOCKED_KEY = 'blocked-mobilgroup-key';
export const SENDER = '74951234567';

/** 2030-03-01 12:00:00 Moscow time. */
export const START = Date.parse('2030-03-01T09:00:00.000Z');

export async function setClock(s: TestServer, epochMs = START) {
  const res = await s.call('/_sim/clock', json({ now: epochMs }));
  if (res.status !== 200) throw new Error(`clock set failed: ${res.status}`);
}

export async function post(s: TestServer, route: 'send' | 'get' | 'set', body: unknown, key: string | null = DEMO_KEY): Promise<Json> {
  const res = await s.call(`/mobilgroup/api/${route}/`, json(body, key === null ? {} : { authorization: key }));
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${await res.text()}`);
  return readJson(res);
}

export const send = (s: TestServer, body: unknown, key?: string | null) => post(s, 'send', body, key);
export const get = (s: TestServer, body: unknown, key?: string | null) => post(s, 'get', body, key);
export const state = (s: TestServer, id: string, key?: string) => get(s, { request: 'state', id }, key);
export const balance = async (s: TestServer, key?: string): Promise<string> => (await get(s, { request: 'balance' }, key)).balance;

/** A text broadcast from the demo sender to the given phones. */
export const textTo = (phones: string[], settings: Record<string, unknown> = {}) => ({
  settings: { message: 'Здравствуйте! Напоминаем о записи на приём завтра.', number: SENDER, ...settings },
  subscribers: phones.map((phone) => ({ phone })),
});

/** A raw request, for what fetch will not send (a Host header, odd bodies). */
export async function raw(s: TestServer, path: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }) {
  const res = await request(s.url + path, { method: init.method ?? 'POST', headers: init.headers, body: init.body });
  const text = await res.body.text();
  return { status: res.statusCode, text, json: JSON.parse(text) as Json };
}
