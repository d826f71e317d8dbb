// `npm run screenshots`: the README's pictures of the sandbox (docs/screenshots/*.png), taken in
// headless Chromium (CHROMIUM_PATH, default /usr/bin/chromium) from a simulator fed a few messages
// and calls through the providers' own APIs.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startSimulator } from '../src/index.js';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const sim = await startSimulator({ seed: 19, clock: 'manual' });
const post = (path: string, body: Record<string, string | string[]>, type: 'form' | 'json' = 'form') =>
  fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': type === 'form' ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: type === 'form' ? new URLSearchParams(Object.entries(body).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString() : JSON.stringify(body),
  }).then((r) => r.json() as Promise<unknown>);
const advance = (by: string) => post('/_sim/clock/advance', { by }, 'json');
await post('/_sim/clock', { now: '2026-03-02T09:15:00Z' }, 'json');

const session = (await (await fetch(`${sim.url}/devino/rest/User/SessionId?login=user&password=userpasswd`)).json()) as string;
const sms = (to: string, text: string) => post('/devino/rest/Sms/Send', { SessionID: session, DestinationAddress: to, SourceAddress: 'DEVINO', Data: text });
await sms('79161002030', 'Ваш код для входа: 4821. Никому его не сообщайте.');
await advance('40s');
await post('/voicepassword/api/voice-password/send/', { security: { apiKey: 'demo-voicepassword-key' }, number: '79161002030', capacity: '4' } as never, 'json');
await advance('2m');
await sms('79035550011', 'Заказ 5521 доставлен в пункт выдачи на Тверской, 12. Хранение 5 дней.');
await advance('1m');
await sms('79161002030', 'Здравствуйте! Ваш заказ 5521 собран и ждёт вас в пункте выдачи на Тверской до пятницы включительно. Код получения 4821.');
await advance('30s');
await sms('79265554433', 'Напоминаем о записи к врачу завтра в 10:30.');
await advance('5m');
await post('/_sim/phones/79161002030/sms', { text: 'Спасибо, заберу в четверг' }, 'json');
await advance('10s');

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
  await page.goto(`${sim.url}/_sim/ui`);
  await page.waitForSelector('#live.live-on');
  await page.locator('[data-testid="record-row"]').nth(4).waitFor();
  await page.locator('[data-testid="record-row"]').nth(2).click();
  await page.locator('[data-testid="detail"]').waitFor();
  await page.screenshot({ path: join(OUT, 'inbox.png') });
  await page.locator('[data-testid="detail"] [data-testid="phone-link"]').click();
  await page.locator('[data-testid="phone"] .thread li.sent').waitFor();
  await page.screenshot({ path: join(OUT, 'phone.png') });
  process.stdout.write(`wrote ${join(OUT, 'inbox.png')} and ${join(OUT, 'phone.png')}\n`);
} finally {
  await browser.close();
  await sim.close();
}
