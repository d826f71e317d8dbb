// Reading a provider's answer in a traffic plan: did it accept the request? Each provider's envelope
// says it its own way; these are the shapes they share.
import type { LightMyRequestResponse } from 'fastify';

/**
 * Where generated callbacks go: the discard port on loopback, which nothing listens on in an
 * ordinary set-up, so each attempt is refused at once, never leaves the machine, and is retried.
 */
export const NOWHERE = 'http://127.0.0.1:9';

export const SEC = 1000;

export const answerJson = (res: LightMyRequestResponse): unknown => {
  try {
    return JSON.parse(res.body);
  } catch {
    return undefined;
  }
};
const field = (res: LightMyRequestResponse, name: string) => {
  const body = answerJson(res);
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
};
export const okStatus = (res: LightMyRequestResponse) => res.statusCode < 300;
/** `{"result": "ok"}` (Mobilgroup, VoicePassword). */
export const resultOk = (res: LightMyRequestResponse) => okStatus(res) && field(res, 'result') === 'ok';
/** `{"status": "ok"}` (Unibell). */
export const statusOk = (res: LightMyRequestResponse) => okStatus(res) && field(res, 'status') === 'ok';
