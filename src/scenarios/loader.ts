// Reading scenario files (YAML or JSON) and checking them: against the zod schema, then against
// the providers that exist (an error must be in its provider's catalogue, an outcome word must mean
// something to a record the rule can match, a pattern must compile).
// Every problem is reported with the file, the rule and the field.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import type { z } from 'zod';
import type { ProviderDefinition } from '../core/context.js';
import { outcomeWordProblems } from './outcomeWords.js';
import { patternError } from './patterns.js';
import { ScenarioFile, type Rule } from './schema.js';

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Scenario file ${file} is invalid: ${problems.join('; ')}`);
    this.name = 'ScenarioError';
  }
}

export interface LoadedScenario extends ScenarioFile {
  /** Where it came from: a file path, or `(uploaded)`. */
  source: string;
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export const isScenarioFile = (name: string) => EXTENSIONS.has(extname(name).toLowerCase()) && basename(name) !== 'schema.json';

/** `rules[2] ("no money").error.code`: names the rule by index and, when it has one, its name. */
function where(json: unknown, path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(file)';
  if (path[0] === 'rules' && typeof path[1] === 'number') {
    const rules = (json as { rules?: unknown[] })?.rules;
    const rule = Array.isArray(rules) ? (rules[path[1]] as { name?: unknown } | undefined) : undefined;
    const label = typeof rule?.name === 'string' ? ` ("${rule.name}")` : '';
    const rest = path.slice(2).map(String).join('.');
    return `rule ${path[1] + 1}${label}${rest ? ` field ${rest}` : ''}`;
  }
  return `field ${path.map(String).join('.')}`;
}

function describeIssues(json: unknown, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${where(json, issue.path)}: ${issue.message}`);
}

/** The problems a valid-looking rule still has once the providers are known. */
function checkRule(rule: Rule, providers: ReadonlyMap<string, ProviderDefinition>): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const named = rule.match.provider === undefined ? [] : Array.isArray(rule.match.provider) ? rule.match.provider : [rule.match.provider];
  for (const slug of named) {
    if (!providers.has(slug)) out.push({ path: ['match', 'provider'], message: `unknown provider "${slug}" (known: ${[...providers.keys()].join(', ')})` });
  }
  const operations = rule.match.operation === undefined ? [] : Array.isArray(rule.match.operation) ? rule.match.operation : [rule.match.operation];
  if (operations.length > 0) {
    // The named providers' operations, or every provider's when none is named; matched case-insensitively.
    const scope = named.length > 0 ? named.flatMap((slug) => (providers.has(slug) ? [providers.get(slug) as ProviderDefinition] : [])) : [...providers.values()];
    const known = scope.flatMap((p) => p.operations ?? []);
    const lower = new Set(known.map((o) => o.toLowerCase()));
    const checkable = scope.length > 0 && scope.every((p) => p.operations !== undefined);
    for (const op of operations) {
      if (checkable && !lower.has(String(op).toLowerCase())) {
        out.push({ path: ['match', 'operation'], message: `unknown operation "${op}"${named.length > 0 ? ` of ${named.join(', ')}` : ''} (known: ${known.join(', ')})` });
      }
    }
  }
  if (rule.error) {
    if (named.length !== 1) {
      out.push({ path: ['error'], message: 'an error is rendered in one provider\'s envelope: match.provider must name exactly one provider' });
    } else {
      const provider = providers.get(named[0]);
      if (provider && !provider.errors) out.push({ path: ['error'], message: `provider ${named[0]} publishes no error catalogue` });
      else if (provider?.errors && !provider.errors.render(rule.error.code)) {
        const known = provider.errors.list.map((e) => (e.name ? `${e.code} (${e.name})` : e.code)).join(', ');
        out.push({ path: ['error', 'code'], message: `${named[0]} has no error "${rule.error.code}" (known: ${known})` });
      }
    }
  }
  const patterns: [(string | number)[], string | number | boolean][] = [];
  if (rule.match.number !== undefined) patterns.push([['match', 'number'], rule.match.number]);
  for (const [k, v] of Object.entries(rule.match.body ?? {})) patterns.push([['match', 'body', k], v]);
  for (const [path, p] of patterns) {
    const why = patternError(p);
    if (why) out.push({ path, message: `bad regular expression: ${why}` });
  }
  out.push(...outcomeWordProblems(rule, providers));
  return out;
}

/** Parses and checks one scenario document; throws ScenarioError naming `source`. */
export function parseScenario(text: string, source: string, providers: ReadonlyMap<string, ProviderDefinition>, format?: 'yaml' | 'json'): LoadedScenario {
  let json: unknown;
  const asJson = format === 'json' || (format === undefined && extname(source).toLowerCase() === '.json');
  try {
    // YAML 1.2's core schema: no dates or other types JSON lacks, as the scenario schema expects.
    json = asJson ? JSON.parse(text) : loadYaml(text, { schema: CORE_SCHEMA, filename: source });
  } catch (err) {
    throw new ScenarioError(source, [`not valid ${asJson ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`]);
  }
  return checkScenario(json, source, providers);
}

/** Checks an already parsed document (an upload sent as JSON). */
export function checkScenario(json: unknown, source: string, providers: ReadonlyMap<string, ProviderDefinition>): LoadedScenario {
  const parsed = ScenarioFile.safeParse(json);
  if (!parsed.success) throw new ScenarioError(source, describeIssues(json, parsed.error));
  const problems: string[] = [];
  parsed.data.rules.forEach((rule, i) => {
    for (const p of checkRule(rule, providers)) problems.push(`${where(json, ['rules', i, ...p.path])}: ${p.message}`);
  });
  if (problems.length > 0) throw new ScenarioError(source, problems);
  return { ...parsed.data, source };
}

export function readScenarioFile(file: string, providers: ReadonlyMap<string, ProviderDefinition>): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ScenarioError(file, [`cannot be read (${(err as Error).message})`]);
  }
  return parseScenario(text, file, providers);
}

/** Every scenario file of a directory (a missing directory has none); two files with one name are an error. */
export function readScenarioDir(dir: string, providers: ReadonlyMap<string, ProviderDefinition>): LoadedScenario[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new ScenarioError(dir, ['is not a directory']);
    names = readdirSync(dir).filter(isScenarioFile).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: LoadedScenario[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const scenario = readScenarioFile(join(dir, name), providers);
    const other = seen.get(scenario.name);
    if (other) throw new ScenarioError(scenario.source, [`field name: scenario "${scenario.name}" is also defined in ${other}`]);
    seen.set(scenario.name, scenario.source);
    out.push(scenario);
  }
  return out;
}
