// runConformance: every case of the suite against the user's adapters and one simulator (started
// here on a free loopback port with a manual clock, or the one at `url`). Runner-agnostic: it
// resolves to a report; registerConformance turns the same run into one test per case.
import { createAdminClient } from '../clients/admin/index.js';
import { createDevinoApi } from '../clients/devino/index.js';
import { createMobilgroupClient } from '../clients/mobilgroup/index.js';
import { createUnibellClient } from '../clients/unibell/index.js';
import { createVoicePasswordClient } from '../clients/voicepassword/index.js';
import { startSimulator } from '../index.js';
import { bridgeFetch, CREDENTIALS_HEADER } from './bridge.js';
import { Coverage, type CaseDef } from './coverage.js';
import { startReceiver } from './receiver.js';
import type { Clients, Env, SuiteContext } from './suiteContext.js';
import { devinoSuite } from './suites/devino.js';
import { mobilgroupSuite } from './suites/mobilgroup.js';
import { unibellSuite } from './suites/unibell.js';
import { voicepasswordSuite } from './suites/voicepassword.js';
import { PROVIDERS, type CaseResult, type ConformanceAdapters, type ConformanceReport, type OperationAdapter, type ProviderCoverage, type ProviderSlug } from './types.js';
import { DEFAULT_CREDENTIALS, MOUNTS } from './wire.js';

export type { Clients, Env, SuiteContext, UnibellAuthVia } from './suiteContext.js';

export interface ConformanceOptions {
  /** A running simulator to use instead of starting one (its clock is switched to manual, its state reset). */
  url?: string;
  /** The admin token of that simulator, if it requires one. */
  adminToken?: string;
  /** Real milliseconds a case may take (default 60 000). */
  caseTimeoutMs?: number;
  /** Called after each case, for progress output. */
  onCase?(result: CaseResult): void;
}

function clients(fetchFor: (slug: ProviderSlug) => typeof fetch | undefined): Clients {
  return {
    devino: (baseUrl, as) => ({ api: createDevinoApi({ baseUrl, fetch: fetchFor('devino'), headers: as ? { [CREDENTIALS_HEADER]: JSON.stringify(as) } : undefined }) }),
    mobilgroup: (baseUrl, auth) => createMobilgroupClient({ baseUrl, auth, fetch: fetchFor('mobilgroup') }),
    voicepassword: (baseUrl, apiKey, via) => createVoicePasswordClient({ baseUrl, apiKey, authVia: via, fetch: fetchFor('voicepassword') }),
    unibell: (baseUrl, accessKey, via) => createUnibellClient({ baseUrl, accessKey, authVia: via, fetch: fetchFor('unibell') }),
  };
}

/** The suite's cases, registered but not run. */
export function buildKit(env: () => Env): Coverage {
  const cover = new Coverage();
  const ctx: SuiteContext = { env, cover };
  devinoSuite(ctx);
  mobilgroupSuite(ctx);
  voicepasswordSuite(ctx);
  unibellSuite(ctx);
  return cover;
}

/** Why a case cannot run against this adapter, or undefined when it can. */
export function notCoveredBecause(c: CaseDef, adapter: Pick<OperationAdapter, 'operations' | 'sessions'>): string | undefined {
  const missing = c.operations.filter((op) => !adapter.operations.includes(op));
  if (missing.length) return `the adapter does not implement ${missing.join(', ')}`;
  const sessions = adapter.sessions ?? 'explicit';
  if (c.needs.sessions === 'explicit' && sessions === 'managed') return 'needs explicit session ids (the adapter manages its own session)';
  if (c.needs.sessions === 'managed' && sessions === 'explicit') return 'checks that a managed session is renewed (the adapter takes explicit session ids)';
  return undefined;
}

const caseName = (c: Pick<CaseDef, 'operations' | 'name'>) => `${c.operations.join(' + ')}: ${c.name}`;

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const messageOf = (err: unknown) => {
  const e = err as Error & { cause?: unknown };
  const cause = e?.cause instanceof Error && !e.message.includes(e.cause.message) ? ` (${e.cause.message})` : '';
  return `${e?.message ?? String(err)}${cause}`;
};

export async function runConformance(adapters: ConformanceAdapters, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const caseTimeoutMs = options.caseTimeoutMs ?? 60_000;
  const started = options.url ? undefined : await startSimulator({ seed: 7 });
  const url = (options.url ?? started?.url ?? '').replace(/\/+$/, '');
  const admin = createAdminClient({ baseUrl: url, token: options.adminToken });
  const receiver = await startReceiver();
  const results: CaseResult[] = [];
  const coverage: Partial<Record<ProviderSlug, ProviderCoverage>> = {};
  let env: Env | undefined;
  const cover = buildKit(() => {
    if (!env) throw new Error('the simulator is not running');
    return env;
  });
  const ref = clients(() => undefined);
  const report = (c: CaseDef, status: CaseResult['status'], durationMs: number, message?: string) => {
    const result: CaseResult = { provider: c.provider, name: caseName(c), operations: c.operations, status, message, durationMs };
    results.push(result);
    options.onCase?.(result);
  };

  try {
    await admin.setClock({ mode: 'manual' });
    for (const slug of PROVIDERS) {
      const factory = adapters[slug];
      if (!factory) continue;
      const cases = cover.cases.filter((c) => c.provider === slug);
      let adapter: OperationAdapter;
      try {
        adapter = await factory({ provider: slug, baseUrl: `${url}${MOUNTS[slug]}`, credentials: DEFAULT_CREDENTIALS[slug] });
      } catch (err) {
        for (const c of cases) report(c, 'failed', 0, `the adapter could not be created: ${messageOf(err)}`);
        continue;
      }
      let current: CaseDef | undefined;
      const guard = (op: string) => {
        if (current && !current.operations.includes(op)) throw new Error(`the case called ${op}, which it does not declare (a bug of the suite)`);
      };
      const fetchFor = (s: ProviderSlug) => {
        if (s === slug) return bridgeFetch(slug, adapter, { guard, credentials: DEFAULT_CREDENTIALS[slug] });
        return (() => Promise.reject(new Error(`a ${slug} case called ${s}`))) as typeof fetch;
      };
      cover.useCallbackParser(slug, adapter);
      env = { url, admin, receiver, ref, adapters: clients(fetchFor), setTime: async (epochMs) => void (await admin.setClock({ now: epochMs })) };
      try {
        let setupError: string | undefined;
        try {
          for (const setup of cover.setups.get(slug) ?? []) await withTimeout(setup(), caseTimeoutMs, `the ${slug} set-up`);
        } catch (err) {
          setupError = `the ${slug} set-up failed: ${messageOf(err)}`;
        }
        for (const c of cases) {
          const why = notCoveredBecause(c, adapter);
          if (why) {
            report(c, 'not covered', 0, why);
            continue;
          }
          if (setupError) {
            report(c, 'failed', 0, setupError);
            continue;
          }
          const t0 = performance.now();
          current = c;
          cover.begin(c);
          try {
            await withTimeout(c.fn(), caseTimeoutMs, 'the case');
            cover.end(true);
            cover.passedCases.push(c);
            report(c, 'passed', performance.now() - t0);
          } catch (err) {
            cover.end(false);
            report(c, 'failed', performance.now() - t0, messageOf(err));
          } finally {
            current = undefined;
          }
        }
        coverage[slug] = cover.coverage(slug, new Set(adapter.operations));
      } finally {
        await adapter.close?.();
      }
    }
  } finally {
    await receiver.close();
    await started?.close();
  }
  const count = (s: CaseResult['status']) => results.filter((r) => r.status === s).length;
  return { url, cases: results, coverage, passed: count('passed'), failed: count('failed'), notCovered: count('not covered'), ok: count('failed') === 0 };
}

/** Test functions of vitest (or jest, mocha): the kit registers one test per case with them. */
export interface TestRegistrar {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: (context?: { skip?: (note?: string) => void }) => void | Promise<void>): void;
  beforeAll(fn: () => Promise<void>, timeoutMs?: number): void;
}

/**
 * Registers the run with a test runner: the run happens once, before the tests, and each case is a
 * test that fails with the case's message; a case not covered is skipped when the runner can skip.
 */
export function registerConformance(adapters: ConformanceAdapters, runner: TestRegistrar, options: ConformanceOptions & { onReport?(report: ConformanceReport): void } = {}) {
  let report: ConformanceReport | undefined;
  const cases = buildKit(() => {
    throw new Error('not running');
  }).cases.filter((c) => adapters[c.provider]);
  runner.beforeAll(async () => {
    report = await runConformance(adapters, options);
    options.onReport?.(report);
  }, 30 * 60_000);
  for (const slug of PROVIDERS) {
    const mine = cases.filter((c) => c.provider === slug);
    if (!mine.length) continue;
    runner.describe(slug, () => {
      for (const c of mine) {
        runner.it(caseName(c), (context) => {
          const result = report?.cases.find((r) => r.provider === slug && r.name === caseName(c));
          if (!result) throw new Error('the conformance run did not reach this case');
          if (result.status === 'failed') throw new Error(result.message);
          if (result.status === 'not covered') context?.skip?.(result.message);
        });
      }
    });
  }
}
