// `--validate-responses`: every answer of a provider or admin route, and every callback the
// simulator makes, is checked against the OpenAPI document the simulator serves for that
// operation, status and content type. Off by default: then nothing here is loaded or hooked.
// Documents and compiled schemas are shared by every simulator of the process and built on the
// first check, each response schema compiled when first needed.
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import type { FastifyInstance, onSendHookHandler } from 'fastify';
import type { CallbackRequest } from '../core/callbacks.js';
import { isOffContract } from '../core/offContract.js';
import { asArray } from '../core/pipeline.js';
import { buildDocuments, DOCUMENT_SLUGS, type DocumentSlug } from './documents.js';

type Json = Record<string, unknown>;

/** One answer or callback that its document does not describe. */
export interface ResponseMismatch {
  kind: 'response' | 'callback';
  document: DocumentSlug;
  /** The operation (`send`), or the callback's provider document for a callback. */
  operationId: string;
  method: string;
  url: string;
  status?: number;
  contentType?: string;
  errors: string[];
}

/** Every checked answer, for the status coverage of the test suite. */
export interface CheckedResponse {
  document: DocumentSlug;
  operationId: string;
  status: number;
  mismatch?: ResponseMismatch;
}

export type ValidationEvent = { type: 'response'; checked: CheckedResponse } | { type: 'callback'; mismatch?: ResponseMismatch };

const listeners = new Set<(event: ValidationEvent) => void>();

/**
 * Every check of every simulator of this process, as it happens: a test runner's hook that fails
 * the test which caused a mismatch. Returns the function that stops listening.
 */
export function watchValidation(listener: (event: ValidationEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const emit = (event: ValidationEvent) => {
  for (const listener of listeners) listener(event);
};

// ---- documents, operations and compiled schemas (one set per process) ----

export interface Operation {
  document: DocumentSlug;
  operationId: string;
  method: string;
  /** Its path on the simulator, in Fastify's syntax (`/unibell/media/:id`). */
  url: string;
  /** JSON pointer of the operation in its document. */
  pointer: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

interface Catalogue {
  ajv: Ajv2020;
  documents: Record<DocumentSlug, Json>;
  /** `METHOD /normalised/path` -> operation. */
  operations: Map<string, Operation>;
  /** provider slug -> its callbacks and webhooks, by method. */
  callbacks: Map<string, { pointer: string; method: string; name: string }[]>;
  compiled: Map<string, ValidateFunction>;
}

let catalogue: Catalogue | undefined;

/**
 * ajv and ajv-formats, loaded when validation is first wanted: imported dynamically so the bundled
 * CLI does not load them at start-up when the flag is off (esbuild hoists a static package import).
 */
let libraries: { Ajv: typeof Ajv2020; addFormats: (ajv: Ajv2020) => unknown } | undefined;

export async function loadValidationLibraries(): Promise<void> {
  if (libraries) return;
  const [{ Ajv2020: Ajv }, formats] = await Promise.all([import('ajv/dist/2020.js'), import('ajv-formats')]);
  // ajv-formats is CommonJS: under NodeNext its plugin is the `default` of the module object.
  libraries = { Ajv, addFormats: (ajv) => formats.default.default(ajv) };
}

const docId = (slug: DocumentSlug) => `https://provider-sim.local/openapi/${slug}.json`;
const escapePointer = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');

/** Path parameters lose their names, case and trailing slash: Fastify's `/media/:id` is the document's `/media/{id}`. */
export const routeKey = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, ':').replace(/:[A-Za-z_]\w*/g, ':').replace(/\/+$/, '').toLowerCase()}`;

/** The simulator's own mount of a document (a server URL relative to the simulator's root). */
const mountOf = (doc: Json) => {
  const servers = (doc.servers as { url: string; description?: string }[] | undefined) ?? [];
  const own = servers.find((s) => s.url.startsWith('/')) ?? servers.find((s) => s.description === 'provider-sim');
  // A templated absolute URL (`http://{host}/devino/rest`) still ends in the mount.
  return own ? new URL(own.url.replace(/\{[^}]*\}/g, 'x'), 'http://x').pathname.replace(/\/+$/, '') : '';
};

function buildCatalogue(): Catalogue {
  if (!libraries) throw new Error('response validation: call loadValidationLibraries() first');
  const documents = buildDocuments();
  const ajv = new libraries.Ajv({ strict: false, allErrors: false, validateSchema: false });
  libraries.addFormats(ajv);
  ajv.addFormat('binary', true);
  const operations = new Map<string, Operation>();
  const callbacks = new Map<string, { pointer: string; method: string; name: string }[]>();
  for (const slug of DOCUMENT_SLUGS) {
    const doc = documents[slug];
    ajv.addSchema(doc, docId(slug));
    const mount = mountOf(doc);
    const found: { pointer: string; method: string; name: string }[] = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      for (const [method, op] of Object.entries(item)) {
        const pointer = `/paths/${escapePointer(path)}/${method}`;
        operations.set(routeKey(method, mount + path), {
          document: slug,
          operationId: String(op.operationId),
          method: method.toUpperCase(),
          url: (mount + path).replace(/\{([^}]+)\}/g, ':$1'),
          pointer,
          responses: op.responses as Operation['responses'],
        });
        for (const [name, expressions] of Object.entries((op.callbacks as Record<string, Record<string, Json>>) ?? {})) {
          for (const [expression, cbItem] of Object.entries(expressions)) {
            for (const cbMethod of Object.keys(cbItem)) found.push({ pointer: `${pointer}/callbacks/${escapePointer(name)}/${escapePointer(expression)}/${cbMethod}`, method: cbMethod, name });
          }
        }
      }
    }
    for (const [name, item] of Object.entries((doc.webhooks as Record<string, Json>) ?? {})) {
      for (const method of Object.keys(item)) found.push({ pointer: `/webhooks/${escapePointer(name)}/${method}`, method, name });
    }
    callbacks.set(slug, found);
  }
  return { ajv, documents, operations, callbacks, compiled: new Map() };
}

const getCatalogue = () => (catalogue ??= buildCatalogue());

function validatorAt(c: Catalogue, slug: DocumentSlug, pointer: string): ValidateFunction {
  const ref = `${docId(slug)}#${pointer}`;
  let fn = c.compiled.get(ref);
  if (!fn) {
    fn = c.ajv.compile({ $ref: ref });
    c.compiled.set(ref, fn);
  }
  return fn;
}

const describeErrors = (fn: ValidateFunction) => (fn.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '(body)'} ${e.message ?? 'is invalid'}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);

const mediaType = (header: unknown) => (typeof header === 'string' ? header.split(';')[0].trim().toLowerCase() : undefined);

/** The documented media type an answer's content type falls under (`audio/*` covers `audio/wav`). */
function documentedType(documented: readonly string[], actual: string | undefined): string | undefined {
  if (!actual) return documented.length === 1 ? documented[0] : undefined;
  return documented.find((t) => t === actual) ?? documented.find((t) => t === `${actual.split('/')[0]}/*` || t === '*/*');
}

const isJsonType = (type: string) => type === 'application/json' || type.endsWith('+json');

type Payload = string | Buffer | null | undefined | { pipe: unknown };

/** What is wrong with an answer, by its operation's document; empty when nothing is. */
export function responseErrors(op: Operation, status: number, contentType: string | undefined, payload: Payload): string[] {
  const c = getCatalogue();
  const documented = op.responses[String(status)];
  if (!documented) return [`status ${status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`];
  const empty = payload === null || payload === undefined || (typeof payload === 'string' || Buffer.isBuffer(payload) ? payload.length === 0 : false);
  const types = Object.keys(documented.content ?? {});
  if (types.length === 0) return empty ? [] : [`a ${contentType ?? 'body'} answer, but the document gives status ${status} no content`];
  const type = documentedType(types, contentType);
  if (!type) return [`content type ${contentType ?? '(none)'} is not documented for status ${status} (documented: ${types.join(', ')})`];
  // A stream (the event stream, a file) is checked by its type only.
  if (payload !== null && typeof payload === 'object' && !Buffer.isBuffer(payload)) return [];
  let value: unknown = Buffer.isBuffer(payload) ? payload.toString('utf8') : (payload ?? '');
  const validate = validatorAt(c, op.document, `${op.pointer}/responses/${status}/content/${escapePointer(type)}/schema`);
  if (Buffer.isBuffer(payload) && !isJsonType(type)) value = '';
  if (isJsonType(type)) {
    try {
      value = JSON.parse(value as string);
    } catch {
      return [`the body is not JSON: ${String(value).slice(0, 80)}`];
    }
  }
  return validate(value) ? [] : describeErrors(validate);
}

// ---- per simulator ----

export interface ResponseValidator {
  /** Mismatches since start (or the last `clear`), oldest first. */
  mismatches(): readonly ResponseMismatch[];
  clear(): void;
  /** Checks a callback before it is sent (the dispatcher calls it). */
  checkCallback(req: CallbackRequest): void;
}

export interface ValidationOptions {
  /** Answers 401 when a request lacks the admin token (the admin document describes them). */
  adminToken?: string;
  log: { error(obj: object, msg: string): void };
}

const MAX_KEPT = 1000;

export function createResponseValidator(options: ValidationOptions): ResponseValidator & { install(app: FastifyInstance): void } {
  const found: ResponseMismatch[] = [];
  const record = (mismatch: ResponseMismatch) => {
    if (found.length >= MAX_KEPT) found.shift();
    found.push(mismatch);
    options.log.error({ mismatch }, `${mismatch.kind === 'callback' ? 'callback' : 'answer'} does not match the OpenAPI document: ${mismatch.document} ${mismatch.operationId} ${mismatch.status ?? ''} ${mismatch.errors.join('; ')}`);
  };

  /** One hook per route; a route may serve several methods (Devino's take any), each its own operation or none. */
  const hookFor = (url: string): onSendHookHandler => {
    const byMethod = new Map<string, Operation | null>();
    return (request, reply, payload, done) => {
      let op = byMethod.get(request.method);
      if (op === undefined) byMethod.set(request.method, (op = getCatalogue().operations.get(routeKey(request.method, url)) ?? null));
      if (!op || isOffContract(reply)) return done(null, payload);
      const status = reply.statusCode;
      // Before the admin-token documents list their 401, an answer for want of the token is the token hook's, not the route's.
      if (status === 401 && options.adminToken && op.document === 'admin' && !op.responses['401']) return done(null, payload);
      const contentType = mediaType(reply.getHeader('content-type'));
      const errors = safely(() => responseErrors(op as Operation, status, contentType, payload as Payload));
      const mismatch: ResponseMismatch | undefined = errors.length
        ? { kind: 'response', document: op.document, operationId: op.operationId, method: request.method, url: request.url, status, contentType, errors }
        : undefined;
      if (mismatch) record(mismatch);
      emit({ type: 'response', checked: { document: op.document, operationId: op.operationId, status, mismatch } });
      done(null, payload);
    };
  };

  return {
    install(app) {
      app.addHook('onRoute', (route) => {
        // Fastify's own HEAD twin of a GET route answers no body to check.
        if (asArray(route.method).every((m) => m === 'HEAD')) return;
        route.onSend = [...asArray(route.onSend), hookFor(route.url)];
      });
    },
    mismatches: () => [...found],
    clear: () => void found.splice(0),
    checkCallback(req) {
      if (!(DOCUMENT_SLUGS as readonly string[]).includes(req.provider)) return;
      const slug = req.provider as DocumentSlug;
      const c = getCatalogue();
      const candidates = (c.callbacks.get(slug) ?? []).filter((cb) => cb.method === req.method.toLowerCase());
      const errors: string[] = [];
      for (const cb of candidates) {
        const problems = safely(() => callbackErrors(c, slug, cb.pointer, req));
        if (problems.length === 0) return emit({ type: 'callback' });
        errors.push(`${cb.name}: ${problems.join('; ')}`);
      }
      if (candidates.length === 0) errors.push(`the ${slug} document describes no ${req.method} callback`);
      const mismatch: ResponseMismatch = { kind: 'callback', document: slug, operationId: candidates.map((cb) => cb.name).join('|') || '(none)', method: req.method, url: req.url, errors };
      record(mismatch);
      emit({ type: 'callback', mismatch });
    },
  };
}

/** A check that fails to run (a schema ajv cannot compile) is a mismatch to report, never a failed answer or a lost callback. */
function safely(check: () => string[]): string[] {
  try {
    return check();
  } catch (err) {
    return [`the check itself failed: ${(err as Error).message}`];
  }
}

function callbackErrors(c: Catalogue, slug: DocumentSlug, pointer: string, req: CallbackRequest): string[] {
  const op = resolvePointer(c, slug, pointer);
  const errors: string[] = [];
  const params = (op.parameters as { name: string; in: string; required?: boolean }[] | undefined) ?? [];
  params.forEach((p, i) => {
    if (p.in !== 'query') return;
    const value = req.query?.[p.name];
    if (value === undefined) {
      if (p.required) errors.push(`query ${p.name} is required`);
      return;
    }
    const validate = validatorAt(c, slug, `${pointer}/parameters/${i}/schema`);
    // On the wire a query value is text, whatever type the provider code held it in.
    if (!validate(String(value))) errors.push(`query ${p.name}: ${describeErrors(validate).join(', ')}`);
  });
  const body = (op.requestBody as { content?: Record<string, unknown> } | undefined)?.content;
  if (body?.['application/json']) {
    const validate = validatorAt(c, slug, `${pointer}/requestBody/content/application~1json/schema`);
    if (!validate(req.json)) errors.push(...describeErrors(validate));
  } else if (req.json !== undefined) errors.push('a JSON body the document does not describe');
  return errors;
}

function resolvePointer(c: Catalogue, slug: DocumentSlug, pointer: string): Json {
  let node: unknown = c.documents[slug];
  for (const part of pointer.split('/').slice(1)) node = (node as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return node as Json;
}

// ---- for tests and tools: an operation by its id, and what its document says of a body ----

/** Every documented operation as the route that serves it (Fastify's `:param` syntax), to check each is served. */
export const documentedRoutes = (): { document: DocumentSlug; operationId: string; method: string; url: string }[] =>
  [...getCatalogue().operations.values()].map((op) => ({ document: op.document, operationId: op.operationId, method: op.method, url: op.url }));

export function findOperation(document: DocumentSlug, operationId: string): Operation | undefined {
  for (const op of getCatalogue().operations.values()) if (op.document === document && op.operationId === operationId) return op;
  return undefined;
}

/** What is wrong with a request body by the operation's documented request schema; empty when nothing is. */
export function requestErrors(document: DocumentSlug, operationId: string, body: unknown, type = 'application/json'): string[] {
  const op = findOperation(document, operationId);
  if (!op) return [`no operation ${document} ${operationId}`];
  const validate = validatorAt(getCatalogue(), document, `${op.pointer}/requestBody/content/${escapePointer(type)}/schema`);
  return validate(body) ? [] : describeErrors(validate);
}
