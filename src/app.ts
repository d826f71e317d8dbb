// buildSimulator(config): the core services, the providers and the admin API in one Fastify app.
import { parse as parseQuery } from 'node:querystring';
import Fastify, { LogController, type FastifyInstance, type onSendHookHandler } from 'fastify';
import { adminPlugin } from './admin/index.js';
import { installAdminToken } from './admin/token.js';
import { createAccounts } from './core/accounts.js';
import { createCallbackDispatcher } from './core/callbacks.js';
import { createClock, parseClockMode } from './core/clock.js';
import { ConfigSchema, type Config, type ConfigInput } from './core/config.js';
import type { ProviderDefinition, SimContext } from './core/context.js';
import { createEventBus } from './core/events.js';
import { createHostRewriter } from './core/hostRouting.js';
import { BODY_LIMIT, createJournal } from './core/journal.js';
import { loadNumbering } from './core/phone.js';
import { createRandom } from './core/random.js';
import { createStore } from './core/store.js';
import { openapiDocs } from './openapi/plugin.js';
import { providers as allProviders } from './providers/index.js';
import { asArray } from './scenarios/hooks.js';
import { callbackEffects, installScenarioHooks, outsideScopes, scenariosFromConfig, scopedClock, watchFiles } from './scenarios/index.js';
import { uiPlugin } from './ui/index.js';

const noJsonSchemas = () => () => {
  throw new Error('provider-sim routes validate with zod: a route declared a JSON schema');
};

export interface Simulator {
  app: FastifyInstance;
  ctx: SimContext;
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
  providers?: readonly ProviderDefinition[];
}

interface CoreSlice {
  randomCounter: number;
  clockNow?: number;
}

export async function buildSimulator(input: ConfigInput | Config = {}, options: BuildOptions = {}): Promise<Simulator> {
  const config = ConfigSchema.parse(input);
  const providers = options.providers ?? allProviders;
  const clockMode = parseClockMode(config.clock) ?? { mode: 'real' as const, factor: 1 };
  const verbose = config.logLevel === 'debug' || config.logLevel === 'trace';

  const app = Fastify({
    logger: config.pretty
      ? { level: config.logLevel, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } }
      : { level: config.logLevel },
    logController: new LogController({ disableRequestLogging: !verbose }),
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
      inspect: validation ? (req) => validation.checkCallback(req) : undefined,
    }),
    numbering: loadNumbering(config.fixtures),
    logger: app.log,
    scenarios,
    onReset: (listener) => resetListeners.push(listener),
    ...(validation ? { responseValidation: validation } : {}),
  };

  app.decorateRequest('simAccount', undefined);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, parseQuery(body as string));
  });
  // The journal: one route-level hook on provider routes only (other routes pay nothing), with the
  // provider and operation fixed per route. It runs last before the answer is written, when status
  // and text are final; callback style, as an async hook costs a promise per request.
  app.addHook('onRoute', (route) => {
    const provider = route.config?.provider;
    if (!provider) return;
    const operation = route.config?.operation;
    const journal: onSendHookHandler = (request, reply, payload, done) => {
      const length = Number(request.headers['content-length'] ?? 0);
      ctx.journal.record({
        at: clock.now(),
        method: request.method,
        url: request.url,
        provider,
        operation,
        account: request.simAccount,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
        body: length > BODY_LIMIT ? { omitted: `${length} bytes` } : request.body,
        response: typeof payload === 'string' && payload.length <= BODY_LIMIT ? payload : undefined,
      });
      done(null, payload);
    };
    route.onSend = [...asArray(route.onSend), journal];
  });

  const simulator: Simulator = {
    app,
    ctx,
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
  installAdminToken(app, config.adminToken);
  installScenarioHooks(app, ctx, scenarios, providers);
  await app.register(adminPlugin, { simulator, providers });
  await app.register(openapiDocs);
  await app.register(uiPlugin);
  for (const provider of providers) {
    await app.register(async (scope) => provider.plugin(scope, ctx), { prefix: provider.prefix });
    const admin = provider.admin;
    if (admin) await app.register(async (scope) => admin(scope, ctx), { prefix: `/_sim/${provider.slug}` });
  }

  const watchers = watchFiles(ctx, scenarios, { scenarios: config.scenarios, fixtures: config.fixtures });
  app.addHook('onClose', async () => {
    watchers.close();
    clock.close();
    await ctx.callbacks.close();
    await store.close();
  });
  return simulator;
}
