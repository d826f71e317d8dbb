// fast-check generators of bad requests for one route: each takes the route's plausible request
// and breaks one thing about it (the JSON, the content type, a field, a type, a value, the size,
// the characters, the method, the query string, a path parameter).
import fc from 'fast-check';
import type { RawRequest } from './http.js';
import { ALL_METHODS, encodeForm, encodeQuery, examplesOf, fillPath, type Auth, type Example, type Route } from './routes.js';

export const KINDS = ['malformed-json', 'content-type', 'fields', 'types', 'empty', 'huge', 'unicode', 'method', 'long-query', 'path-param', 'credentials', 'multipart'] as const;
export type Kind = (typeof KINDS)[number];

export interface BadRequest {
  kind: Kind;
  req: RawRequest;
  /** The status the provider must answer with (413 for a body over the limit). */
  expectStatus?: number;
}

export interface Setting {
  auth: Auth;
  wrongAuth: Auth;
  bodyLimit: number;
}

type Bag = Record<string, unknown>;

/** Control characters, bidi overrides, BOMs, lone surrogates, combining marks, astral planes, escapes that are not. */
export const NASTY_STRINGS = [
  '\u0000',
  '\u0007\b\f\v',
  '\u001b[31mred',
  '\u202Eevil\u202C',
  '\uFEFF{"a":1}',
  '\uD800',
  '\uDFFF\uD800x',
  'e\u0301\u0302\u0303',
  '𝕳𝖊𝖑𝖑𝖔',
  '👨‍👩‍👧‍👦',
  '\u2028\u2029',
  '\r\n\t ',
  'ﷺ',
  '%00',
  '%',
  '%E0%A4%A',
  '\\u0000',
  '../../etc/passwd',
  '{"__proto__":{"polluted":1}}',
  'null',
  '9'.repeat(400),
  '-1e999',
] as const;

export const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded',
  'text/plain',
  'text/html',
  'application/xml',
  'multipart/form-data',
  'multipart/form-data; boundary=----x',
  'application/octet-stream',
  'image/png',
  'garbage',
  '',
  'application/json, text/plain',
  '*/*',
] as const;

/** What HTTP allows in a header value (Node refuses the rest before sending): tab, visible ASCII, Latin-1. */
const headerChar = fc.oneof(fc.constant('\t'), fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => (typeof c === 'string' ? c : String.fromCharCode(c)));

/**
 * Deeply nested values go in as placeholders and are spliced in as text after encoding (the test's
 * own JSON.stringify would overflow its stack first); 1 500 levels stay under the 16 KiB header
 * limit when percent-encoded in a query. The 100 000-level case is in regressions.test.ts.
 */
const DEEP = {
  '@@deep-array@@': `${'['.repeat(1_500)}1${']'.repeat(1_500)}`,
  '@@deep-object@@': `${'{"a":'.repeat(600)}1${'}'.repeat(600)}`,
};
/** Characters of query string that stay, with the headers, under Node's 16 KiB limit (past it: 431 before any routing). */
const QUERY_BUDGET = 12_000;

/** Splices the deep values in while the text stays within `budget` characters (a `1` past it). */
export function expandDeep(text: string, budget = Infinity): string {
  let out = text;
  for (const [mark, json] of Object.entries(DEEP)) {
    for (const [form, value] of [
      [JSON.stringify(mark), json],
      [encodeURIComponent(mark), encodeURIComponent(json)],
      [mark, json],
    ]) {
      for (let at = out.indexOf(form); at >= 0; at = out.indexOf(form, at)) {
        const put = out.length - form.length + value.length <= budget ? value : '1';
        out = out.slice(0, at) + put + out.slice(at + form.length);
        at += put.length;
      }
    }
  }
  return out;
}

const EMPTY_VALUES: unknown[] = ['', null, [], {}, 0, false, ' ', '""'];
const EMPTY_BODIES = ['', ' ', '{}', '[]', 'null', '""', '0', 'true', '\n'];

const bodyMethod = (route: Route): string => route.methods.find((m) => m !== 'GET' && m !== 'DELETE') ?? route.methods[0];

function build(route: Route, example: Example, method: string, auth: Auth, parts: { query?: Bag; body?: string | Buffer; contentType?: string; params?: Record<string, string>; rawQuery?: string }): RawRequest {
  const query = { ...auth.query, ...(parts.query ?? (example.query as Bag | undefined) ?? {}) };
  const path = fillPath(route.template, parts.params ?? example.params) + (parts.rawQuery ?? expandDeep(encodeQuery(stringify(query)), QUERY_BUDGET));
  const headers: Record<string, string> = { ...auth.headers };
  if (parts.body !== undefined && parts.contentType !== undefined && parts.contentType !== '') headers['content-type'] = parts.contentType;
  return { method, path, headers, body: parts.body };
}

function stringify(bag: Bag): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(bag)) out[k] = Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x) ?? '')) : typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
  return out;
}

const encodeBody = (example: Example, body: unknown) => expandDeep(example.encoding === 'form' ? encodeForm(body) : JSON.stringify(body));
const contentTypeOf = (example: Example) => (example.encoding === 'form' ? 'application/x-www-form-urlencoded' : 'application/json');

/** A mutated copy of the example's fields: of the body when the operation has one, else of the query. */
function mutateFields(route: Route, example: Example, auth: Auth, mutate: fc.Arbitrary<(bag: Bag) => Bag>): fc.Arbitrary<RawRequest> {
  return mutate.map((f) => {
    if (example.encoding === 'none') return build(route, example, route.methods[0], auth, { query: f({ ...(example.query ?? {}) }) });
    const body = f(isBag(example.body) ? { ...example.body } : {});
    return build(route, example, bodyMethod(route), auth, { body: encodeBody(example, body), contentType: contentTypeOf(example) });
  });
}

const isBag = (v: unknown): v is Bag => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Picks some of the keys (the example's and the schema's) to change. */
const someKeys = (keys: string[]) => (keys.length === 0 ? fc.constant<string[]>([]) : fc.subarray(keys, { minLength: 1 }));

export function badRequest(route: Route, setting: Setting): fc.Arbitrary<BadRequest> {
  const variants = route.operations.flatMap((op) => examplesOf(op).map((example) => ({ op, example })));
  return fc.constantFrom(...variants).chain(({ op, example }) => {
    const keys = [...new Set([...Object.keys(isBag(example.body) ? example.body : {}), ...Object.keys(example.query ?? {})])];
    const hasBody = example.encoding !== 'none';
    const method = hasBody ? bodyMethod(route) : op.method.toUpperCase();
    const { auth } = setting;
    const okBody = hasBody ? encodeBody(example, example.body) : undefined;

    const kinds: fc.Arbitrary<BadRequest>[] = [
      // Truncated or broken JSON, as a client that dies mid-write or concatenates strings sends it.
      fc
        .tuple(fc.nat(), fc.oneof(fc.constant(JSON.stringify(example.body ?? {})), fc.constantFrom('{"a":', '[', 'nul', '{"a":1,}', "{'a':1}", '{"a":"\\x"}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":1}{"b":2}')), fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-8'))
        .map(([cut, text, ct]) => ({
          kind: 'malformed-json' as const,
          req: build(route, example, hasBody ? method : 'POST', auth, { body: text.length > 1 ? text.slice(0, cut % text.length) || text[0] : text, contentType: ct }),
        })),
      fc.tuple(fc.constantFrom(...CONTENT_TYPES), fc.oneof(fc.constant(okBody ?? '{}'), fc.constant(JSON.stringify(example.body ?? {})), fc.constant(encodeForm(example.body)), fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)))).map(([ct, body]) => ({
        kind: 'content-type' as const,
        req: build(route, example, hasBody ? method : 'POST', auth, { body, contentType: ct }),
      })),
      mutateFields(
        route,
        example,
        auth,
        fc.tuple(someKeys(keys), fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty')), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })).map(([drop, extra]) => (bag: Bag) => {
          for (const k of drop) delete bag[k];
          for (const [k, v] of Object.entries(extra)) Object.defineProperty(bag, k, { value: v, enumerable: true, writable: true, configurable: true });
          return bag;
        }),
      ).map((req) => ({ kind: 'fields' as const, req })),
      mutateFields(
        route,
        example,
        auth,
        fc.tuple(someKeys(keys), fc.oneof({ weight: 9, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(...Object.keys(DEEP)) })).map(([change, value]) => (bag: Bag) => {
          for (const k of change) bag[k] = value;
          return bag;
        }),
      ).map((req) => ({ kind: 'types' as const, req })),
      fc.oneof(
        mutateFields(
          route,
          example,
          auth,
          fc.tuple(someKeys(keys), fc.constantFrom(...EMPTY_VALUES)).map(([change, value]) => (bag: Bag) => {
            for (const k of change) bag[k] = value;
            return bag;
          }),
        ),
        fc.constantFrom(...EMPTY_BODIES).map((body) => build(route, example, hasBody ? method : 'POST', auth, { body, contentType: contentTypeOf(example) })),
      ).map((req) => ({ kind: 'empty' as const, req })),
      fc.tuple(fc.integer({ min: 1, max: setting.bodyLimit }), fc.constantFrom(contentTypeOf(example), 'application/json', 'text/plain', 'application/octet-stream')).map(([extra, ct]) => ({
        kind: 'huge' as const,
        req: build(route, example, hasBody ? method : 'POST', auth, { body: hugeBody(setting.bodyLimit + extra, ct), contentType: ct }),
        expectStatus: 413,
      })),
      fc.oneof(
        mutateFields(
          route,
          example,
          auth,
          fc.tuple(someKeys(keys), nastyString).map(([change, value]) => (bag: Bag) => {
            for (const k of change) bag[k] = value;
            return bag;
          }),
        ),
        // Bytes that are not UTF-8 at all.
        fc.uint8Array({ minLength: 1, maxLength: 32 }).map((bytes) => build(route, example, hasBody ? method : 'POST', auth, { body: Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe, ...bytes]), Buffer.from('"}')]), contentType: contentTypeOf(example) })),
      ).map((req) => ({ kind: 'unicode' as const, req })),
      fc.constantFrom(...ALL_METHODS.filter((m) => !route.methods.includes(m as Route['methods'][number]))).map((m) => ({
        kind: 'method' as const,
        req: build(route, example, m, auth, { body: okBody, contentType: hasBody ? contentTypeOf(example) : undefined }),
      })),
      fc.tuple(fc.integer({ min: 1_000, max: 12_000 }), fc.constantFrom('one', 'many', 'raw')).map(([length, shape]) => ({
        kind: 'long-query' as const,
        req: build(route, example, method, auth, { body: okBody, contentType: hasBody ? contentTypeOf(example) : undefined, rawQuery: longQuery(length, shape, { ...auth.query, ...stringify(example.query ?? {}) }) }),
      })),
      fc.constantFrom('0', '-1', '1.5', 'abc', '999999999999999999999', '%00', '..', ' ', 'x'.repeat(400), '%E0%A4%A', '%F0%9F%98%80', '1e3', '0x41').map((raw) => ({
        kind: 'path-param' as const,
        // Raw: percent sequences go on the wire as written.
        req: { ...build(route, example, method, auth, { body: okBody, contentType: hasBody ? contentTypeOf(example) : undefined }), path: pathWithRawParam(route, raw, { ...auth.query, ...stringify(example.query ?? {}) }) },
      })),
      fc.constantFrom<'missing' | 'wrong' | 'garbage'>('missing', 'wrong', 'garbage').chain((how) =>
        fc.string({ unit: headerChar, maxLength: 60 }).map((garbage) => {
          const creds: Auth =
            how === 'missing' ? { headers: {}, query: {} } : how === 'wrong' ? setting.wrongAuth : { headers: Object.fromEntries(Object.keys({ ...auth.headers, authorization: '' }).map((k) => [k, garbage])), query: Object.fromEntries(Object.keys(auth.query).map((k) => [k, garbage])) };
          return { kind: 'credentials' as const, req: build(route, example, method, creds, { body: okBody, contentType: hasBody ? contentTypeOf(example) : undefined }) };
        }),
      ),
      // Multipart bodies, right and broken: sent to every route (a wrong content type to most).
      fc.tuple(fc.constantFrom(...MULTIPART_SHAPES), fc.nat()).map(([shape, cut]) => {
        const { body, boundary, expectStatus } = multipartBody(shape, cut, setting.bodyLimit);
        // Only a route that reads multipart reads far enough to find the file too large; others refuse the type.
        const takesMultipart = op.body?.content['multipart/form-data'] !== undefined;
        return { kind: 'multipart' as const, req: build(route, example, takesMultipart ? op.method.toUpperCase() : hasBody ? method : 'POST', auth, { body, contentType: `multipart/form-data; boundary=${boundary}` }), expectStatus: takesMultipart ? expectStatus : undefined };
      }),
    ];
    return fc.oneof(...kinds);
  });
}

function hugeBody(size: number, contentType: string): string {
  if (contentType.includes('json')) return `{"pad":"${'я'.repeat(Math.ceil(size / 2))}"}`;
  if (contentType.includes('form')) return `pad=${'x'.repeat(size)}`;
  return 'x'.repeat(size);
}

function longQuery(length: number, shape: string, base: Record<string, string | string[]>): string {
  const prefix = encodeQuery(base) || '?';
  const sep = prefix === '?' ? '' : '&';
  if (shape === 'one') return `${prefix}${sep}q=${'%D1%8F'.repeat(Math.ceil(length / 6))}`;
  if (shape === 'many') return `${prefix}${sep}${Array.from({ length: Math.ceil(length / 6) }, (_, i) => `k${i % 100}=v`).join('&')}`;
  return `${prefix}${sep}${'%%25&=&&=='.repeat(Math.ceil(length / 10))}`;
}

function pathWithRawParam(route: Route, raw: string, query: Record<string, string | string[]>): string {
  const encoded = raw.replace(/[^\x21-\x7e]/g, encodeURIComponent);
  const path = route.template.includes('{') ? route.template.replace(/\{\w+\}/g, encoded) : `${route.template}/${encoded}`;
  return path + encodeQuery(query);
}

export const MULTIPART_SHAPES = ['file', 'truncated', 'no-end', 'bad-part-header', 'fields-only', 'many-fields', 'two-files', 'wrong-boundary', 'oversized-file', 'empty'] as const;

/** A multipart body of one shape; `cut` picks where a truncated one ends. */
export function multipartBody(shape: (typeof MULTIPART_SHAPES)[number], cut: number, bodyLimit: number): { body: Buffer; boundary: string; expectStatus?: number } {
  const boundary = 'sim-boundary-7MA4YWxkTrZu0gW';
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const file = (bytes: string, filename = 'a.wav') => `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: audio/wav\r\n\r\n${bytes}\r\n`;
  const end = `--${boundary}--\r\n`;
  const whole = field('name', 'Звук.wav') + file('RIFF0000WAVE') + end;
  switch (shape) {
    case 'file':
      return { body: Buffer.from(whole), boundary };
    case 'truncated':
      return { body: Buffer.from(whole).subarray(0, 1 + (cut % (Buffer.byteLength(whole) - 1))), boundary };
    case 'no-end':
      return { body: Buffer.from(field('name', 'x') + file('RIFF')), boundary };
    case 'bad-part-header':
      return { body: Buffer.from(`--${boundary}\r\nContent-Disposition garbage\r\n\u0000\r\n\r\nxx\r\n${end}`), boundary };
    case 'fields-only':
      return { body: Buffer.from(field('name', 'x') + end), boundary };
    case 'many-fields':
      return { body: Buffer.from(Array.from({ length: 30 }, (_, i) => field(`f${i}`, 'v')).join('') + file('RIFF') + end), boundary };
    case 'two-files':
      return { body: Buffer.from(file('RIFF', 'a.wav') + file('RIFF', 'b.wav') + end), boundary };
    case 'wrong-boundary':
      return { body: Buffer.from(whole.replaceAll(boundary, 'other-boundary')), boundary };
    case 'oversized-file':
      return { body: Buffer.from(file('x'.repeat(bodyLimit + 10)) + end), boundary, expectStatus: 413 };
    case 'empty':
      return { body: Buffer.alloc(0), boundary };
  }
}
