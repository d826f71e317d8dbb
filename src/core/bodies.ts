// Body policies more than one provider shares (core/pipeline.ts, step 1).
import type { BodyPolicy } from './pipeline.js';

/** Parses JSON text with `__proto__` keys dropped; throws on text that is not JSON. */
export function parseJsonDroppingProto(text: string): unknown {
  // A reviver makes JSON.parse several times slower: only a body that names __proto__ (maybe escaped) needs one.
  return text.includes('__proto__') || text.includes('\\u') ? JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value)) : JSON.parse(text);
}

/**
 * JSON whatever the Content-Type, as a PHP backend reading php://input does (`curl -d '{…}'` works).
 * An empty body is no body; text that is not JSON is not an error yet but `unreadable(text)`, so the
 * credentials are still checked first and each operation refuses it in its own words.
 */
export function jsonWhateverTheType(unreadable: (text: string) => unknown): BodyPolicy {
  return {
    // Every type the app reads (other parsers a provider adds later, multipart, stay).
    replaces: ['application/json', 'application/x-www-form-urlencoded', 'text/plain'],
    parsers: [
      {
        types: '*',
        parse(_request, text, done) {
          if (text.trim() === '') return done(null, undefined);
          let body: unknown;
          try {
            body = parseJsonDroppingProto(text);
          } catch {
            return done(null, unreadable(text));
          }
          done(null, body);
        },
      },
    ],
  };
}
