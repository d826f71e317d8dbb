// The sandbox as an inbox (issue 19), driven in headless Chromium: rows with recipient and text,
// search by every spelling of a number and by a word, the subscriber's phone with a reply, a readable
// detail, requests with headers and a curl line, no sideways overflow at 420 and 1280 px, the dark
// theme, the API reference; then 100,000 stored messages and 1,000 a second arriving. Screenshots of
// each view go to test-artifacts/ui/; the speed figures to test-artifacts/ui/speed.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/index.js';
import { generateState } from '../../bench/state.js';
import { useBrowser } from '../helpers/chromium.js';
import { form, readJson } from '../helpers/server.js';
import { VP_KEY } from '../scenarios/helpers.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/ui/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

const b = await useBrowser('sandbox inbox');
beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
/** The page is no wider than the window (browser-side expressions as text: the test has no DOM types). */
const overflow = (page: Page) => page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;
const rowIds = (page: Page) => page.$$eval('[data-testid="record-row"]', (rows) => rows.map((r) => r.getAttribute('data-id') ?? ''));

async function devinoSend(sim: RunningSimulator, to: string, text: string): Promise<string[]> {
  const session = await readJson(await fetch(`${sim.url}/devino/rest/User/SessionId?login=user&password=userpasswd`));
  return readJson(await fetch(`${sim.url}/devino/rest/Sms/Send`, form({ SessionID: session, DestinationAddress: to, SourceAddress: 'DEVINO', Data: text })));
}

async function flashCall(sim: RunningSimulator, number: string): Promise<{ id: string; code: string }> {
  const res = await fetch(`${sim.url}/voicepassword/api/voice-password/send/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ security: { apiKey: VP_KEY }, number, capacity: '4' }),
  });
  return readJson(res);
}

async function search(page: Page, text: string) {
  await page.fill('[data-testid="search"]', text);
}

const LONG = 'Здравствуйте! Ваш заказ 5521 собран и ждёт вас в пункте выдачи на Тверской до пятницы включительно. Код получения 4821.';

describe.skipIf(b.skip)('sandbox inbox in Chromium', () => {
  it('lists, searches, opens the phone and the detail, replays requests, and fits 420 and 1280 px in both themes', async () => {
    const sim = await b.simulator({ seed: 7 });
    const [shortId] = await devinoSend(sim, '79161002030', 'Код 4821 привет');
    const longIds = await devinoSend(sim, '79161002030', LONG);
    const [otherId] = await devinoSend(sim, '79035550011', 'Другой абонент');
    // Records of two providers made at one simulated instant have no order between them: a second apart.
    await fetch(`${sim.url}/_sim/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ by: '1s' }) });
    const call = await flashCall(sim, '79161002030');
    await fetch(`${sim.url}/_sim/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ by: '5m' }) });

    const { page, problems } = await b.open(`${sim.url}/_sim/ui`, { width: 1280, height: 800 });
    await page.waitForSelector('#live.live-on');
    // 1. An inbox: provider, kind, recipient, the text's beginning, state with its description, time.
    const row = page.locator(`[data-testid="record-row"][data-id="${shortId}"]`);
    await row.waitFor();
    const rowText = await row.textContent();
    for (const part of ['devino', 'sms', '+7 916 100-20-30', 'Код 4821 привет', 'Доставлено абоненту']) expect(rowText).toContain(part);
    expect(rowText).toMatch(/\d\d-\d\d \d\d:\d\d/);
    expect(await page.textContent(`[data-testid="record-row"][data-id="${call.id}"]`)).toContain(`code ${call.code}`);
    expect((await rowIds(page))[0]).toBe(call.id); // newest first
    await shot(page, 'inbox');

    // 2. Search by every spelling of the number, and by a word of a text, as it is typed.
    for (const spelling of ['+7 916 100-20-30', '89161002030', '79161002030', '+79161002030']) {
      await search(page, spelling);
      await expect.poll(async () => (await rowIds(page)).sort()).toEqual([call.id, shortId, ...longIds].sort());
    }
    await search(page, 'привет');
    await expect.poll(() => rowIds(page)).toEqual([shortId]);
    await search(page, 'абонент');
    await expect.poll(() => rowIds(page)).toEqual([otherId]);
    await shot(page, 'search');
    await search(page, '');
    await expect.poll(async () => (await rowIds(page)).length).toBeGreaterThanOrEqual(4 + longIds.length - 1);

    // 3. The subscriber's phone: SMS bubbles with their sender (every part, in order), the flash call's code; a reply.
    await row.locator('[data-testid="phone-link"]').click();
    const phone = page.locator('[data-testid="phone"]');
    await phone.waitFor();
    expect(await phone.getAttribute('data-number')).toBe('79161002030');
    const bubbles = phone.locator('.thread li.received');
    await expect.poll(() => bubbles.count()).toBe(1 + longIds.length);
    expect(await bubbles.first().textContent()).toContain('DEVINO');
    const parts = await phone.locator('.thread li.received[data-part] .body').allTextContents();
    expect(parts.slice(1).join('')).toBe(LONG);
    expect(longIds.length).toBeGreaterThan(1);
    expect(await phone.locator('.thread li.call').textContent()).toContain(`code ${call.code}`);
    await phone.locator('textarea').fill('Спасибо, заберу');
    await phone.locator('.reply button').click();
    await phone.locator('.thread li.sent:has-text("Спасибо, заберу")').waitFor();
    expect(await sim.messages({ kind: 'incoming-sms' })).toMatchObject([{ provider: 'devino', account: 'user' }]);
    expect(await overflow(page)).toBe(0);
    await shot(page, 'phone');

    // 4. A readable detail: timeline in UTC and Moscow time, the provider's view as a table, no epoch numbers.
    await row.click();
    const detail = page.locator('[data-testid="detail"]');
    await detail.waitFor();
    // What is on screen (innerText leaves out the JSON, hidden until asked for).
    const detailText = await detail.innerText();
    expect(detailText).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC · (\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d MSK/);
    expect(detailText).toContain('Доставлено абоненту');
    expect(detailText).not.toMatch(/\d{13}/);
    expect(await detail.locator('.provider-view table').textContent()).toContain('79161002030');
    await detail.locator('.provider-view button').click();
    expect(await detail.locator('.provider-view pre').textContent()).toContain('"to": "79161002030"');
    expect(await overflow(page)).toBe(0);
    await shot(page, 'detail');

    // 5. Requests: method, path, headers with secrets masked, body, answer, copy as curl.
    await page.click('[data-tab="journal"]');
    const sendLine = page.locator('.request:has-text("/voicepassword/api/voice-password/send/") .request-line');
    await sendLine.first().click();
    const req = page.locator('[data-testid="request-detail"]');
    expect(await req.textContent()).toContain('content-type');
    expect(await req.textContent()).toContain('"result":"ok"'.replace(':', ': '));
    expect(await page.textContent('[data-testid="curl"]')).toMatch(/^curl -X POST 'http:\/\/127\.0\.0\.1:\d+\/voicepassword\/api\/voice-password\/send\/'/);
    await req.locator('[data-testid="copy-curl"]').click();
    await shot(page, 'requests');

    // 7. The way around: the API reference link.
    const href = await page.getAttribute('[data-testid="api-reference"]', 'href');
    expect(href).toBe('/_sim/openapi/');
    expect((await fetch(`${sim.url}${href}`)).status).toBe(200);

    // 6. Layout: nothing overflows sideways at 1280 or 420 px, with the detail or the phone open; the dark theme reads.
    await page.click('[data-tab="records"]');
    for (const width of [1280, 420]) {
      await page.setViewportSize({ width, height: 800 });
      await row.click();
      await detail.waitFor();
      expect(await overflow(page)).toBe(0);
      await page.locator('[data-testid="detail"] [data-testid="phone-link"]').click();
      await phone.waitFor();
      expect(await overflow(page)).toBe(0);
      await shot(page, `phone-${width}`);
      await page.keyboard.press('Escape');
      expect(await overflow(page)).toBe(0);
      await shot(page, `inbox-${width}`);
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate('getComputedStyle(document.documentElement).backgroundColor')).toBe('rgb(18, 22, 29)');
    expect(await page.evaluate("getComputedStyle(document.querySelector('.vscroll')).color")).toBe('rgb(227, 231, 238)');
    await page.setViewportSize({ width: 1280, height: 800 });
    await row.click();
    await shot(page, 'dark');
    // Keyboard: `/` reaches the search, Tab a row, Enter opens it.
    await page.keyboard.press('Escape');
    await page.keyboard.press('/');
    expect(await page.evaluate('document.activeElement.dataset.testid')).toBe('search');
    expect(problems).toEqual([]);
  }, 60_000);

  it('after a restart with --data the stored records are listed, and the phone view finds them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-ui-data-'));
    b.cleanup(() => rmSync(dir, { recursive: true, force: true }));
    const data = join(dir, 'state.json');
    const first = await startSimulator({ data });
    const [id] = await devinoSend(first, '79161002030', 'До перезапуска');
    await first.close();
    const sim = await b.simulator({ data });
    const { page, problems } = await b.open(`${sim.url}/_sim/ui`, { width: 1280, height: 800 });
    await page.locator(`[data-testid="record-row"][data-id="${id}"]`).waitFor();
    await search(page, '8 916 100 20 30');
    await expect.poll(() => rowIds(page)).toEqual([id]);
    expect(problems).toEqual([]);
  }, 30_000);

  it('with 100,000 stored messages: loads, searches, and stays responsive while 1,000 a second arrive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-ui-100k-'));
    b.cleanup(() => rmSync(dir, { recursive: true, force: true }));
    const data = join(dir, 'state.json');
    const COUNT = 100_000;
    const { sampleId } = await generateState(data, FIXTURES, COUNT);
    const sim = await b.simulator({ data, fixtures: FIXTURES, clock: 'manual' });

    const { page } = await b.page({ width: 1280, height: 800, timeoutMs: 20_000 });
    const started = performance.now();
    await page.goto(`${sim.url}/_sim/ui`);
    await page.locator('[data-testid="record-row"]').first().waitFor();
    const loadMs = performance.now() - started;
    expect(Number(await page.textContent('#count-records'))).toBeGreaterThanOrEqual(COUNT);
    await shot(page, 'inbox-100k');

    // A search on 100,000 records, as typed: the sample message's number.
    const typed = performance.now();
    await search(page, sampleId);
    await expect.poll(() => rowIds(page), { timeout: 20_000 }).toEqual([sampleId]);
    const searchMs = performance.now() - typed;
    await search(page, '');

    // 1,000 messages a second for 3 seconds (SendBulk of 100 every 100 ms), while the page is measured:
    // the longest gap between animation frames, and a search typed meanwhile.
    await page.evaluate(`(() => { window.__gaps = []; let last = performance.now(); const tick = (t) => { window.__gaps.push(t - last); last = t; if (window.__gaps.length < 100000) requestAnimationFrame(tick); }; requestAnimationFrame(tick); })()`);
    const session = JSON.parse((await sim.simulator.app.inject({ url: '/devino/rest/User/SessionId?login=user&password=userpasswd' })).body) as string;
    const numbers = Array.from({ length: 100 }, (_, i) => `7926${String(i).padStart(7, '0')}`);
    let sent = 0;
    const load = (async () => {
      for (let tick = 0; tick < 30; tick++) {
        const res = await sim.simulator.app.inject({ method: 'POST', url: '/devino/rest/Sms/SendBulk', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams([['SessionID', session], ['SourceAddress', 'DEVINO'], ['Data', `Нагрузка ${tick}`], ...numbers.map((n): [string, string] => ['DestinationAddresses', n])] as [string, string][]).toString() });
        sent += (JSON.parse(res.body) as string[]).length;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await new Promise((r) => setTimeout(r, 1000));
    const typedUnderLoad = performance.now();
    await search(page, 'Нагрузка 5');
    await page.locator('[data-testid="record-row"]:has-text("Нагрузка 5")').first().waitFor();
    const searchUnderLoadMs = performance.now() - typedUnderLoad;
    await load;
    const gaps = (await page.evaluate('window.__gaps')) as number[];
    const sorted = [...gaps].sort((a, b) => a - b);
    const figures = {
      stored: COUNT,
      loadMs: Math.round(loadMs),
      searchMs: Math.round(searchMs),
      sentDuringLoad: sent,
      searchUnderLoadMs: Math.round(searchUnderLoadMs),
      frames: gaps.length,
      frameGapP50Ms: Math.round(sorted[Math.floor(sorted.length / 2)]),
      frameGapP99Ms: Math.round(sorted[Math.floor(sorted.length * 0.99)]),
      frameGapMaxMs: Math.round(sorted[sorted.length - 1]),
    };
    writeFileSync(join(ARTIFACTS, 'speed.json'), `${JSON.stringify(figures, null, 2)}\n`);
    process.stderr.write(`\nsandbox UI speed: ${JSON.stringify(figures)}\n`);
    expect(sent).toBe(3000);
    await shot(page, 'inbox-under-load');
  }, 180_000);
});
