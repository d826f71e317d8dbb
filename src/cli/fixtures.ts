// `provider-sim fixtures generate`: writes a fixtures directory of generated accounts (src/core/generate/, each provider's generator)
// and prints their credentials, as a table or as JSON. Exit 0 when written, 1 when the directory
// cannot be written, 2 on a bad option.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCALES, type Locale } from '../core/generate/faker.js';
import { GenerateError, generateFixtures, MAX_GENERATED_ACCOUNTS } from '../core/generate/fixtures.js';
import type { GeneratedCredentials } from '../core/generate/types.js';
import { providers } from '../providers/index.js';

export const FIXTURES_HELP = `Usage: provider-sim fixtures generate --accounts <n> --out <dir> [options]

Writes a complete fixtures directory (devino, mobilgroup, voicepassword, unibell and numbering
files, each valid against its fixture schema) with <n> generated accounts per provider: Russian
company names, Latin sender names, numbers of every operator, balances and tariffs. Timings and
magic numbers are the bundled ones. Start the simulator on it with --fixtures <dir>.

  --accounts <n>   accounts per provider, 1 to ${MAX_GENERATED_ACCOUNTS}
  --out <dir>      directory to write (created if missing; its five files are replaced)
  --seed <s>       whole number; the same seed writes byte-identical files (default 1)
  --locale <l>     ${LOCALES.join(' or ')}: language of names and texts (default ru)
  --json           print the credentials as JSON instead of a table
  -h, --help       this text`;

interface Io {
  out(text: string): void;
  err(text: string): void;
}

const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** One line per account: provider, account, what to authenticate with, balance, company. */
export function credentialsTable(rows: readonly GeneratedCredentials[]): string {
  const lines = [['provider', 'account', 'credentials', 'balance', 'company']];
  for (const r of rows) {
    lines.push([r.provider, r.account, Object.entries(r.credentials).map(([k, v]) => `${k}=${v}`).join(' '), r.balance.toFixed(2), r.company]);
  }
  const widths = lines[0].map((_, col) => Math.max(...lines.map((l) => l[col].length)));
  return lines.map((l) => l.map((cell, col) => (col === l.length - 1 ? cell : cell.padEnd(widths[col]))).join('  ')).join('\n');
}

export async function fixtures(argv: readonly string[], io: Io = stdio): Promise<number> {
  const usage = (message: string) => {
    io.err(`provider-sim fixtures: ${message}\n\n${FIXTURES_HELP}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        accounts: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        locale: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    return usage((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(`${FIXTURES_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'generate') return usage(`expected the subcommand "generate"${positionals.length ? `, not "${positionals.join(' ')}"` : ''}`);
  const problems: string[] = [];
  const accounts = Number(values.accounts);
  if (values.accounts === undefined) problems.push('--accounts is required');
  else if (!/^\d+$/.test(values.accounts) || accounts < 1 || accounts > MAX_GENERATED_ACCOUNTS) problems.push(`--accounts must be a whole number from 1 to ${MAX_GENERATED_ACCOUNTS}, not "${values.accounts}"`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (values.seed !== undefined && !/^-?\d{1,10}$/.test(values.seed)) problems.push(`--seed must be a whole number, not "${values.seed}"`);
  const locale = (values.locale ?? 'ru') as Locale;
  if (!LOCALES.includes(locale)) problems.push(`--locale must be ${LOCALES.join(' or ')}, not "${values.locale}"`);
  if (!values.out) problems.push('--out is required');
  if (problems.length || !values.out) return usage(problems.join('; '));

  let generated;
  try {
    generated = generateFixtures(providers, { accounts, seed, locale });
  } catch (err) {
    if (err instanceof GenerateError) return usage(err.message);
    throw err;
  }
  try {
    mkdirSync(values.out, { recursive: true });
    for (const [name, content] of generated.files) writeFileSync(join(values.out, name), content);
  } catch (err) {
    io.err(`provider-sim fixtures: could not write ${values.out}: ${(err as Error).message}\n`);
    return 1;
  }
  if (values.json) io.out(`${JSON.stringify({ out: values.out, seed, accounts, credentials: generated.credentials }, null, 2)}\n`);
  else io.out(`${credentialsTable(generated.credentials)}\n\nWrote ${generated.files.size} files to ${values.out}; start with: provider-sim --fixtures ${values.out}\n`);
  return 0;
}
