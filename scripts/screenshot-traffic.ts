// The README's screenshot: the sandbox UI after one hour of generated traffic. Rerun it after the UI
// changes (`npm run screenshot`); it writes docs/images/ui-traffic.png (or the path given).
// The traffic is played through the in-process API before the page opens, so the picture does not
// depend on the UI's controls; everything is seeded and on a manual clock, so reruns draw the same data.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { startSimulator } from '../src/index.js';
import { launchChromium } from '../test/helpers/chromium.js';

const out = resolve(process.argv[2] ?? 'docs/images/ui-traffic.png');

async function main() {
  const sim = await startSimulator({ seed: 1 });
  const launched = await launchChromium();
  if ('problem' in launched) throw new Error(launched.problem);
  try {
    await sim.clock.set('2026-03-02T09:00:00Z');
    const report = await sim.traffic({ minutes: 60, seed: 1 });
    const page = await launched.context.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${sim.url}/_sim/ui`);
    // The page loads the records over the admin API and then follows the event stream (so the
    // network is never idle): wait for the rows, then a moment for the rest to render.
    await page.locator('[data-id]').nth(20).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1_000);
    mkdirSync(dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    process.stdout.write(`wrote ${out} (${report.requests} requests played: ${JSON.stringify(report.counts)})\n`);
  } finally {
    await launched.close();
    await sim.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`screenshot failed: ${(err as Error).message}\n`);
  process.exit(1);
});
