// The scenario engine: the scenarios known (files and uploads), which are active, and the three
// questions the simulator asks it: what to do to this request (latency, error, fault), how this
// message or call ends (outcome), and how this callback is delivered.
// Rules are tried in order, scenarios in priority order (a request's header, else the globally
// active ones, the most recently activated first: an activation overrides what was active before);
// the first rule that matches and whose counts allow it wins.
import type { RequestFacts } from '../core/pipeline.js';
import { readFileSync } from 'node:fs';
import type { ProviderDefinition } from '../core/context.js';
import type { OutcomeOverride, OutcomeQuery, OutcomeSource } from '../core/outcome.js';
import type { SimRandom } from '../core/random.js';
import { createRuleCounters, DEFAULT_MAX_SCOPES, type RuleState } from './counters.js';
import { checkScenario, parseScenario, ScenarioError, type LoadedScenario } from './loader.js';
import { compilePattern, readPath, type Matcher } from './patterns.js';
import { normalizeNumber, SUBSCRIBER, subscriberKey } from '../core/phone.js';
import { splitRegex } from '../core/textPattern.js';
import { resolveOutcome } from './generated.js';
import type { DurationRange, ErrorEffect, Fault, OutcomeEffect, ResolvedOutcome, Rule } from './schema.js';
import { currentScope, type Scope } from './scope.js';

export class UnknownScenarioError extends Error {
  readonly statusCode: number;
  constructor(
    readonly names: string[],
    known: string[],
    where: string,
    statusCode = 404,
  ) {
    super(`Unknown scenario${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')} in ${where} (known: ${known.length ? known.join(', ') : 'none'})`);
    this.name = 'UnknownScenarioError';
    this.statusCode = statusCode;
  }
}

/** What a request matcher sees: the pipeline reads it once per request (core/pipeline.ts, step 3). */
export type { RequestFacts };

export interface RequestEffects {
  latencyMs?: number;
  error?: ErrorEffect & { provider: string };
  fault?: Fault;
  /** `scenario#rule` of each effect, for logs and the journal. */
  rules: string[];
}

// Core asks the question (providers know no engine); a rule's outcome, as loaded, is its answer.
export type { OutcomeQuery, OutcomeOverride } from '../core/outcome.js';
/** The schema's output is what core promises providers: checked by the compiler here. */
const asOverride = (effect: ResolvedOutcome & { rule: string }): OutcomeOverride => effect;

export interface CallbackQuery {
  provider: string;
  account?: string;
  url: string;
  /** The JSON body or the query parameters. */
  body: unknown;
  /** The message or call the callback is about. */
  subject?: string;
}

export interface CallbackDecision {
  delayMs?: number;
  /** Why it is dropped. */
  drop?: string;
  duplicate?: number;
  reorder?: { windowMs: number; count: number; key: string };
  rule: string;
}

export interface ScenarioInfo {
  name: string;
  description?: string;
  source: string;
  rules: number;
  active: boolean;
}

type Phase = 'request' | 'outcome' | 'callbacks';

interface CompiledRule {
  rule: Rule;
  label: string;
  phase: Phase;
  test: (facts: Partial<RequestFacts> & { kind?: string; body?: unknown }) => boolean;
}

interface CompiledScenario {
  scenario: LoadedScenario;
  rules: CompiledRule[];
}

export interface ScenarioEngine extends OutcomeSource {
  list(): ScenarioInfo[];
  get(name: string): LoadedScenario | undefined;
  /** Globally active scenario names, in priority order: the most recently activated first. */
  active(): string[];
  /** Activates a scenario ahead of the others (the last activated wins ties). */
  activate(name: string): void;
  /** One scenario, or all when no name is given. */
  deactivate(name?: string): void;
  /** Adds or replaces a scenario from a document (YAML text or parsed JSON). */
  upload(doc: string | unknown, format?: 'yaml' | 'json'): LoadedScenario;
  /** Replaces the scenarios of a file with what it holds now; a broken file keeps the last good version. */
  reloadFile(file: string): { ok: true; names: string[] } | { ok: false; error: string };
  /** A file was deleted: its scenarios go (and are deactivated). */
  removeFile(file: string): void;
  /** Files whose latest version could not be loaded. */
  loadErrors(): { file: string; error: string }[];
  /**
   * The scope a header value asks for (`a, b; scope=<id>`); throws UnknownScenarioError naming the
   * unknown scenarios, or ScenarioHeaderError for a bad parameter.
   */
  scopeFromHeader(value: string): Scope;
  /** Whether any rule acts on requests in the current scope (so a request's facts are worth reading). */
  hasRequestRules(): boolean;
  /** The same for work outside any scope, without asking async context: the hot path's one check. */
  hasGlobalRequestRules(): boolean;
  request(facts: RequestFacts): RequestEffects | undefined;
  outcome(query: OutcomeQuery): OutcomeOverride | undefined;
  callback(query: CallbackQuery): CallbackDecision | undefined;
  /** Back to the start-up activation with fresh counters. */
  reset(): void;
}

export interface EngineOptions {
  providers: readonly ProviderDefinition[];
  seed: number;
  scenarios: readonly LoadedScenario[];
  /** Active at start-up (and after a reset), in priority order (the first wins ties, as in the header). */
  initial: readonly string[];
  logger?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** Scope ids whose counters are kept at once (least recently used forgotten first); default 1000. */
  maxScopes?: number;
}

/** Longest scope id a header may carry. */
export const MAX_SCOPE_ID_LENGTH = 200;

/** A malformed `X-Sim-Scenario` parameter: a test set-up mistake, answered with a 400. */
export class ScenarioHeaderError extends Error {
  readonly statusCode = 400;
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioHeaderError';
  }
}

/** The `scope=<id>` parameter of a header value's parameters (`; scope=t1`). */
function scopeParameter(params: readonly string[]): string | undefined {
  let id: string | undefined;
  for (const param of params) {
    const eq = param.indexOf('=');
    const name = (eq < 0 ? param : param.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? '' : param.slice(eq + 1).trim();
    if (name !== 'scope') throw new ScenarioHeaderError(`Unknown parameter "${name}" in the X-Sim-Scenario header (known: scope)`);
    if (value === '' || value.length > MAX_SCOPE_ID_LENGTH) {
      throw new ScenarioHeaderError(`The scope id in the X-Sim-Scenario header must be 1 to ${MAX_SCOPE_ID_LENGTH} characters (got ${value.length})`);
    }
    id = value;
  }
  return id;
}

const asList = (v: string | string[] | undefined) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).map((s) => s.toLowerCase()));

function phaseOf(rule: Rule): Phase {
  if (rule.outcome) return 'outcome';
  if (rule.callbacks) return 'callbacks';
  return 'request';
}

/**
 * A rule's `match.number` written as one number (`+7 916 100-20-30`, `89161002030`) names the
 * subscriber, so it is matched in the subscriber form every provider's numbers are compared in; a
 * glob or a /regex/ is matched as written (against the number as sent and its subscriber form).
 */
function subscriberPattern(pattern: string | number | boolean): string | number | boolean {
  if (typeof pattern === 'boolean' || (typeof pattern === 'string' && (/[*?]/.test(pattern) || splitRegex(pattern)))) return pattern;
  const key = normalizeNumber(pattern, SUBSCRIBER);
  return key ?? pattern;
}

function compileRule(scenario: string, rule: Rule, index: number): CompiledRule {
  const m = rule.match;
  const providers = asList(m.provider);
  const operations = asList(m.operation);
  const methods = asList(m.method);
  const accounts = m.account === undefined ? undefined : Array.isArray(m.account) ? m.account : [m.account];
  const kinds = asList(m.kind);
  const number: Matcher | undefined = m.number === undefined ? undefined : compilePattern(subscriberPattern(m.number));
  const body = Object.entries(m.body ?? {}).map(([path, p]) => [path, compilePattern(p)] as const);
  const phase = phaseOf(rule);
  return {
    rule,
    phase,
    label: `${scenario}#${index + 1}${rule.name ? ` (${rule.name})` : ''}`,
    test(f) {
      if (providers && !(f.provider && providers.includes(f.provider.toLowerCase()))) return false;
      if (operations && !(f.operation && operations.includes(f.operation.toLowerCase()))) return false;
      if (methods && !(f.method && methods.includes(f.method.toLowerCase()))) return false;
      if (accounts && !(f.account && accounts.includes(f.account))) return false;
      if (kinds && !(f.kind && kinds.includes(f.kind.toLowerCase()))) return false;
      if (number && !(f.numbers ?? []).some((n) => number(n) || number(subscriberKey(n)))) return false;
      for (const [path, test] of body) if (!test(readPath(f.input ?? f.body, path))) return false;
      return true;
    },
  };
}

function compile(scenario: LoadedScenario): CompiledScenario {
  return { scenario, rules: scenario.rules.map((r, i) => compileRule(scenario.name, r, i)) };
}

export function createScenarioEngine(options: EngineOptions): ScenarioEngine {
  const providers = new Map(options.providers.map((p) => [p.slug, p]));
  const scenarios = new Map<string, CompiledScenario>();
  const errors = new Map<string, string>();
  let active: string[] = [];
  /** Per scope: the global activation, header use without an id, and each scope id apart. */
  const counters = createRuleCounters(options.seed, options.maxScopes ?? DEFAULT_MAX_SCOPES);

  for (const s of options.scenarios) scenarios.set(s.name, compile(s));
  const known = () => [...scenarios.keys()].sort();

  const must = (name: string, where: string, status?: number) => {
    if (!scenarios.has(name)) throw new UnknownScenarioError([name], known(), where, status);
  };
  for (const name of options.initial) must(name, '--scenario (SIM_SCENARIO)');
  active = [...new Set(options.initial)];

  const forget = (name: string) => counters.forget(name);

  const draw = (range: DurationRange, random: SimRandom) => (typeof range === 'number' ? range : Math.round(range.min + random.next() * (range.max - range.min)));

  /** The rules in force here, in order, each with its counters. */
  function* candidates(phase: Phase): Generator<{ rule: CompiledRule; state: () => RuleState; scopeId?: string }> {
    const scope = currentScope();
    const names = scope ? scope.scenarios : active;
    const counted = scope ? (scope.id ?? '') : undefined;
    for (const name of names) {
      const compiled = scenarios.get(name);
      if (!compiled) continue;
      for (let i = 0; i < compiled.rules.length; i++) {
        const rule = compiled.rules[i];
        if (rule.phase === phase) yield { rule, state: () => counters.get(counted, name, i), scopeId: scope?.id };
      }
    }
  }

  /** Counts a match and says whether the rule applies to it (after, times, probability). */
  const applies = (rule: Rule, s: RuleState) => {
    s.seen++;
    if (s.seen <= rule.after) return false;
    if (rule.times !== undefined && s.applied >= rule.times) return false;
    if (rule.probability !== undefined && !(s.random.next() < rule.probability)) return false;
    s.applied++;
    return true;
  };

  /** Whether the globally active scenarios hold a request rule; recomputed after any change to them. */
  let globalRequestRules: boolean | undefined;
  const globalHasRequestRules = () =>
    (globalRequestRules ??= active.some((name) => scenarios.get(name)?.rules.some((r) => r.phase === 'request') ?? false));

  const replace = (scenario: LoadedScenario) => {
    scenarios.set(scenario.name, compile(scenario));
    forget(scenario.name);
    globalRequestRules = undefined;
  };

  return {
    list: () =>
      known().map((name) => {
        const s = (scenarios.get(name) as CompiledScenario).scenario;
        return { name, description: s.description, source: s.source, rules: s.rules.length, active: active.includes(name) };
      }),
    get: (name) => scenarios.get(name)?.scenario,
    active: () => [...active],
    activate(name) {
      must(name, 'the activation request');
      forget(name);
      active = [name, ...active.filter((n) => n !== name)];
      globalRequestRules = undefined;
    },
    deactivate(name) {
      globalRequestRules = undefined;
      if (name === undefined) {
        active = [];
        return;
      }
      must(name, 'the deactivation request');
      active = active.filter((n) => n !== name);
    },
    upload(doc, format) {
      const scenario =
        typeof doc === 'string' ? parseScenario(doc, '(uploaded)', providers, format ?? 'yaml') : checkScenario(doc, '(uploaded)', providers);
      replace(scenario);
      return scenario;
    },
    reloadFile(file) {
      let loaded: LoadedScenario;
      try {
        loaded = parseScenario(readFileSync(file, 'utf8'), file, providers);
      } catch (err) {
        const error = err instanceof ScenarioError ? err.message : `Scenario file ${file} cannot be read: ${(err as Error).message}`;
        errors.set(file, error);
        options.logger?.warn({ file }, `${error}; the last good version stays active`);
        return { ok: false, error };
      }
      const clash = scenarios.get(loaded.name);
      if (clash && clash.scenario.source !== file && clash.scenario.source !== '(uploaded)') {
        const error = `Scenario file ${file} is invalid: field name: scenario "${loaded.name}" is also defined in ${clash.scenario.source}`;
        errors.set(file, error);
        options.logger?.warn({ file }, error);
        return { ok: false, error };
      }
      errors.delete(file);
      globalRequestRules = undefined;
      // A renamed scenario: the old name goes with its old version.
      for (const [name, c] of scenarios) {
        if (c.scenario.source === file && name !== loaded.name) {
          scenarios.delete(name);
          active = active.filter((n) => n !== name);
        }
      }
      replace(loaded);
      options.logger?.info({ file, scenario: loaded.name }, 'scenario reloaded');
      return { ok: true, names: [loaded.name] };
    },
    removeFile(file) {
      errors.delete(file);
      globalRequestRules = undefined;
      for (const [name, c] of scenarios) {
        if (c.scenario.source !== file) continue;
        scenarios.delete(name);
        active = active.filter((n) => n !== name);
      }
    },
    loadErrors: () => [...errors].map(([file, error]) => ({ file, error })),
    scopeFromHeader(value) {
      const [list, ...params] = value.split(';');
      const id = scopeParameter(params);
      const names = list
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '');
      if (names.length === 1 && names[0].toLowerCase() === 'none') return { scenarios: [], id };
      const unknown = names.filter((n) => !scenarios.has(n));
      if (unknown.length > 0) throw new UnknownScenarioError(unknown, known(), 'the X-Sim-Scenario header', 400);
      return { scenarios: names, id };
    },
    hasRequestRules() {
      return !candidates('request').next().done;
    },
    hasGlobalRequestRules: globalHasRequestRules,
    request(facts) {
      let latency: number | undefined;
      let terminal: Pick<RequestEffects, 'error' | 'fault'> | undefined;
      const rules: string[] = [];
      for (const { rule, state } of candidates('request')) {
        const r = rule.rule;
        const wantsLatency = r.latency !== undefined && latency === undefined;
        const wantsTerminal = (r.error !== undefined || r.fault !== undefined) && terminal === undefined;
        if (!wantsLatency && !wantsTerminal) continue;
        if (!rule.test(facts)) continue;
        const s = state();
        if (!applies(r, s)) continue;
        rules.push(rule.label);
        if (wantsLatency) latency = draw(r.latency as DurationRange, s.random);
        if (wantsTerminal) {
          const provider = (Array.isArray(r.match.provider) ? r.match.provider[0] : r.match.provider) ?? facts.provider;
          terminal = r.error ? { error: { ...r.error, provider } } : { fault: r.fault };
        }
        if (latency !== undefined && terminal !== undefined) break;
      }
      if (rules.length === 0) return undefined;
      return { latencyMs: latency, ...terminal, rules };
    },
    outcome(q) {
      // No scope and nothing active: the common case, answered without walking any rule.
      if (active.length === 0 && !currentScope()) return undefined;
      for (const { rule, state } of candidates('outcome')) {
        if (!rule.test({ ...q, numbers: q.number === undefined ? [] : [q.number] })) continue;
        const s = state();
        if (!applies(rule.rule, s)) continue;
        return asOverride({ ...resolveOutcome(rule.rule.outcome as OutcomeEffect, s.random), rule: rule.label });
      }
      return undefined;
    },
    callback(q) {
      if (active.length === 0 && !currentScope()) return undefined;
      for (const { rule, state, scopeId } of candidates('callbacks')) {
        if (!rule.test({ provider: q.provider, account: q.account, body: q.body })) continue;
        const s = state();
        if (!applies(rule.rule, s)) continue;
        const c = rule.rule.callbacks as NonNullable<Rule['callbacks']>;
        const reorder = c.reorder === undefined || c.reorder === false ? undefined : c.reorder === true ? { window: 60_000, count: 2, by: 'rule' } : c.reorder;
        const group = reorder?.by === 'subject' && q.subject !== undefined ? `${rule.label} #${q.subject}` : rule.label;
        return {
          rule: rule.label,
          delayMs: c.delay === undefined ? undefined : draw(c.delay, s.random),
          drop: c.drop ? `dropped by scenario rule ${rule.label}` : undefined,
          duplicate: c.duplicate,
          // A scope id holds its callbacks apart too: one test's callbacks are never reordered with another's.
          reorder: reorder && { windowMs: reorder.window, count: reorder.count, key: scopeId === undefined ? group : `${group} @${scopeId}` },
        };
      }
      return undefined;
    },
    reset() {
      counters.clear();
      active = options.initial.filter((n) => scenarios.has(n));
      globalRequestRules = undefined;
    },
  };
}
