// The browser test's Chromium, and whether it must be there. On a developer's machine without a
// working Chromium (absent, or present but unable to start) the browser test is skipped with one
// line saying why and how to enable it; in CI (CI=true) or with SIM_REQUIRE_BROWSER=1 it fails.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/index.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const browserRequired = (env: NodeJS.ProcessEnv = process.env) => /^(1|true)$/i.test(env.CI ?? '') || /^(1|true)$/i.test(env.SIM_REQUIRE_BROWSER ?? '');

export const HOW_TO_ENABLE = `install Debian's chromium (apt-get install -y chromium; .ci/run does this) or set CHROMIUM_PATH; with CI=true or SIM_REQUIRE_BROWSER=1 a missing browser fails the run`;

export type Launched = { context: BrowserContext; close(): Promise<void> } | { problem: string };

/** Starts Chromium with a fresh profile, or says why it could not. */
export async function launchChromium(): Promise<Launched> {
  if (!existsSync(CHROMIUM)) return { problem: `no Chromium at ${CHROMIUM}` };
  // A fresh profile each run (playwright passes it to Chromium as --user-data-dir).
  const profile = mkdtempSync(join(tmpdir(), 'provider-sim-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1400, height: 820 }, timeout: 30_000 });
    return {
      context,
      async close() {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    return { problem: `Chromium at ${CHROMIUM} does not start (${(err as Error).message.split('\n')[0]})` };
  }
}

export interface PageOptions {
  width?: number;
  height?: number;
  timeoutMs?: number;
}

export interface BrowserHarness {
  /** No working Chromium here and none required: the file's tests are skipped. */
  skip: boolean;
  /** An in-process simulator, closed after the test. */
  simulator(options?: Parameters<typeof startSimulator>[0]): Promise<RunningSimulator>;
  /** A new page, closed after the test; its script errors and failed loads land in `problems`. */
  page(options?: PageOptions): Promise<{ page: Page; problems: string[] }>;
  /** `page()` at `url`. */
  open(url: string, options?: PageOptions): Promise<{ page: Page; problems: string[] }>;
  /** Runs after the test, last registered first; `label` names it if it hangs. */
  cleanup(fn: () => Promise<void> | void, label?: string): void;
}

/**
 * One browser per test file: launched while the file is collected (so a missing browser skips the
 * tests instead of failing them), with the hooks that close what each test opened.
 */
export async function useBrowser(what: string): Promise<BrowserHarness> {
  const launched = await launchChromium();
  const skip = 'problem' in launched && !browserRequired();
  if ('problem' in launched) {
    const line = skip ? `Skipping the ${what} browser test: ${launched.problem}. To run it, ${HOW_TO_ENABLE}.` : `The browser test needs a working Chromium: ${launched.problem}. ${HOW_TO_ENABLE}.`;
    process.stderr.write(`\n${line}\n`);
  }
  const cleanups: { fn: () => Promise<void> | void; label: string }[] = [];
  let browser: BrowserContext;
  beforeAll(() => {
    if (skip) return;
    if ('problem' in launched) throw new Error(`The browser test needs a working Chromium (CI=true or SIM_REQUIRE_BROWSER=1 is set): ${launched.problem}. ${HOW_TO_ENABLE}.`);
    browser = launched.context;
  });
  afterEach(async () => {
    for (const { fn, label } of cleanups.splice(0).reverse()) {
      // A close that hangs fails the hook after its time-out; this line says which one it was.
      const watchdog = setTimeout(() => process.stderr.write(`\n[${what}] cleanup still running after 10 s: ${label}\n`), 10_000);
      try {
        await fn();
      } finally {
        clearTimeout(watchdog);
      }
    }
  });
  afterAll(async () => {
    if (!('problem' in launched)) await launched.close();
  });
  return {
    skip,
    cleanup: (fn, label = 'a cleanup of the test') => void cleanups.push({ fn, label }),
    async simulator(options = {}) {
      const sim = await startSimulator(options);
      cleanups.push({ fn: () => sim.close(), label: `the simulator at ${sim.url}` });
      return sim;
    },
    page: newPage,
    async open(url, options) {
      const opened = await newPage(options);
      await opened.page.goto(url);
      return opened;
    },
  };

  async function newPage({ width, height, timeoutMs = 10_000 }: PageOptions = {}) {
    const page = await browser.newPage();
    cleanups.push({ fn: () => page.close(), label: 'a page' });
    page.setDefaultTimeout(timeoutMs);
    if (width !== undefined && height !== undefined) await page.setViewportSize({ width, height });
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
    return { page, problems };
  }
}
