// The sandbox UI in headless Chromium (Debian's chromium, driven by playwright-core): a page fed
// live by the event stream, and its controls acting on the simulator. Without a working Chromium the
// file is skipped with one line, unless CI=true or SIM_REQUIRE_BROWSER=1 (test/helpers/chromium.ts).
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/index.js';
import { useBrowser } from '../helpers/chromium.js';
import { form, readJson } from '../helpers/server.js';
import { startReceiver, VP_KEY } from '../scenarios/helpers.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/ui/', import.meta.url));

const b = await useBrowser('sandbox UI');

async function sendSms(sim: RunningSimulator, to = '79161002030'): Promise<string> {
  const session = await readJson(await fetch(`${sim.url}/devino/rest/User/SessionId?login=user&password=userpasswd`));
  const [id] = await readJson(await fetch(`${sim.url}/devino/rest/Sms/Send`, form({ SessionID: session, DestinationAddress: to, SourceAddress: 'DEVINO', Data: 'Код 4821' })));
  return id;
}

const row = (id: string, state?: string) => `[data-testid="record-row"][data-id="${id}"]${state === undefined ? '' : `[data-state="${state}"]`}`;

describe.skipIf(b.skip)('sandbox UI in Chromium', () => {
  it('shows an SMS sent through the Devino API as it happens, and its state changing after a clock advance', async () => {
    const sim = await b.simulator({ seed: 11 });
    const { page, problems } = await b.open(`${sim.url}/_sim/ui`, { timeoutMs: 8_000 });
    await page.waitForSelector('#live.live-on');
    const before = Number(await page.getAttribute('#clock-now', 'data-epoch'));

    const id = await sendSms(sim);
    await page.waitForSelector(row(id, '-2'));
    expect(await page.textContent(`${row(id)} .state`)).toBe('-2 В очереди');
    await page.click(row(id));
    await page.waitForSelector('[data-testid="detail"] .timeline li');

    await page.click('[data-advance="10s"]');
    await page.waitForSelector(row(id, '0'));
    expect(await page.textContent(`${row(id)} .state`)).toBe('0 Доставлено абоненту');
    // Locators, not page functions: the page's CSP forbids evaluating strings.
    await page.locator('[data-testid=detail] .timeline li').nth(2).waitFor();
    expect(await page.locator('[data-testid=detail] .timeline li').count()).toBe(3);
    expect(Number(await page.getAttribute('#clock-now', 'data-epoch'))).toBe(before + 10_000);
    // The provider's own view of the record follows too.
    await page.locator('[data-testid=detail] .provider-view pre', { hasText: '"state": 0,' }).waitFor({ state: 'attached' });
    expect(await page.textContent('[data-testid="detail"] .provider-view pre')).toContain('"to": "79161002030"');

    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, 'ui.png');
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
  }, 30_000);

  it('lists requests and callbacks with their attempts, and its controls act on the simulator', async () => {
    const sim = await b.simulator();
    const rx = await startReceiver();
    b.cleanup(() => rx.close(), 'the callback receiver');
    const { page, problems } = await b.open(`${sim.url}/_sim/ui`, { timeoutMs: 8_000 });
    await page.waitForSelector('#live.live-on');

    // A VoicePassword flash call with a callback: the call, then its callback and attempt.
    const res = await fetch(`${sim.url}/voicepassword/api/voice-password/send/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ security: { apiKey: VP_KEY }, number: '79161234567', capacity: '4', callback_url: `${rx.url}/hook` }),
    });
    const call = await readJson(res);
    await page.waitForSelector(`[data-testid="record-row"][data-provider="voicepassword"][data-id="${call.id}"]`);
    await page.fill('#advance-form input', '5m');
    await page.click('#advance-form button');
    await page.click('[data-tab="callbacks"]');
    await page.waitForSelector('#callbacks tbody tr .attempt');
    expect(await page.textContent('#callbacks tbody tr')).toContain(`${rx.url}/hook`);
    expect(await page.textContent('#callbacks tbody tr .attempt')).toMatch(/^#1 200 · \d+ ms/);

    await page.click('[data-tab="journal"]');
    await page.waitForSelector('#journal .request');
    expect(await page.textContent('#journal .request')).toContain('/voicepassword/api/voice-password/send/');
    await page.click('#journal .request .request-line');
    expect(await page.textContent('#journal [data-testid="request-detail"]')).toContain('"result": "ok"');

    // A balance, edited.
    await page.click('[data-tab="accounts"]');
    await page.fill('input[aria-label="Balance of devino user"]', '42.5');
    await page.click('#accounts tr[data-provider="devino"][data-account="user"] button');
    await page.waitForSelector('#accounts tr[data-provider="devino"][data-account="user"] .saved:has-text("saved")');
    expect(sim.simulator.ctx.accounts.get('devino', 'user')).toEqual({ balance: 42.5, disabled: false });

    // A scenario, switched on.
    await page.click('[data-tab="scenarios"]');
    await page.check('input[aria-label="Activate happy-path"]');
    await expect.poll(() => sim.simulator.scenarios.active()).toEqual(['happy-path']);

    // The clock, set.
    // Typed as UTC in 24-hour form, whatever the browser's locale.
    await page.fill('#set-form input', '2031-05-06 17:08:09');
    await page.click('#set-form button');
    await expect.poll(() => sim.clock.now().toISOString()).toBe('2031-05-06T17:08:09.000Z');
    await page.waitForSelector('#clock-now:has-text("2031-05-06 17:08:09 UTC")');
    expect(await page.inputValue('#set-form input')).toBe('2031-05-06 17:08:09');

    // Reset, confirmed.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('#reset');
    await page.click('[data-tab="records"]');
    await page.waitForSelector('[data-testid="record-row"]', { state: 'detached' });
    expect(await sim.messages()).toEqual([]);
    expect(sim.simulator.ctx.accounts.get('devino', 'user')?.balance).toBe(20015.3);
    expect(problems).toEqual([]);
  }, 30_000);

  it('with SIM_ADMIN_TOKEN: a token in the address is kept by the page and taken out of the URL; without one it asks', async () => {
    const sim = await b.simulator({ adminToken: 'desk-token' });
    const { page, problems } = await b.open(`${sim.url}/_sim/ui?token=desk-token`, { timeoutMs: 8_000 });
    await page.waitForSelector('#live.live-on');
    expect(page.url()).toBe(`${sim.url}/_sim/ui`);
    const id = await sendSms(sim);
    await page.waitForSelector(row(id));

    await page.evaluate('localStorage.clear()');
    await page.reload();
    await page.waitForSelector('#token-bar:not([hidden])');
    expect(await page.textContent('#live')).toBe('no token');
    await page.fill('#token-form input', 'desk-token');
    await page.click('#token-form button');
    await page.waitForSelector('#live.live-on');
    await page.waitForSelector(row(id));
    // The 401s of the tokenless load are the only errors the console saw.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  }, 30_000);
});
