// Request bodies as Devino (ASP.NET Web API) reads them: form bodies and JSON objects add
// parameters, anything else is ignored; broken JSON is error 2.
import { parse as parseQuery } from 'node:querystring';
import type { BodyPolicy } from '../../core/pipeline.js';
import { DevinoError } from './errors.js';

export const DEVINO_BODIES: BodyPolicy = {
  // The app's form parser stays: a form body is read as everywhere else.
  replaces: ['application/json', 'text/plain'],
  parsers: [
    {
      types: 'application/json',
      parse(_request, body, done) {
        const text = body.trim();
        if (text === '') return done(null, {});
        try {
          done(null, JSON.parse(text));
        } catch {
          done(new DevinoError(2, 'Invalid argument: the request body is not valid JSON'), undefined);
        }
      },
    },
    {
      types: '*',
      parse: (_request, text, done) => done(null, /^[^=&\s]+=/.test(text) ? parseQuery(text, undefined, undefined, { maxKeys: 0 }) : {}),
    },
  ],
};
