// The counters (`after`, `times`) and seeded generators (`probability`, ranges) of scenario rules,
// kept per scope: the global activation; header use without a scope id (one set shared by every
// such request); and each scope id a test sends (`X-Sim-Scenario: out-of-money; scope=<id>`), so
// parallel tests using the same scenario count and draw apart, and a test's draws depend only on
// the seed, its scope id and its own requests. Scope ids come from requests: they are Map keys
// only, and past `maxScopes` the least recently used scope is forgotten (its counters restart).
import { createRandom, type SimRandom } from '../core/random.js';

export interface RuleState {
  seen: number;
  applied: number;
  random: SimRandom;
}

/** Scope ids kept at once; one scope costs a few small objects per rule it used. */
export const DEFAULT_MAX_SCOPES = 1000;

export interface RuleCounters {
  /** Rule `index` of `scenario` in a scope: undefined for the global activation, '' for header use without an id. */
  get(scope: string | undefined, scenario: string, index: number): RuleState;
  /** A scenario was activated, uploaded or reloaded: its counters restart in every scope. */
  forget(scenario: string): void;
  /** Scope ids kept now (at most `maxScopes`). */
  scopeCount(): number;
  clear(): void;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h | 0;
}

export function createRuleCounters(seed: number, maxScopes = DEFAULT_MAX_SCOPES): RuleCounters {
  /** `scenario|index` -> state, per scope. */
  const global = new Map<string, RuleState>();
  const shared = new Map<string, RuleState>();
  /** In use order: the first entry is the least recently used. */
  const scoped = new Map<string, Map<string, RuleState>>();

  const tableOf = (scope: string | undefined): Map<string, RuleState> => {
    if (scope === undefined) return global;
    if (scope === '') return shared;
    let table = scoped.get(scope);
    if (table) scoped.delete(scope);
    else {
      table = new Map();
      if (scoped.size >= maxScopes) scoped.delete(scoped.keys().next().value as string);
    }
    scoped.set(scope, table);
    return table;
  };

  // The generator's seed: the global and shared header ones as before scope ids existed, so a seed's runs repeat.
  const seedOf = (scope: string | undefined, key: string) =>
    seed ^ hash(scope === undefined ? `global|${key}` : scope === '' ? `header|${key}` : `scope|${scope}|${key}`);

  return {
    get(scope, scenario, index) {
      const key = `${scenario}|${index}`;
      const table = tableOf(scope);
      let state = table.get(key);
      if (!state) table.set(key, (state = { seen: 0, applied: 0, random: createRandom(seedOf(scope, key)) }));
      return state;
    },
    forget(scenario) {
      // Scenario names have no `|` (see ScenarioName), so the prefix names one scenario.
      const prefix = `${scenario}|`;
      for (const table of [global, shared, ...scoped.values()]) for (const key of table.keys()) if (key.startsWith(prefix)) table.delete(key);
    },
    scopeCount: () => scoped.size,
    clear() {
      global.clear();
      shared.clear();
      scoped.clear();
    },
  };
}
