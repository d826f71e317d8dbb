// The provider request pipeline: every request to a provider route takes this path, in this order.
// Read it top to bottom; docs/architecture.md ("The request path") tells the same story with a diagram.
//
//   1. parse     the provider's body policy reads the body (its own content-type parsers; Fastify
//                runs them in the provider's plugin scope)                  -> providerScope()
//   2. route     Fastify finds the route; its config names provider and operation; no route at all
//                is the provider's not-found envelope                       -> providerScope()
//   3. facts     account, numbers, operation and input, read once per request, only when something
//                asks for them (the scenario step)                          -> factsOf()
//   4. scenario  only with an X-Sim-Scenario header or a globally active request rule: the step
//                (implemented in scenarios/, core only knows the interface) answers by itself (an
//                error, a fault, a bad header) or runs the handler in the request's scope, maybe late
//                                                                            -> installPipeline()
//   5. handler   authenticates, validates, answers                          (the provider's route)
//   6. errors    anything thrown or refused by Fastify, in the provider's envelope: its own errors
//                as they are, 4xx/413/415 its way, 500 logged              -> providerScope()
//   7. journal   one entry per request, written in one place: onSend once the answer is final, or
//                by the scenario step for a fault that sends no answer     -> journalEntry()
//
// Speed: the common request (no header, no active request rule) goes from Fastify's router straight
// to the handler: no hook runner, no facts, nothing allocated; see docs/performance.md.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
import type { ProviderInstance, RenderedError, SimContext } from './context.js';
import { BODY_LIMIT, journalBody } from './journal.js';
import { redactUrl } from './logRedaction.js';
import { subscriberKey } from './phone.js';

// ---------------------------------------------------------------------------------------------
// 1, 2 and 6: what a provider declares, installed in its plugin scope.

/** What a body parser calls with the parsed body, or with an error for step 6. */
export type BodyDone = (err: Error | null, body?: unknown) => void;

/** How a provider reads request bodies (step 1). */
export interface BodyPolicy {
  /** The app-wide parsers it drops in its scope: all of them, or those of the content types it reads its own way. */
  replaces: 'all' | readonly string[];
  /** Its own parsers, each given the body as text; `*` for every content type no other parser takes. */
  parsers: readonly { types: string | string[]; parse: (request: FastifyRequest, text: string, done: BodyDone) => void }[];
}

/** How a provider answers what its handlers do not (step 6). */
export interface ErrorEnvelope {
  /** The provider's own error, as its handler threw it; undefined for any other error. */
  own(err: unknown): RenderedError | undefined;
  /** Anything else: Fastify's 4xx (a body its parser refused, 413 too large, 415), or a failure (500, logged). */
  framework(err: FastifyError, request: FastifyRequest): RenderedError;
  /** No route for the path (or the method). */
  notFound(request: FastifyRequest): RenderedError;
}

export interface ProviderRequestPolicy {
  slug: string;
  bodies: BodyPolicy;
  envelope: ErrorEnvelope;
}

const sendRendered = (reply: FastifyReply, r: RenderedError) => {
  reply.code(r.status);
  if (r.headers) void reply.headers(r.headers);
  return reply.send(r.body);
};

/** Steps 1, 2 and 6 for one provider: call it first in the provider's plugin (its scope, its prefix). */
export function providerScope(app: FastifyInstance, policy: ProviderRequestPolicy) {
  const { bodies, envelope } = policy;
  if (bodies.replaces === 'all') app.removeAllContentTypeParsers();
  else if (bodies.replaces.length > 0) app.removeContentTypeParser([...bodies.replaces]);
  for (const { types, parse } of bodies.parsers) {
    app.addContentTypeParser(types, { parseAs: 'string' }, (request, body, done) => parse(request, body as string, done));
  }
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const own = envelope.own(err);
    if (own) return sendRendered(reply, own);
    const rendered = envelope.framework(err, request);
    if (rendered.status >= 500) request.log.error({ err }, `${policy.slug} request failed`);
    return sendRendered(reply, rendered);
  });
  app.setNotFoundHandler((request, reply) => sendRendered(reply, envelope.notFound(request)));
}

// ---------------------------------------------------------------------------------------------
// 3: the facts of a request.

/** What the scenario engine sees of a request (msw's "predicate" input): read once, shared. */
export interface RequestFacts {
  provider: string;
  operation?: string;
  method: string;
  account?: string;
  /** Subscriber numbers, as the provider reads them (the engine compares them in subscriber form). */
  numbers: readonly string[];
  /** Query and body merged (body wins), for `match.body`. */
  input: unknown;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's facts, once read (step 3). */
    simFacts: RequestFacts | undefined;
  }
}

const NUMBER_KEY = /^(destination\w*|dest_?addr|number|numbers|phone|phones|msisdn|to|recipients?|subscribers?)$/i;

/** For providers without a `numbers` reader: values of number-like fields anywhere in the input. */
export function scanNumbers(input: unknown, out: string[] = [], key = ''): string[] {
  if (Array.isArray(input)) for (const v of input) scanNumbers(v, out, key);
  else if (input && typeof input === 'object') for (const [k, v] of Object.entries(input)) scanNumbers(v, out, NUMBER_KEY.test(k.replace(/\[\d*\]$/, '')) ? k : '');
  else if (key && (typeof input === 'string' || typeof input === 'number')) {
    const digits = subscriberKey(String(input));
    if (digits.length >= 10 && digits.length <= 15) out.push(digits);
  }
  return out;
}

function mergedInput(request: FastifyRequest): unknown {
  const query = request.query && typeof request.query === 'object' ? request.query : {};
  const body = request.body;
  if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) return { ...query, ...body };
  return query;
}

/** The request's facts, read on first use with the provider's own readers (side-effect free) and kept on the request. */
export function factsOf(request: FastifyRequest, provider: ProviderInstance, operation: string | undefined): RequestFacts {
  if (request.simFacts) return request.simFacts;
  const input = mergedInput(request);
  const facts: RequestFacts = {
    provider: provider.definition.slug,
    operation,
    method: request.method,
    account: provider.identify?.(request),
    numbers: provider.numbers ? provider.numbers(request) : scanNumbers(input),
    input,
  };
  request.simFacts = facts;
  return facts;
}

// ---------------------------------------------------------------------------------------------
// 4: the scenario step (an interface here; scenarios/ implements it).

/** Runs the rest of the pipeline (the handler), or fails it with an error for step 6. */
export type Next = (err?: Error) => void;

export interface ScenarioStep {
  /** Whether a request must pass the step; asked per request, so it must be cheap. */
  wants(request: FastifyRequest): boolean;
  /**
   * Asks the scenarios about the request, then either answers it (and journals a fault that sends
   * nothing with `journal`) or calls `next` to run the handler in the request's scenario scope.
   */
  run(request: FastifyRequest, reply: FastifyReply, facts: () => RequestFacts, next: Next, journal: (note: string) => void): void;
}

/** A route's hooks as one list (Fastify takes a function or an array). */
export const asArray = <T>(hooks: T | T[] | undefined): T[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);

/**
 * Sends what a handler returns, as Fastify does with a route handler's result: needed when the
 * handler runs after the step (maybe after a delay) rather than as the route's own handler.
 */
function answer(reply: FastifyReply, run: () => unknown) {
  let result: unknown;
  try {
    result = run();
  } catch (err) {
    return void reply.send(err as Error);
  }
  if (result === reply || result === undefined) return;
  if (result instanceof Promise) {
    result.then(
      (value: unknown) => {
        if (value !== undefined && value !== reply && !reply.sent) void reply.send(value);
      },
      (err: Error) => void reply.send(err),
    );
  } else if (!reply.sent) void reply.send(result);
}

// ---------------------------------------------------------------------------------------------
// 7: the journal entry.

/** Where a request went: known once per route (`request.routeOptions` builds a new object on every read). */
interface RouteFacts {
  provider: string;
  operation: string | undefined;
}

/** The one journal entry of a request: `status` 0 and a note for a fault that sent no answer. */
function journalEntry(ctx: SimContext, route: RouteFacts, request: FastifyRequest, reply: FastifyReply, status: number, response: string | undefined) {
  const { provider, operation } = route;
  ctx.journal.record({
    at: ctx.clock.now(),
    method: request.method,
    url: redactUrl(request.url),
    provider,
    operation,
    account: request.simAccount,
    status,
    durationMs: Math.round(reply.elapsedTime * 100) / 100,
    body: journalBody(request.headers['content-length'], request.body),
    response,
    headers: request.headers,
  });
}

// ---------------------------------------------------------------------------------------------
// The pipeline on every provider route (one with `config.provider`): steps 3, 4 and 7.

export interface PipelineOptions {
  providers: readonly ProviderInstance[];
  scenario: ScenarioStep;
  /** The request log line, when it is on (decided once, not per request). */
  logRequest?: (request: FastifyRequest, reply: FastifyReply, provider: string, operation: string | undefined) => void;
}

export function installPipeline(app: FastifyInstance, ctx: SimContext, options: PipelineOptions) {
  const bySlug = new Map(options.providers.map((p) => [p.definition.slug, p]));
  const { scenario, logRequest } = options;
  app.decorateRequest('simFacts', undefined);
  // Provider routes only: other routes (admin, docs, UI) pay nothing, and the provider and operation
  // are known once per route instead of read per request.
  app.addHook('onRoute', (route) => {
    const slug = route.config?.provider;
    const provider = slug === undefined ? undefined : bySlug.get(slug);
    if (!provider) return;
    const where: RouteFacts = { provider: provider.definition.slug, operation: route.config?.operation };

    // 7: one route-level onSend hook, last before the answer is written, when status and text are
    // final; callback style, as an async hook costs a promise per request.
    const journal: onSendHookHandler = (request, reply, payload, done) => {
      logRequest?.(request, reply, where.provider, where.operation);
      const response = typeof payload === 'string' && payload.length <= BODY_LIMIT ? payload : undefined;
      journalEntry(ctx, where, request, reply, reply.statusCode, response);
      done(null, payload);
    };
    route.onSend = [...asArray(route.onSend), journal];

    // 4 then 5: the step is asked inside the route's handler rather than by a preHandler hook, so
    // the common request goes straight to the handler without Fastify's hook runner.
    const handler = route.handler;
    route.handler = function providerRequest(this: FastifyInstance, request, reply) {
      if (!scenario.wants(request)) return handler.call(this, request, reply);
      scenario.run(
        request,
        reply,
        () => factsOf(request, provider, where.operation),
        (err) => (err ? void reply.send(err) : answer(reply, () => handler.call(this, request, reply))),
        (note) => journalEntry(ctx, where, request, reply, 0, `(${note})`),
      );
      return reply;
    };
  });
}
