// Devino through its adapter: sessions and their expiry, balance, the three sends with segments and
// money, SMS states on the clock (delivered, rejected, expired, unknown), incoming SMS, statistics,
// voice messages through every state, and every error code of the catalogue.
import { beforeAll, expect } from 'vitest';
import type { DevinoAdapter } from '../adapters.js';
import type { SuiteContext } from '../index.js';

const T0 = Date.parse('2030-03-01T09:00:00Z');
const LOGIN = 'user';
const PASSWORD = 'userpasswd';
const TO = '79161234567';
const FROM = 'DEVINO';

export function devinoSuite({ env, cover }: SuiteContext) {
  let devino: DevinoAdapter;
  let sid: string;
  const c = (ops: string | string[], name: string, fn: () => Promise<void>) => cover.case('devino', ops, name, fn);
  const err = (p: Promise<unknown>, code: number) => cover.expectError('devino', p, code);
  const advance = (by: string | number) => env().admin.advance(by);
  const balance = () => devino.api.balance(sid);

  cover.unreachable('devino', 8, 'a gateway failure: only the scenario engine injects it');
  cover.unreachable('devino', 9, 'an internal server error: only the scenario engine injects it');

  beforeAll(async () => {
    await env().admin.reset();
    await env().setTime(T0);
    devino = env().adapters.devino(`${env().url}/devino/rest`);
    sid = await devino.api.sessionId(LOGIN, PASSWORD);
  });

  c('getSessionId', 'a login and password buy a 36-character session id', async () => {
    const id = await devino.api.sessionId(LOGIN, PASSWORD);
    expect(id).toMatch(/^[A-Za-z0-9]{36}$/);
    expect(id).not.toBe(sid);
  });

  c('getSessionId', 'errors: wrong password (4), blank login (1), disabled account (7)', async () => {
    const e = await err(devino.api.sessionId(LOGIN, 'wrong'), 4);
    expect((e as unknown as { status: number }).status).toBe(401);
    await err(devino.api.sessionId('', PASSWORD), 1);
    await env().admin.patchAccount('devino', 'test', { disabled: true });
    await err(devino.api.sessionId('test', '11111'), 7);
    await env().admin.patchAccount('devino', 'test', { disabled: false });
    expect(await devino.api.sessionId('test', '11111')).toHaveLength(36);
  });

  c('getBalance', 'the balance is a bare number from the fixtures', async () => {
    expect(await balance()).toBe(20015.3);
  });

  c('getBalance', 'an id never issued is error 3', async () => {
    await err(devino.api.balance('X'.repeat(36)), 3);
  });

  c(['getSessionId', 'getBalance'], 'a session expires after 120 minutes (4); the managed client renews it', async () => {
    const sessions: string[] = [];
    const client = devino.client(LOGIN, PASSWORD, (id) => sessions.push(id));
    expect(await client.balance()).toBe(20015.3);
    const first = await client.sessionId();
    await advance('121m');
    const e = await err(devino.api.balance(first), 4);
    expect(e.message).toMatch(/expired/i);
    expect(await client.balance()).toBe(20015.3);
    expect(sessions).toHaveLength(2);
    expect(await client.sessionId()).not.toBe(first);
    sid = await devino.api.sessionId(LOGIN, PASSWORD);
  });

  c(['sendSms', 'getSmsState'], 'a short SMS is one segment: queued, sent, delivered, priced at the operator tariff', async () => {
    const before = await balance();
    const ids = await devino.api.sendSms(sid, { to: TO, from: FROM, text: 'Код 1234' });
    expect(ids).toHaveLength(1);
    expect(await balance()).toBeCloseTo(before - 0.35, 4);
    expect((await devino.api.smsState(sid, ids[0])).state).toBe(-2);
    await advance('1s');
    expect((await devino.api.smsState(sid, ids[0])).state).toBe(-1);
    await advance('5s');
    const s = await devino.api.smsState(sid, ids[0]);
    expect(s).toMatchObject({ state: 0, description: 'Доставлено абоненту', price: 0.35 });
    expect(s.createdAt).toBeLessThanOrEqual(s.reportedAt ?? 0);
    expect(typeof s.updatedAt).toBe('number');
  });

  c('sendSms', 'a long Cyrillic text is split into 67-character segments, each charged', async () => {
    const before = await balance();
    const ids = await devino.api.sendSms(sid, { to: TO, from: FROM, text: 'Ж'.repeat(140) });
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(await balance()).toBeCloseTo(before - 3 * 0.35, 4);
  });

  c(['sendSms', 'sendSmsBulk', 'sendVoice'], 'errors: blank text (1), bad number (2), over 2000 characters (2), unknown sender (6), no money (5)', async () => {
    await err(devino.api.sendSms(sid, { to: TO, from: FROM, text: '' }), 1);
    await err(devino.api.sendSms(sid, { to: 'not-a-number', from: FROM, text: 'x' }), 2);
    await err(devino.api.sendSms(sid, { to: TO, from: FROM, text: 'a'.repeat(2001) }), 2);
    await err(devino.api.sendSms(sid, { to: TO, from: 'NOTMINE', text: 'x' }), 6);
    const empty = await devino.api.sessionId('empty', 'empty');
    await err(devino.api.sendSms(empty, { to: TO, from: FROM, text: 'x' }), 5);
    await err(devino.api.sendSmsBulk(empty, { to: [TO, '79031234567'], from: FROM, text: 'x' }), 5);
    await err(devino.api.sendVoice(empty, { from: '74957722345', to: TO, fileId: 21 }), 5);
  });

  c('sendSmsByTimeZone', "the send date is read in the recipient's time zone (UTC+5 here)", async () => {
    const now = (await env().admin.clock()).epochMs;
    const due = now + 2 * 3_600_000;
    // The wall time at UTC+5 when it is `due`; read in Moscow time it would be two hours later.
    const sendDate = new Date(due + 5 * 3_600_000).toISOString().slice(0, 19);
    const ids = await devino.api.sendSmsByTimeZone(sid, { to: '79121234567', from: FROM, text: 'Напоминание', sendDate });
    expect(ids).toHaveLength(1);
    await advance(due - now - 60_000);
    // Two hours outlive the session: log in again, as the managed client would.
    sid = await devino.api.sessionId(LOGIN, PASSWORD);
    expect((await devino.api.smsState(sid, ids[0])).state).toBe(-2);
    await advance('2m');
    expect((await devino.api.smsState(sid, ids[0])).state).toBe(0);
  });

  c('sendSmsBulk', 'several numbers: ids number by number; one bad number rejects the batch (2)', async () => {
    const ids = await devino.api.sendSmsBulk(sid, { to: [TO, '79031234567'], from: FROM, text: 'Всем привет' });
    expect(ids).toHaveLength(2);
    const before = await balance();
    await err(devino.api.sendSmsBulk(sid, { to: [TO, 'bad'], from: FROM, text: 'x' }), 2);
    expect(await balance()).toBe(before);
  });

  c(['sendSms', 'getSmsState'], 'magic numbers: rejected by the SMS centre (42) and by the platform (48)', async () => {
    const [a] = await devino.api.sendSms(sid, { to: '79990000001', from: FROM, text: 'x' });
    const [b] = await devino.api.sendSms(sid, { to: '79990000003', from: FROM, text: 'x' });
    await advance('10s');
    expect((await devino.api.smsState(sid, a)).state).toBe(42);
    expect((await devino.api.smsState(sid, b)).state).toBe(48);
  });

  c(['sendSms', 'getSmsState'], 'an undeliverable SMS expires (46) when its validity runs out', async () => {
    const [id] = await devino.api.sendSms(sid, { to: '79990000002', from: FROM, text: 'x', validityMinutes: 1 });
    await advance('30s');
    expect((await devino.api.smsState(sid, id)).state).toBe(-1);
    await advance('1m');
    expect((await devino.api.smsState(sid, id)).state).toBe(46);
  });

  c('getSmsState', 'an unknown id answers 255 with null dates and price', async () => {
    const s = await devino.api.smsState(sid, 'GW02NOSUCHID');
    expect(s).toMatchObject({ state: 255, createdAt: null, submittedAt: null, reportedAt: null, price: null });
  });

  c('getSmsState', 'a blank message id is error 1', async () => {
    await err(devino.api.smsState(sid, ''), 1);
  });

  c('getIncomingSms', 'incoming SMS of a period: one injected through the admin API, one a magic number replies', async () => {
    const start = (await env().admin.clock()).epochMs;
    await env().admin.devino.injectIncoming({ account: LOGIN, from: '79031112233', text: 'Стоп' });
    await devino.api.sendSms(sid, { to: '79990000005', from: FROM, text: 'Подтвердите запись' });
    await advance('1m');
    const list = await devino.api.incomingSms(sid, { from: start - 1000, to: start + 120_000 });
    expect(list.map((m) => m.text)).toEqual(['Стоп', 'Да']);
    expect(list[1]).toMatchObject({ from: '79990000005', to: FROM });
    expect(typeof list[0].id).toBe('number');
  });

  c('getIncomingSms', 'a period that ends before it starts is error 2', async () => {
    const now = (await env().admin.clock()).epochMs;
    await err(devino.api.incomingSms(sid, { from: now, to: now - 60_000 }), 2);
  });

  c('getStatistics', 'counts by state for a period; more than 90 days is error 2', async () => {
    const stats = await devino.api.statistics(sid, { from: T0 - 60_000, to: (await env().admin.clock()).epochMs });
    expect(stats.Delivered).toBeGreaterThanOrEqual(4);
    expect(stats.Rejected).toBe(2);
    expect(stats.Expired).toBe(1);
    expect(stats.Total).toBe(stats.Sent + stats.Delivered + stats.InProcess + stats.Expired + stats.Rejected);
    await err(devino.api.statistics(sid, { from: T0 - 91 * 86_400_000, to: T0 }), 2);
  });

  c(['sendVoice', 'getVoiceState'], 'a voice message: sending (0), sent (1), listened (2)', async () => {
    const before = await balance();
    const id = await devino.api.sendVoice(sid, { from: '74957722345', to: TO, fileId: 21 });
    expect(await balance()).toBeCloseTo(before - 1.2, 4);
    expect(await devino.api.voiceState(sid, id)).toEqual({ state: 0, desc: 'Отправляется' });
    await advance('3s');
    expect((await devino.api.voiceState(sid, id)).state).toBe(1);
    await advance('1m');
    expect(await devino.api.voiceState(sid, id)).toEqual({ state: 2, desc: 'Прослушано' });
  });

  c(['sendVoice', 'getVoiceState'], 'never answered (3), a failing call (4), busy then answered on the retry (2)', async () => {
    const never = await devino.api.sendVoice(sid, { from: '74957722345', to: '79990000011', fileId: 21 });
    const fails = await devino.api.sendVoice(sid, { from: '74957722345', to: '79990000013', fileId: 21 });
    const retry = await devino.api.sendVoice(sid, { from: '74957722345', to: '79990000012', fileId: 22, retryCount: 2, gapMinutes: 1, dtmf: true });
    await advance('1m');
    expect((await devino.api.voiceState(sid, never)).state).toBe(3);
    expect((await devino.api.voiceState(sid, fails)).state).toBe(4);
    expect((await devino.api.voiceState(sid, retry)).state).toBe(0);
    await advance('2m');
    expect((await devino.api.voiceState(sid, retry)).state).toBe(2);
  });

  c('sendVoice', 'errors: unknown file (2), unregistered calling number (6), blank file id (1)', async () => {
    await err(devino.api.sendVoice(sid, { from: '74957722345', to: TO, fileId: 999 }), 2);
    await err(devino.api.sendVoice(sid, { from: '74950000001', to: TO, fileId: 21 }), 6);
    await err(devino.api.sendVoice(sid, { from: '74957722345', to: TO, fileId: '' }), 1);
  });

  c('getVoiceState', 'an unknown message id is error 2', async () => {
    await err(devino.api.voiceState(sid, 987654321), 2);
  });
}
