// Configuration from flags and environment variables (flags win), validated with zod.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { z } from 'zod';
import { clockModeProblem } from './clock.js';
import { parseAllowList } from './callbackTarget.js';
import { describeZodError } from './fixtures.js';
import { unknownFlagHint } from './flagHint.js';
import { packageRoot } from './packageRoot.js';

export const DEFAULT_FIXTURES = join(packageRoot(), 'fixtures');
export const DEFAULT_SCENARIOS = join(packageRoot(), 'scenarios');

export const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(4010),
  host: z.string().min(1).default('127.0.0.1'),
  data: z.string().min(1).optional(),
  seed: z.coerce.number().int().default(1),
  fixtures: z.string().min(1).default(DEFAULT_FIXTURES),
  logLevel: LogLevel.default('info'),
  clock: z
    .string()
    .default('real')
    .superRefine((v, ctx) => {
      const problem = clockModeProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** Requests kept in the journal. */
  journalSize: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /** Largest request body in bytes; larger ones get the provider's 413. */
  bodyLimit: z.coerce.number().int().min(1024).default(1_048_576),
  /** Largest uploaded file in bytes (Unibell media uploads), apart from the body limit: audio files are large. */
  uploadLimit: z.coerce.number().int().min(1024).default(52_428_800),
  /** Real milliseconds between a change and its write to the data file. */
  persistDebounceMs: z.coerce.number().int().min(0).default(100),
  /** Directory of scenario files (YAML or JSON), reloaded when they change. */
  scenarios: z.string().min(1).default(DEFAULT_SCENARIOS),
  /** Scenario names active from the start, comma-separated. */
  scenario: z.string().optional(),
  /** When set, every /_sim request but health needs `Authorization: Bearer <token>` (or `X-Sim-Admin-Token`). */
  adminToken: z.string().min(1).optional(),
  /** Real milliseconds a callback receiver has to answer before the attempt counts as a time-out. */
  callbackTimeoutMs: z.coerce.number().int().min(1).max(600_000).default(5_000),
  /** Live Devino sessions per account; a login past it ends the account's oldest session. */
  maxSessionsPerAccount: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /** Bytes of uploaded Unibell media per personal account; an upload past it is refused. */
  mediaQuotaBytes: z.coerce.number().int().min(0).default(104_857_600),
  /** Unibell media objects (files and folders) per personal account; one more is refused. */
  mediaQuotaFiles: z.coerce.number().int().min(0).max(10_000_000).default(10_000),
  /** Hosts, addresses and CIDR ranges callbacks may go to (comma-separated); unset: anywhere but the admin API. */
  callbackAllow: z
    .string()
    .optional()
    .superRefine((v, c) => {
      if (v === undefined) return;
      try {
        parseAllowList(v);
      } catch (err) {
        c.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
  /** Clients of GET /_sim/events at once; past it the stream answers 429. */
  eventsMaxSubscribers: z.coerce.number().int().min(1).max(100_000).default(100),
  /** Bytes of events a subscriber may have unread before it is dropped. */
  eventsBufferBytes: z.coerce.number().int().min(4096).max(1_073_741_824).default(262_144),
  /** One log line per provider request at info level (provider, operation, account, status, scenario rule). */
  requestLog: z.enum(['on', 'off']).default('on'),
  /** Human-readable logs instead of JSON lines. */
  pretty: z.boolean().default(false),
  /** Checks every answer and callback against the served OpenAPI document (a CI catch for drift); off: no hook at all. */
  validateResponses: z.boolean().default(false),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

/** Each option: its flag, its environment variable, and what --help says. */
export const OPTIONS = {
  port: { flag: 'port', env: 'PORT', help: 'port to listen on' },
  host: { flag: 'host', env: 'HOST', help: 'address to listen on' },
  data: { flag: 'data', env: 'SIM_DATA', help: 'JSON data file to persist state in (memory only if unset)' },
  seed: { flag: 'seed', env: 'SIM_SEED', help: 'seed of the generator behind every id, code and random outcome' },
  fixtures: { flag: 'fixtures', env: 'SIM_FIXTURES', help: 'directory of fixture files (accounts, media, numbering)' },
  logLevel: { flag: 'log-level', env: 'LOG_LEVEL', help: 'fatal, error, warn, info, debug, trace or silent' },
  clock: { flag: 'clock', env: 'SIM_CLOCK', help: 'real, manual or x<factor> for a sped-up clock (factor up to 10000)' },
  journalSize: { flag: 'journal-size', env: 'SIM_JOURNAL_SIZE', help: 'requests kept in the journal' },
  bodyLimit: { flag: 'body-limit', env: 'SIM_BODY_LIMIT', help: 'largest request body in bytes' },
  uploadLimit: { flag: 'upload-limit', env: 'SIM_UPLOAD_LIMIT', help: 'largest uploaded media file in bytes (Unibell)' },
  persistDebounceMs: { flag: 'persist-debounce-ms', env: 'SIM_PERSIST_DEBOUNCE_MS', help: 'milliseconds between a change and its write' },
  scenarios: { flag: 'scenarios', env: 'SIM_SCENARIOS', help: 'directory of scenario files (YAML or JSON)' },
  scenario: { flag: 'scenario', env: 'SIM_SCENARIO', help: 'scenario(s) active from the start, comma-separated' },
  adminToken: { flag: 'admin-token', env: 'SIM_ADMIN_TOKEN', help: 'token the /_sim admin API requires (Authorization: Bearer)' },
  callbackTimeoutMs: { flag: 'callback-timeout-ms', env: 'SIM_CALLBACK_TIMEOUT_MS', help: 'real milliseconds a callback receiver has to answer' },
  maxSessionsPerAccount: { flag: 'max-sessions-per-account', env: 'SIM_MAX_SESSIONS_PER_ACCOUNT', help: 'live Devino sessions per account; a login past it ends the oldest' },
  mediaQuotaBytes: { flag: 'media-quota-bytes', env: 'SIM_MEDIA_QUOTA_BYTES', help: 'bytes of Unibell media per personal account' },
  mediaQuotaFiles: { flag: 'media-quota-files', env: 'SIM_MEDIA_QUOTA_FILES', help: 'Unibell media files and folders per personal account' },
  callbackAllow: { flag: 'callback-allow', env: 'SIM_CALLBACK_ALLOW', help: 'hosts, addresses and CIDR ranges callbacks may go to, comma-separated (unset: anywhere)' },
  eventsMaxSubscribers: { flag: 'events-max-subscribers', env: 'SIM_EVENTS_MAX_SUBSCRIBERS', help: 'clients of /_sim/events at once (429 beyond)' },
  eventsBufferBytes: { flag: 'events-buffer-bytes', env: 'SIM_EVENTS_BUFFER_BYTES', help: 'unread event bytes before a subscriber is dropped' },
  requestLog: { flag: 'request-log', env: 'SIM_REQUEST_LOG', help: 'on or off: a log line per provider request at info level' },
} as const satisfies Record<Exclude<keyof Config, BooleanOption>, { flag: string; env: string; help: string }>;

/** On/off options: a bare flag or a truthy environment variable (1, true, yes). */
const BOOLEAN_OPTIONS = {
  pretty: { flag: 'pretty', env: 'SIM_PRETTY', help: 'readable logs instead of JSON lines' },
  validateResponses: { flag: 'validate-responses', env: 'SIM_VALIDATE_RESPONSES', help: 'check every answer and callback against its OpenAPI document; mismatches are logged as errors' },
} as const;
type BooleanOption = keyof typeof BOOLEAN_OPTIONS;

export const isTruthy = (value: string | undefined) => /^(1|true|yes)$/i.test(value ?? '');

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): Config & { help: boolean; version: boolean } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(Object.values(OPTIONS).map((o) => [o.flag, { type: 'string' as const }])),
        ...Object.fromEntries(Object.values(BOOLEAN_OPTIONS).map((o) => [o.flag, { type: 'boolean' as const }])),
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }));
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}.${unknownFlagHint(err, [...[...Object.values(OPTIONS), ...Object.values(BOOLEAN_OPTIONS)].map((o): string => o.flag), 'help', 'version'])} Run with --help to see the options.`);
  }
  const raw: Record<string, unknown> = {};
  for (const [key, o] of Object.entries(OPTIONS)) {
    const value = values[o.flag] ?? env[o.env];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const [key, o] of Object.entries(BOOLEAN_OPTIONS)) if (values[o.flag] === true || isTruthy(env[o.env])) raw[key] = true;
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const named = parsed.error.issues.map((issue) => {
      const key = issue.path[0] as keyof typeof OPTIONS;
      const o = OPTIONS[key];
      return o ? `--${o.flag} (${o.env}): ${issue.message}` : describeZodError(parsed.error);
    });
    throw new ConfigError(`Invalid configuration: ${named.join('; ')}`);
  }
  return { ...parsed.data, help: values.help === true, version: values.version === true };
}

export function helpText(): string {
  const defaults = ConfigSchema.parse({});
  const lines = Object.entries(OPTIONS).map(([key, o]) => {
    const d = key === 'adminToken' ? undefined : defaults[key as keyof Config];
    const left = `  --${o.flag} <value>`.padEnd(32);
    return `${left}${o.help} [env ${o.env}${d === undefined ? '' : `, default ${d}`}]`;
  });
  return [
    'Usage: provider-sim [options]',
    '',
    'Simulates the Devino, Mobilgroup, VoicePassword and Unibell APIs on one port.',
    '',
    'Options:',
    ...lines,
    ...Object.values(BOOLEAN_OPTIONS).map((o) => `${`  --${o.flag}`.padEnd(32)}${o.help} [env ${o.env}, default false]`),
    `${'  -h, --help'.padEnd(32)}show this help`,
    `${'  -v, --version'.padEnd(32)}print the version`,
  ].join('\n');
}
