// Request bodies as VoicePassword reads them: the real handler reads the raw body as JSON whatever
// the content type (PHP clients that forget the header send JSON as
// `application/x-www-form-urlencoded`); anything that is not JSON is not a request. A body sent as
// `application/json` goes to the app's JSON parser (which refuses `__proto__`).
import type { BodyPolicy, BodyDone } from '../../core/pipeline.js';
import type { FastifyRequest } from 'fastify';
import { fail } from './errors.js';

function parseLooseBody(_request: FastifyRequest, body: string, done: BodyDone) {
  const text = body.replace(/^\uFEFF/, '').trim();
  if (text === '') return done(null, undefined);
  try {
    return done(null, JSON.parse(text));
  } catch {
    return done(fail('unknown_request'));
  }
}

export const VOICEPASSWORD_BODIES: BodyPolicy = {
  replaces: ['application/x-www-form-urlencoded', 'text/plain'],
  parsers: [
    { types: ['application/x-www-form-urlencoded', 'text/plain'], parse: parseLooseBody },
    { types: '*', parse: parseLooseBody },
  ],
};
