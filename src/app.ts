// buildSimulator(config): the core services, the providers and the admin API in one Fastify app.
import { parse as parseQuery } from 'node:querystring';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { z } from 'zod';
import { adminPlugin } from './admin/index.js';
import { installAdminGuard } from './admin/guard.js';
import { createAccounts } from './core/accounts.js';
import { createCallbackTargetPolicy, parseAllowList } from './core/callbackTarget.js';
import { createCallbackDispatcher } from './core/callbacks.js';
import { clockTimeProblem, createClock, parseClockMode } from './core/clock.js';
import { ConfigSchema, type Config, type ConfigInput } from './core/config.js';
import type { ProviderDefinition, ProviderInstance, SimContext } from './core/context.js';
import { createEventBus } from './core/events.js';
import { describeZodError } from './core/fixtures.js';
import { createHostRewriter } from './core/hostRouting.js';
import { createLiveFixtures } from './core/liveFixtures.js';
import { RedactingLogController, serializeRequest } from './core/logRedaction.js';
import { createJournal } from './core/journal.js';
import { loadNumbering } from './core/phone.js';
import { createRandom } from './core/random.js';
import { createStore } from './core/store.js';
import { openapiDocs } from './openapi/plugin.js';
import type { ResponseValidator } from './openapi/responseValidation.js';
import { providers as allProviders } from './providers/index.js';
import { installPipeline } from './core/pipeline.js';
import { callbackEffects, createScenarioStep, outsideScopes, scenariosFromConfig, scopedClock, watchScenarios, type ScenarioEngine } from './scenarios/index.js';
import { uiPlugin } from './ui/index.js';

const noJsonSchemas = () => () => {
  throw new Error('provider-sim routes validate with zod: a route declared a JSON schema');
};

/** One line per provider request: readable with --pretty, fields otherwise. */
function logRequest(log: FastifyBaseLogger, pretty: boolean, provider: string, operation: string | undefined, account: string | undefined, reply: FastifyReply) {
  const rule = reply.getHeader('x-sim-rule') as string | undefined;
  const ms = Math.round(reply.elapsedTime * 10) / 10;
  if (pretty) {
    log.info(`${provider} ${operation ?? reply.request.url} account=${account ?? '-'} → ${reply.statusCode} in ${ms} ms${rule ? ` (scenario ${rule})` : ''}`);
  } else {
    log.info({ provider, operation, account, status: reply.statusCode, ms, ...(rule ? { rule } : {}) }, 'provider request');
  }
}

export interface Simulator {
  app: FastifyInstance;
  ctx: SimContext;
  /** Each provider's part of this simulator, in registry order. */
  providers: readonly ProviderInstance[];
  /** The scenarios known and active (providers see only its outcome question, as `ctx.scenarios`). */
  scenarios: ScenarioEngine;
  /** With `--validate-responses`: the answers and callbacks that did not match their OpenAPI document. */
  responseValidation?: ResponseValidator;
  /** Back to the fixtures: state, balances, clock timers, journal, callbacks, generator. */
  reset(): void;
  close(): Promise<void>;
}

async function responseValidator(config: Config, log: FastifyInstance['log']) {
  const module = await import('./openapi/responseValidation.js');
  await module.loadValidationLibraries();
  return module.createResponseValidator({ adminToken: config.adminToken, log });
}

export interface BuildOptions {
  /** The providers served (default: the registry, providers/index.ts). */
  providers?: readonly ProviderDefinition[];
}

/** How long a closing simulator lets requests in flight finish before it ends every connection. */
const CLOSE_GRACE_MS = 2_000;

/** The generator's position and the clock's time, as the data file holds them. A clock outside its limits is a damaged file, reported at start. */
const CoreSlice = z.object({
  randomCounter: z.number().int().min(0),
  clockNow: z
    .number()
    .superRefine((ms, c) => {
      const problem = clockTimeProblem(ms);
      if (problem) c.addIssue({ code: 'custom', message: `${ms}: ${problem}` });
    })
    .optional(),
});
type CoreSlice = z.infer<typeof CoreSlice>;

export async function buildSimulator(input: ConfigInput | Config = {}, options: BuildOptions = {}): Promise<Simulator> {
  const config = ConfigSchema.parse(input);
  const providers = options.providers ?? allProviders;
  const clockMode = parseClockMode(config.clock) ?? { mode: 'real' as const, factor: 1 };
  const verbose = config.logLevel === 'debug' || config.logLevel === 'trace';

  // A request's URL is logged with its `token` query parameter masked (the UI's `?token=` link).
  const serializers = { req: serializeRequest };
  const app = Fastify({
    logger: config.pretty
      ? { level: config.logLevel, serializers, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } }
      : { level: config.logLevel, serializers },
    logController: new RedactingLogController({ disableRequestLogging: !verbose }),
    // A pino child per request is measurable on the hot path; below debug level nothing logs per request.
    childLoggerFactory: verbose ? undefined : (logger) => logger,
    bodyLimit: config.bodyLimit,
    // Node's 16 KiB header cap bounds a path first, so no path parameter ever gets Fastify's own 414.
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 16_384 },
    rewriteUrl: createHostRewriter(providers),
    // Provider errors are rendered by each provider's own handler; nothing else sets these.
    return503OnClosing: false,
    // Inputs are validated with zod in the handlers and no route declares a JSON schema, so Fastify's
    // ajv and fast-json-stringify compilers would only slow the start-up down.
    schemaController: { compilersFactory: { buildValidator: noJsonSchemas, buildSerializer: noJsonSchemas } },
  });

  const store = await createStore({
    file: config.data,
    debounceMs: config.persistDebounceMs,
    onWriteError: (err) => app.log.error({ err, file: config.data }, 'writing the data file failed; will retry'),
  });
  const random = createRandom(config.seed);
  const clock = scopedClock(
    createClock({ mode: clockMode.mode, factor: clockMode.factor, onError: (err) => app.log.error({ err }, 'clock timer failed'), runTimers: outsideScopes }),
  );
  const core = store.slice<CoreSlice>('core', {
    init: () => ({ randomCounter: 0 }),
    load(json) {
      const parsed = CoreSlice.safeParse(json);
      if (!parsed.success) throw new Error(describeZodError(parsed.error));
      return parsed.data;
    },
    save: () => ({ randomCounter: random.counter, clockNow: clock.now() }),
    // Nothing calls `changed()` for these: they move with every id drawn and every clock step.
    always: true,
  });
  random.counter = core.state.randomCounter;
  // A frozen or sped-up clock resumes where it stopped; a real one follows the wall clock.
  if (clockMode.mode !== 'real' && core.state.clockNow) clock.set(core.state.clockNow);

  const events = createEventBus((err) => app.log.error({ err }, 'event listener failed'));
  // A clock moved with nothing due changes no record: its position is written all the same.
  events.on('clock.changed', () => core.changed());
  const scenarios = scenariosFromConfig(config, providers, app.log);
  const resetListeners: (() => void)[] = [];
  // Loaded only with the flag: without it no module, no hook, nothing on the hot path.
  const validation = config.validateResponses ? await responseValidator(config, app.log) : undefined;
  const ctx: SimContext = {
    config,
    clock,
    random,
    store,
    accounts: createAccounts(store),
    events,
    journal: createJournal(config.journalSize),
    callbacks: createCallbackDispatcher({
      clock,
      events,
      nextId: () => `cb-${random.hex(12).toLowerCase()}`,
      logger: app.log,
      timeoutMs: config.callbackTimeoutMs,
      effects: callbackEffects(() => scenarios),
      target: createCallbackTargetPolicy({
        allow: config.callbackAllow === undefined ? undefined : parseAllowList(config.callbackAllow),
        // Every address and port the server listens on (none before listen: app.inject reaches no socket).
        listening: () => (app.server.listening ? app.addresses().flatMap((a) => (typeof a === 'string' ? [] : [{ address: a.address, port: a.port }])) : []),
      }),
      inspect: validation ? (req) => validation.checkCallback(req) : undefined,
    }),
    numbering: loadNumbering(config.fixtures),
    fixtures: createLiveFixtures(config.fixtures, app.log),
    logger: app.log,
    scenarios,
    onReset: (listener) => resetListeners.push(listener),
  };
  // Each provider's part of this simulator: fixtures loaded, store slices registered, lifecycles made.
  const instances = providers.map((p) => p.create(ctx));

  app.decorateRequest('simAccount', undefined);
  // An empty body with a JSON Content-Type is no body (`curl -X DELETE -H 'content-type: application/json'`),
  // for every route that takes none; anything else goes to Fastify's own parser (which refuses __proto__).
  const defaultJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if ((body as string).trim() === '') return done(null, undefined);
    defaultJson(request, body as string, done);
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    // maxKeys 0: every field is read (node's default stops at 1,000 and drops the rest silently);
    // the body limit bounds how many there can be.
    done(null, parseQuery(body as string, undefined, undefined, { maxKeys: 0 }));
  });
  // The request log line: whether it is on is decided once, so with it off (or below info level) a
  // request pays nothing for it.
  const logRequests = config.requestLog === 'on' && ['info', 'debug', 'trace'].includes(config.logLevel);

  const simulator: Simulator = {
    app,
    ctx,
    providers: instances,
    scenarios,
    ...(validation ? { responseValidation: validation } : {}),
    reset() {
      clock.clearTimers();
      ctx.callbacks.clear();
      store.reset();
      random.reseed(config.seed);
      ctx.journal.clear();
      scenarios.reset();
      for (const listener of resetListeners) listener();
      events.emit('sim.reset', { at: clock.now() });
    },
    async close() {
      await app.close();
    },
  };

  validation?.install(app);
  const guard = installAdminGuard(app, config.adminToken);
  // Every provider request's path (body, route, facts, scenario step, handler, error envelope, journal): core/pipeline.ts.
  const scenarioStep = createScenarioStep(scenarios, providers);
  installPipeline(app, ctx, {
    providers: instances,
    scenario: scenarioStep,
    logRequest: logRequests ? (request, reply, provider, operation) => logRequest(app.log, config.pretty, provider, operation, request.simAccount, reply) : undefined,
  });
  app.addHook('preClose', (done) => {
    scenarioStep.close();
    // Node's close ends idle keep-alive connections but waits for ever on one that never sent a
    // request (a browser's preconnected socket): past a grace for requests in flight, all end.
    const server = app.server;
    const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
    server.once('close', () => clearTimeout(cut));
    done();
  });
  await app.register(adminPlugin, { simulator, guard });
  await app.register(openapiDocs, { providers });
  await app.register(uiPlugin, { providers });
  for (const provider of instances) {
    const { prefix, slug } = provider.definition;
    await app.register(async (scope) => provider.plugin(scope), { prefix });
    const admin = provider.admin;
    if (admin) await app.register(async (scope) => admin(scope), { prefix: `/_sim/${slug}` });
  }

  const watchers = [watchScenarios(scenarios, config.scenarios, app.log), ctx.fixtures.watch()];
  app.addHook('onClose', async () => {
    for (const w of watchers) w.close();
    clock.close();
    await ctx.callbacks.close();
    await store.close();
  });
  return simulator;
}
