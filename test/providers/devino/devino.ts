// Shared steps of the Devino tests: a session, form posts, and reading answers.
import { expect } from 'vitest';
import { form, readJson, type Json, type TestServer } from '../../helpers/server.js';

export const REST = '/devino/rest';

export async function login(s: TestServer, login = 'user', password = 'userpasswd'): Promise<string> {
  const res = await s.call(`${REST}/User/SessionId?login=${login}&password=${password}`);
  expect(res.status).toBe(200);
  const sid = await readJson(res);
  expect(sid).toMatch(/^[A-Z0-9]{36}$/);
  return sid;
}

export async function post(s: TestServer, path: string, params: Record<string, string | number | (string | number)[]>) {
  const res = await s.call(`${REST}${path}`, form(params));
  return { status: res.status, body: (await readJson(res)) as Json, headers: res.headers };
}

export async function get(s: TestServer, path: string) {
  const res = await s.call(`${REST}${path}`);
  return { status: res.status, body: (await readJson(res)) as Json, headers: res.headers };
}

export async function balance(s: TestServer, sid: string): Promise<number> {
  return (await get(s, `/User/Balance?SessionID=${sid}`)).body;
}

export async function smsState(s: TestServer, sid: string, id: string) {
  return (await get(s, `/Sms/State?sessionId=${sid}&messageId=${encodeURIComponent(id)}`)).body;
}

export const sms = (sid: string, extra: Record<string, string | number | (string | number)[]> = {}) => ({
  SessionID: sid,
  DestinationAddress: '79161002030',
  SourceAddress: 'DEVINO',
  Data: 'test',
  ...extra,
});
