// The scenario engine as the simulator builds it from its configuration.
import type { CallbackEffect, CallbackRequest } from '../core/callbacks.js';
import type { Config } from '../core/config.js';
import type { ProviderDefinition } from '../core/context.js';
import { createScenarioEngine, type ScenarioEngine } from './engine.js';
import { readScenarioDir } from './loader.js';

export { createScenarioEngine, MAX_SCOPE_ID_LENGTH, ScenarioHeaderError, UnknownScenarioError, type ScenarioEngine, type OutcomeOverride } from './engine.js';
export { ScenarioError } from './loader.js';
export { createScenarioStep, SCENARIO_HEADER } from './step.js';
export { outsideScopes, scopedClock } from './scope.js';
export { watchScenarios } from './watch.js';

export const scenarioNames = (list: string | undefined) =>
  (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Loads the scenario directory and activates `--scenario`; an invalid file or unknown name throws (the server does not start). */
export function scenariosFromConfig(config: Config, providers: readonly ProviderDefinition[], logger: ScenarioLogger): ScenarioEngine {
  const scenarios = readScenarioDir(config.scenarios, new Map(providers.map((p) => [p.slug, p])));
  return createScenarioEngine({ providers, seed: config.seed, scenarios, initial: scenarioNames(config.scenario), logger });
}

interface ScenarioLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/** The callback dispatcher's view of the engine. */
export function callbackEffects(engine: () => ScenarioEngine | undefined) {
  return (req: CallbackRequest): CallbackEffect | undefined =>
    engine()?.callback({ provider: req.provider, account: req.account, url: req.url, body: req.json ?? req.query, subject: req.subject });
}
