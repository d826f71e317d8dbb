// Generated fixtures: a complete fixtures directory with N accounts per provider, each file valid
// against its provider's fixture schema. Everything but the accounts (timings, magic numbers,
// tariff tables, numbering) comes from a base directory (the bundled fixtures), so a generated
// directory behaves like the bundled one with more, realistic customers. The providers are the
// definitions passed in (the registry); each with a generator writes its own file from its own
// seeded stream, so the same seed gives byte-identical files and one provider never shifts another.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { DEFAULT_FIXTURES } from '../config.js';
import { describeZodError } from '../fixtures.js';
import { NumberingFixture } from '../phone.js';
import type { ProviderDefinition } from '../provider.js';
import type { Locale } from './faker.js';
import { MAX_GENERATED_ACCOUNTS } from './limits.js';
import { partsFor } from './streams.js';
import type { GeneratedCredentials } from './types.js';

export { MAX_GENERATED_ACCOUNTS };

export interface GenerateOptions {
  accounts: number;
  seed: number;
  locale?: Locale;
  /** Fixtures to take everything but the accounts from (default: the bundled ones). */
  base?: string;
}

export interface GeneratedFixtures {
  /** File name (`devino.json`…) to its text. */
  files: Map<string, string>;
  credentials: GeneratedCredentials[];
}

export class GenerateError extends Error {}

const NUMBERING = 'numbering.json';
const fileOf = (slug: string) => `${slug}.json`;
const readJson = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
const text = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The schema each generated file is checked against before it is written: each generating provider's, and the numbering table. */
export function fixtureSchemas(definitions: readonly ProviderDefinition[]): ReadonlyMap<string, z.ZodType> {
  const schemas = new Map<string, z.ZodType>();
  for (const d of definitions) if (d.generate) schemas.set(fileOf(d.slug), d.generate.fixtureSchema);
  return schemas.set(NUMBERING, NumberingFixture);
}

/** The files of a fixtures directory with `accounts` generated accounts per provider (those of `definitions` with a generator), each checked against its schema. */
export function generateFixtures(definitions: readonly ProviderDefinition[], options: GenerateOptions): GeneratedFixtures {
  const { accounts: count, seed, locale = 'ru', base = DEFAULT_FIXTURES } = options;
  if (!Number.isInteger(count) || count < 1 || count > MAX_GENERATED_ACCOUNTS) {
    throw new GenerateError(`accounts must be a whole number from 1 to ${MAX_GENERATED_ACCOUNTS}, not ${count}`);
  }
  if (!Number.isInteger(seed)) throw new GenerateError(`seed must be a whole number, not ${seed}`);
  const numberingJson = readJson(base, NUMBERING);
  const numbering = NumberingFixture.parse(numberingJson);
  const credentials: GeneratedCredentials[] = [];
  const documents: [string, unknown, z.ZodType][] = [];
  for (const { slug, generate } of definitions) {
    if (!generate) continue;
    const made = generate.fixture(partsFor(seed, slug, locale, numbering), readJson(base, fileOf(slug)), count);
    documents.push([fileOf(slug), made.file, generate.fixtureSchema]);
    for (const c of made.credentials) credentials.push({ provider: slug, ...c });
  }
  documents.push([NUMBERING, numberingJson, NumberingFixture]);
  const files = new Map<string, string>();
  for (const [name, doc, schema] of documents) {
    const parsed = schema.safeParse(doc);
    if (!parsed.success) throw new GenerateError(`generated ${name} is invalid: ${describeZodError(parsed.error)}`);
    files.set(name, text(doc));
  }
  return { files, credentials };
}
