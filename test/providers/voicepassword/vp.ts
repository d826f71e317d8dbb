// Shared helpers of the VoicePassword tests: the two endpoints, called as the spec's clients do.
import { json, readJson, type Json, type TestServer } from '../../helpers/server.js';

export const KEY = 'demo-voicepassword-key';
export const SEND = '/voicepassword/api/voice-password/send/';
export const GET = '/voicepassword/api/voice-password/get/';

/** POSTs a JSON body with the key in the `security` section (the spec's examples). */
export async function send(s: TestServer, body: Record<string, unknown>, apiKey = KEY): Promise<Json> {
  const res = await s.call(SEND, json({ security: { apiKey }, ...body }));
  if (res.status !== 200) throw new Error(`send answered ${res.status}`);
  return readJson(res);
}

export async function get(s: TestServer, body: Record<string, unknown>, apiKey = KEY): Promise<Json> {
  const res = await s.call(GET, json({ security: { apiKey }, ...body }));
  if (res.status !== 200) throw new Error(`get answered ${res.status}`);
  return readJson(res);
}

export async function state(s: TestServer, id: string, apiKey = KEY): Promise<Json> {
  return (await get(s, { request: 'state', id }, apiKey)).data;
}

/** The simulator's own view of a call, with the calling number. */
export async function adminCall(s: TestServer, id: string): Promise<Json> {
  return readJson(await s.call(`/_sim/voicepassword/calls/${id}`));
}

export const error = (code: string) => ({ result: 'error', error_code: code });
