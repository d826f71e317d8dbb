// The browser test's Chromium, and whether it must be there. On a developer's machine without a
// working Chromium (absent, or present but unable to start) the browser test is skipped with one
// line saying why and how to enable it; in CI (CI=true) or with SIM_REQUIRE_BROWSER=1 it fails.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

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
