// Shared pieces of the scenario tests: one "send" request per provider as its clients make it,
// scenario uploads through the admin API, and a local callback receiver.
import { form, json, readJson, type Json, type TestServer } from '../helpers/server.js';

export type Slug = 'devino' | 'mobilgroup' | 'voicepassword' | 'unibell';
export const SLUGS: readonly Slug[] = ['devino', 'mobilgroup', 'voicepassword', 'unibell'];

export const UNIBELL_KEY = 'd8ac9959r12b43545da9034';
export const VP_KEY = 'demo-voicepassword-key';
export const MG_KEY = 'demo-mobilgroup-key';

/** A Devino session for the fixtures' `user` account. */
export async function devinoSession(s: TestServer): Promise<string> {
  const res = await s.call('/devino/rest/User/SessionId?login=user&password=userpasswd');
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return readJson(res);
}

/** The path and request of one send per provider, to `number`. */
export async function sendRequest(s: TestServer, slug: Slug, number = '79161234567', headers: Record<string, string> = {}, extra: Record<string, unknown> = {}): Promise<[string, RequestInit]> {
  switch (slug) {
    case 'devino': {
      const session = await devinoSession(s);
      const init = form({ SessionID: session, DestinationAddress: number, Data: 'Код 1234', SourceAddress: 'TESTSMS', ...(extra as Record<string, string>) });
      return ['/devino/rest/Sms/Send', { ...init, headers: { ...(init.headers as Record<string, string>), ...headers } }];
    }
    case 'mobilgroup':
      return [
        '/mobilgroup/api/send/',
        json({ security: { apiKey: MG_KEY }, settings: { number: '74951234567', message: 'Ваша запись подтверждена' }, subscribers: [{ phone: number }], ...extra }, headers),
      ];
    case 'voicepassword':
      return ['/voicepassword/api/voice-password/send/', json({ security: { apiKey: VP_KEY }, number, ...extra }, headers)];
    case 'unibell':
      return ['/unibell/apps/activate', json({ destAddr: number, reference: `ref-${number}`, ...extra }, { 'x-authorization': `AccessKey ${UNIBELL_KEY}`, ...headers })];
  }
}

export async function send(s: TestServer, slug: Slug, number?: string, headers?: Record<string, string>, extra?: Record<string, unknown>): Promise<Response> {
  const [path, init] = await sendRequest(s, slug, number, headers, extra);
  return s.call(path, init);
}

/** Uploads a scenario document (JSON) through the admin API. */
export async function upload(s: TestServer, doc: Record<string, unknown>): Promise<void> {
  const res = await s.call('/_sim/scenarios', json(doc));
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
}

export async function activate(s: TestServer, name: string): Promise<void> {
  const res = await s.call(`/_sim/scenarios/${name}/activate`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`activate failed: ${res.status} ${await res.text()}`);
}

export async function records(s: TestServer, query: string): Promise<Json[]> {
  return (await readJson(await s.call(`/_sim/records?${query}`))).records;
}

import type { Hit } from '../../src/conformance/receiver.js';
export { startReceiver, type Hit, type Receiver } from '../../src/conformance/receiver.js';

/** A callback's JSON body, for a test to read fields of (the receiver keeps it as `unknown`). */
export const bodyOf = (hit: Hit): Json => hit.body;
