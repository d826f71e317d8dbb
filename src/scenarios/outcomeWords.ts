// The load-time check of an outcome rule's words: a `state` or `attempts` word that none of the
// records the rule can match understands would silently leave the provider's default, so the
// scenario is refused with the words each of those providers and kinds knows.
import type { OutcomeVocabulary, ProviderDefinition } from '../core/context.js';
import type { Rule } from './schema.js';

export interface RuleProblem {
  path: (string | number)[];
  message: string;
}

interface Target {
  label: string;
  vocabulary: OutcomeVocabulary;
}

const listOf = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/** The providers and record kinds an outcome rule can apply to, with their vocabularies. */
function targetsOf(rule: Rule, providers: ReadonlyMap<string, ProviderDefinition>): Target[] {
  const slugs = listOf(rule.match.provider) ?? [...providers.keys()];
  const kinds = listOf(rule.match.kind)?.map((k) => k.toLowerCase());
  const out: Target[] = [];
  for (const slug of slugs) {
    const outcomes = providers.get(slug)?.outcomes;
    if (!outcomes) continue;
    for (const [kind, vocabulary] of outcomes) if (!kinds || kinds.includes(kind)) out.push({ label: `${slug} ${kind}`, vocabulary });
  }
  return out;
}

/** Every kind of record each named provider asks about, for the message when `match.kind` names none. */
function kindsOf(rule: Rule, providers: ReadonlyMap<string, ProviderDefinition>): string {
  const slugs = listOf(rule.match.provider) ?? [...providers.keys()];
  return slugs
    .flatMap((slug) => {
      const outcomes = providers.get(slug)?.outcomes;
      return outcomes ? [`${slug}: ${[...outcomes.keys()].join(', ')}`] : [];
    })
    .join('; ');
}

export function outcomeWordProblems(rule: Rule, providers: ReadonlyMap<string, ProviderDefinition>): RuleProblem[] {
  const outcome = rule.outcome;
  if (!outcome) return [];
  const words: [(string | number)[], string][] = [];
  if (outcome.state !== undefined) words.push([['outcome', 'state'], outcome.state]);
  outcome.attempts?.forEach((w, i) => words.push([['outcome', 'attempts', i], w]));
  // A rule naming an unknown provider is reported by the provider check; nothing to add here.
  const named = listOf(rule.match.provider);
  if (named?.some((slug) => !providers.has(slug))) return [];
  const targets = targetsOf(rule, providers);
  if (targets.length === 0) {
    if (rule.match.kind === undefined) return [];
    return [{ path: ['match', 'kind'], message: `no record of kind ${listOf(rule.match.kind)?.map((k) => `"${k}"`).join(', ')} has an outcome here (kinds: ${kindsOf(rule, providers)})` }];
  }
  const problems: RuleProblem[] = [];
  for (const [path, word] of words) {
    if (targets.some((t) => t.vocabulary.knows(word))) continue;
    const known = targets.map((t) => `${t.label}: ${t.vocabulary.words.join(', ')}`).join('; ');
    const who = targets.length === 1 ? `${targets[0].label} has` : 'none of the records this rule matches has';
    problems.push({ path, message: `${who} no outcome "${word}" (known: ${targets.length === 1 ? targets[0].vocabulary.words.join(', ') : known})` });
  }
  return problems;
}
