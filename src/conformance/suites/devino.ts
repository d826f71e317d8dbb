// Devino through the adapter: sessions and their expiry (or their renewal, for an adapter that
// manages its session), balance, the three sends with segments and money, SMS states on the clock
// (delivered, rejected, expired, unknown), incoming SMS, statistics, voice messages through every
// state, and every error code of the catalogue. A case calls through the adapter only the
// operations it names; what it sets up or checks beside them goes straight to the simulator.
import { callbackRequest } from '../receiver.js';
import type { DevinoApi } from '../../clients/devino/index.js';
import { expect } from '../expect.js';
import type { SuiteContext } from '../suiteContext.js';

const T0 = Date.parse('2030-03-01T09:00:00Z');
const LOGIN = 'user';
const PASSWORD = 'userpasswd';
const TO = '79161234567';
const FROM = 'DEVINO';
const EXPLICIT = { sessions: 'explicit' } as const;

export function devinoSuite({ env, cover }: SuiteContext) {
  let devino: DevinoApi;
  let ref: DevinoApi;
  let sid: string;
  const c = (ops: string | string[], name: string, fn: () => Promise<void>, needs?: { sessions?: 'explicit' | 'managed' }) => cover.case('devino', ops, name, fn, needs);
  const err = (p: Promise<unknown>, code: number) => cover.expectError('devino', p, code);
  const advance = (by: string | number) => env().admin.advance(by);
  const balance = () => ref.balance(sid);
  const smsIs = async (id: string, state: number) => cover.expectState('devino', 'sms', (await devino.smsState(sid, id)).state, state);
  const voiceIs = async (id: number, state: number) => cover.expectState('devino', 'voice', (await devino.voiceState(sid, id)).state, state);
  /** A fresh session of the main account (the clock may have outrun the last one). */
  const relogin = async () => void (sid = await ref.sessionId(LOGIN, PASSWORD));

  cover.unreachable('devino', 8, 'a gateway failure: only the scenario engine injects it');
  cover.unreachable('devino', 9, 'an internal server error: only the scenario engine injects it');

  cover.setup('devino', async () => {
    await env().admin.reset();
    await env().setTime(T0);
    const base = `${env().url}/devino/rest`;
    devino = env().adapters.devino(base).api;
    ref = env().ref.devino(base).api;
    await relogin();
  });

  c('getSessionId', 'a login and password buy a 36-character session id', async () => {
    const id = await devino.sessionId(LOGIN, PASSWORD);
    expect(id).toMatch(/^[A-Za-z0-9]{36}$/);
    expect(id).not.toBe(sid);
  });

  c('getSessionId', 'errors: wrong password (4), blank login (1), disabled account (7)', async () => {
    await err(devino.sessionId(LOGIN, 'wrong'), 4);
    await err(devino.sessionId('', PASSWORD), 1);
    await env().admin.patchAccount('devino', 'test', { disabled: true });
    try {
      await err(devino.sessionId('test', '11111'), 7);
    } finally {
      await env().admin.patchAccount('devino', 'test', { disabled: false });
    }
    expect(await devino.sessionId('test', '11111')).toHaveLength(36);
  });

  c('getBalance', 'the balance is a bare number from the fixtures', async () => {
    expect(await devino.balance(sid)).toBe(20015.3);
  });

  c('getBalance', 'an id never issued is error 3', async () => {
    await err(devino.balance('X'.repeat(36)), 3);
  }, EXPLICIT);

  c(['getSessionId', 'getBalance'], 'a session expires after 120 minutes (4)', async () => {
    const first = await devino.sessionId(LOGIN, PASSWORD);
    expect(await devino.balance(first)).toBe(20015.3);
    await advance('121m');
    await err(devino.balance(first), 4);
    await relogin();
  }, EXPLICIT);

  c('getBalance', 'an adapter that manages its session renews it after 120 minutes', async () => {
    expect(await devino.balance(sid)).toBe(20015.3);
    await advance('121m');
    expect(await devino.balance(sid)).toBe(20015.3);
    await relogin();
  }, { sessions: 'managed' });

  c(['sendSms', 'getSmsState'], 'a short SMS is one segment: queued, sent, delivered, priced at the operator tariff', async () => {
    const before = await balance();
    const ids = await devino.sendSms(sid, { to: TO, from: FROM, text: 'Код 1234' });
    expect(ids).toHaveLength(1);
    expect(await balance()).toBeCloseTo(before - 0.35, 4);
    await smsIs(ids[0], -2);
    await advance('1s');
    await smsIs(ids[0], -1);
    await advance('5s');
    const s = await devino.smsState(sid, ids[0]);
    expect(s).toMatchObject({ state: 0, description: 'Доставлено абоненту', price: 0.35 });
    cover.sawState('devino', 'sms', 0);
    expect(s.createdAt).toBeLessThanOrEqual(s.reportedAt ?? 0);
    expect(typeof s.updatedAt).toBe('number');
  });

  c('sendSms', 'a long Cyrillic text is split into 67-character segments, each charged', async () => {
    const before = await balance();
    const ids = await devino.sendSms(sid, { to: TO, from: FROM, text: 'Ж'.repeat(140) });
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(await balance()).toBeCloseTo(before - 3 * 0.35, 4);
  });

  c('sendSms', 'errors: blank text (1), bad number (2), over 2000 characters (2), unknown sender (6)', async () => {
    await err(devino.sendSms(sid, { to: TO, from: FROM, text: '' }), 1);
    await err(devino.sendSms(sid, { to: 'not-a-number', from: FROM, text: 'x' }), 2);
    await err(devino.sendSms(sid, { to: TO, from: FROM, text: 'a'.repeat(2001) }), 2);
    await err(devino.sendSms(sid, { to: TO, from: 'NOTMINE', text: 'x' }), 6);
  });

  /** The account `empty` has no money: a session of it for an adapter that takes one, its login for one that manages its own. */
  const poor = async () => ({ api: env().adapters.devino(`${env().url}/devino/rest`, { login: 'empty', password: 'empty' }).api, sid: await ref.sessionId('empty', 'empty') });

  c('sendSms', 'an account without money: error 5', async () => {
    const { api, sid: empty } = await poor();
    await err(api.sendSms(empty, { to: TO, from: FROM, text: 'x' }), 5);
  });

  c('sendSmsBulk', 'an account without money: error 5', async () => {
    const { api, sid: empty } = await poor();
    await err(api.sendSmsBulk(empty, { to: [TO, '79031234567'], from: FROM, text: 'x' }), 5);
  });

  c('sendVoice', 'an account without money: error 5', async () => {
    const { api, sid: empty } = await poor();
    await err(api.sendVoice(empty, { from: '74957722345', to: TO, fileId: 21 }), 5);
  });

  c('sendSmsByTimeZone', "the send date is read in the recipient's time zone (UTC+5 here)", async () => {
    const now = (await env().admin.clock()).epochMs;
    const due = now + 2 * 3_600_000;
    // The wall time at UTC+5 when it is `due`; read in Moscow time it would be two hours later.
    const sendDate = new Date(due + 5 * 3_600_000).toISOString().slice(0, 19);
    const ids = await devino.sendSmsByTimeZone(sid, { to: '79121234567', from: FROM, text: 'Напоминание', sendDate });
    expect(ids).toHaveLength(1);
    await advance(due - now - 60_000);
    // Two hours outlive the session: log in again, as a managed adapter would.
    await relogin();
    expect((await ref.smsState(sid, ids[0])).state).toBe(-2);
    await advance('2m');
    expect((await ref.smsState(sid, ids[0])).state).toBe(0);
  });

  c('sendSmsBulk', 'several numbers: ids number by number; one bad number rejects the batch (2)', async () => {
    const ids = await devino.sendSmsBulk(sid, { to: [TO, '79031234567'], from: FROM, text: 'Всем привет' });
    expect(ids).toHaveLength(2);
    const before = await balance();
    await err(devino.sendSmsBulk(sid, { to: [TO, 'bad'], from: FROM, text: 'x' }), 2);
    expect(await balance()).toBe(before);
  });

  c(['sendSms', 'getSmsState'], 'magic numbers: rejected by the SMS centre (42) and by the platform (48)', async () => {
    const [a] = await devino.sendSms(sid, { to: '79990000001', from: FROM, text: 'x' });
    const [b] = await devino.sendSms(sid, { to: '79990000003', from: FROM, text: 'x' });
    await advance('10s');
    await smsIs(a, 42);
    await smsIs(b, 48);
  });

  c(['sendSms', 'getSmsState'], 'an undeliverable SMS expires (46) when its validity runs out', async () => {
    const [id] = await devino.sendSms(sid, { to: '79990000002', from: FROM, text: 'x', validityMinutes: 1 });
    await advance('30s');
    await smsIs(id, -1);
    await advance('1m');
    await smsIs(id, 46);
  });

  c('getSmsState', 'an unknown id answers 255 with null dates and price', async () => {
    const s = await devino.smsState(sid, 'GW02NOSUCHID');
    expect(s).toMatchObject({ state: 255, createdAt: null, submittedAt: null, reportedAt: null, price: null });
    cover.sawState('devino', 'sms', 255);
  });

  c('getSmsState', 'a blank message id is error 1', async () => {
    await err(devino.smsState(sid, ''), 1);
  });

  c('getIncomingSms', 'incoming SMS of a period: one injected through the admin API, one a magic number replies', async () => {
    const start = (await env().admin.clock()).epochMs;
    await env().admin.devino.injectIncoming({ account: LOGIN, from: '79031112233', text: 'Стоп' });
    await ref.sendSms(sid, { to: '79990000005', from: FROM, text: 'Подтвердите запись' });
    await advance('1m');
    const list = await devino.incomingSms(sid, { from: start - 1000, to: start + 120_000 });
    expect(list.map((m) => m.text)).toEqual(['Стоп', 'Да']);
    expect(list[1]).toMatchObject({ from: '79990000005', to: FROM });
    expect(typeof list[0].id).toBe('number');
  });

  c('getIncomingSms', "the incoming-SMS push: Devino calls the account's URL with the documented fields", async () => {
    await env().admin.devino.setIncomingPush(LOGIN, `${env().receiver.url}/devino/push`);
    await env().admin.devino.injectIncoming({ account: LOGIN, from: '79031112233', text: 'Стоп рассылка' });
    const [push] = await env().receiver.waitFor(1, { path: '/devino/push', timeoutMs: 5000 });
    expect(push.method).toBe('GET');
    expect(push.query).toMatchObject({ sourcePhone: '79031112233', prefix: 'Стоп', text: 'Стоп рассылка' });
    await cover.sawCallback('devino', 'incomingPush', 'an incoming SMS', callbackRequest(push));
  });

  c('getIncomingSms', 'a period that ends before it starts is error 2', async () => {
    const now = (await env().admin.clock()).epochMs;
    await err(devino.incomingSms(sid, { from: now, to: now - 60_000 }), 2);
  });

  c('getStatistics', 'counts by state for a period; more than 90 days is error 2', async () => {
    await advance('1m');
    const start = (await env().admin.clock()).epochMs;
    await ref.sendSms(sid, { to: TO, from: FROM, text: 'x' });
    await ref.sendSms(sid, { to: '79990000001', from: FROM, text: 'x' });
    await advance('1m');
    const stats = await devino.statistics(sid, { from: start, to: (await env().admin.clock()).epochMs });
    expect(stats).toMatchObject({ Delivered: 1, Rejected: 1, Total: 2 });
    expect(stats.Total).toBe(stats.Sent + stats.Delivered + stats.InProcess + stats.Expired + stats.Rejected);
    await err(devino.statistics(sid, { from: T0 - 91 * 86_400_000, to: T0 }), 2);
  });

  c(['sendVoice', 'getVoiceState'], 'a voice message: sending (0), sent (1), listened (2)', async () => {
    const before = await balance();
    const id = await devino.sendVoice(sid, { from: '74957722345', to: TO, fileId: 21 });
    expect(await balance()).toBeCloseTo(before - 1.2, 4);
    expect(await devino.voiceState(sid, id)).toEqual({ state: 0, desc: 'Отправляется' });
    cover.sawState('devino', 'voice', 0);
    await advance('3s');
    await voiceIs(id, 1);
    await advance('1m');
    expect(await devino.voiceState(sid, id)).toEqual({ state: 2, desc: 'Прослушано' });
    cover.sawState('devino', 'voice', 2);
  });

  c(['sendVoice', 'getVoiceState'], 'never answered (3), a failing call (4), busy then answered on the retry (2)', async () => {
    const never = await devino.sendVoice(sid, { from: '74957722345', to: '79990000011', fileId: 21 });
    const fails = await devino.sendVoice(sid, { from: '74957722345', to: '79990000013', fileId: 21 });
    const retry = await devino.sendVoice(sid, { from: '74957722345', to: '79990000012', fileId: 22, retryCount: 2, gapMinutes: 1, dtmf: true });
    await advance('1m');
    await voiceIs(never, 3);
    await voiceIs(fails, 4);
    await voiceIs(retry, 0);
    await advance('2m');
    await voiceIs(retry, 2);
  });

  c('sendVoice', 'errors: unknown file (2), unregistered calling number (6), blank file id (1)', async () => {
    await err(devino.sendVoice(sid, { from: '74957722345', to: TO, fileId: 999 }), 2);
    await err(devino.sendVoice(sid, { from: '74950000001', to: TO, fileId: 21 }), 6);
    await err(devino.sendVoice(sid, { from: '74957722345', to: TO, fileId: '' }), 1);
  });

  c('getVoiceState', 'an unknown message id is error 2', async () => {
    await err(devino.voiceState(sid, 987654321), 2);
  });
}
