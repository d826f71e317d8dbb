// Mobilgroup through its adapter: broadcasts by text, phrase and script, per-subscriber results and
// money, every call status on the clock (retries, transfers, SMS when not reached), /get/ and /set/,
// the three ways to authenticate, and every error code of the catalogue.
import type { MobilgroupClient } from '../../clients/mobilgroup/index.js';
import { expect } from '../expect.js';
import type { SuiteContext } from '../suiteContext.js';

/** 12:00 Moscow time. */
const T0 = Date.parse('2030-03-01T09:00:00Z');
const KEY = 'demo-mobilgroup-key';
const SENDER = '74951234567';
const TEXT = 'Здравствуйте! Напоминаем о записи на приём завтра.';

export function mobilgroupSuite({ env, cover }: SuiteContext) {
  let mg: MobilgroupClient;
  const base = () => `${env().url}/mobilgroup/api`;
  const as = (apiKey: string) => env().adapters.mobilgroup(base(), { apiKey });
  const c = (ops: string | string[], name: string, fn: () => Promise<void>) => cover.case('mobilgroup', ops, name, fn);
  const err = (p: Promise<unknown>, code: string) => cover.expectError('mobilgroup', p, code);
  const advance = (by: string | number) => env().admin.advance(by);
  const text = (phones: string[], settings: Record<string, unknown> = {}) => ({
    settings: { message: TEXT, number: SENDER, ...settings },
    subscribers: phones.map((phone) => ({ phone })),
  });
  const statuses = async (id: string) => Object.fromEntries((await mg.state(id)).subscribers.map((s) => [s.phone, s.status]));
  /** Asserts each subscriber's call status and records the statuses as covered. */
  const statusesAre = async (id: string, expected: Record<string, string>) => {
    expect(await statuses(id)).toEqual(expected);
    for (const status of Object.values(expected)) cover.sawState('mobilgroup', 'call', status);
  };

  cover.setup('mobilgroup', async () => {
    await env().admin.reset();
    await env().setTime(T0);
    mg = as(KEY);
  });

  c(['send', 'get'], 'a text broadcast: priced with a decimal comma, queued, calling, answered; state with a decimal point', async () => {
    const res = await mg.send(text(['79161234567']));
    expect(res).toMatchObject({ result: 'ok', phones: '1', budget: '0,91', subscribers: [{ phone: '79161234567', result: 'ok', price: '0,91', duration: '5' }] });
    expect((await mg.balance()).balance).toBe('272,59');
    await statusesAre(res.id, { '79161234567': 'В очереди' });
    await advance('1s');
    await statusesAre(res.id, { '79161234567': 'Вызов' });
    await advance('1m');
    const state = await mg.state(res.id);
    expect(state).toMatchObject({ result: 'ok', id: res.id, phones: '1', budget: '0.91' });
    expect(state.subscribers[0]).toMatchObject({ status: 'Успешно', attempts: '1', duration: '5', price: '0.91' });
    expect(state.subscribers[0].date).toMatch(/^2030-03-01 12:00:0\d$/);
  });

  c('send', 'phrase and script broadcasts; a subscriber refused on money or number while the rest go', async () => {
    const phrase = await mg.send({ settings: { phrase: '2', number: SENDER }, subscribers: [{ phone: '79161234567' }] });
    expect(phrase.subscribers[0]).toMatchObject({ result: 'ok', duration: '14' });
    const script = await mg.send({ settings: { script: 1, number: SENDER }, subscribers: [{ phone: 79161234567, summa: '100.50', param1: '01.03.2030' }] });
    expect(script.subscribers[0]).toMatchObject({ result: 'ok', duration: '25' });
    const poor = as('poor-mobilgroup-key');
    const batch = await poor.send(text(['79161234567', '123', '79161234568', '79161234569']));
    expect(batch.subscribers.map((s) => (s.result === 'ok' ? 'ok' : s.description))).toEqual(['ok', 'Error_No_Subscribers', 'ok', 'Error_Not_Enough_Money']);
    expect(batch.budget).toBe('1,82');
    for (const s of batch.subscribers) if (s.result === 'error') cover.sawError('mobilgroup', s.description);
    await err(poor.send(text(['79161234567'])), 'Error_Not_Enough_Credits');
  });

  c('send', 'errors: sender, message, subscribers, length, speech, media, schedule, attempts, interval, repeat', async () => {
    await err(mg.send(text(['79161234567'], { number: '74990000000' })), 'Error_No_AniPhone');
    await err(mg.send({ settings: { number: SENDER }, subscribers: [{ phone: '79161234567' }] }), 'Error_No_Message');
    await err(mg.send(text(['79161234567'], { phrase: '1' })), 'Error_No_Message');
    await err(mg.send(text([])), 'Error_No_Subscribers');
    await err(mg.send(text(['12345'])), 'Error_No_Subscribers');
    await err(mg.send(text(['79161234567'], { message: 'а'.repeat(5001) })), 'Error_Message_Too_Long');
    await err(mg.send(text(['79161234567'], { message: '!!! ???' })), 'Error_Not_TTS_File');
    await err(mg.send({ settings: { phrase: '99', number: SENDER }, subscribers: [{ phone: '79161234567' }] }), 'Error_Not_Media_File');
    // Limits without a code of their own get the closest code of /send/'s table.
    await err(mg.send(text(['79161234567'], { schedule: 'завтра' })), 'Error_No_Message');
    await err(mg.send(text(['79161234567'], { attempts: 4 })), 'Error_No_Message');
    await err(mg.send(text(['79161234567'], { interval: '61' })), 'Error_No_Message');
    await err(mg.send(text(['79161234567'], { repeat: 4 })), 'Error_Not_TTS_File');
    await err(mg.send(text(['79161234567'], { number: '+74951234567' })), 'Error_No_AniPhone');
  });

  c(['send', 'get'], 'every call status: busy, no answer, unreachable, rejected, error; a retry after busy answers', async () => {
    const phones = ['79990000001', '79990000002', '79990000003', '79990000004', '79990000005', '79990000006'];
    const res = await mg.send(text(phones, { attempts: 2, interval: 1 }));
    await advance('10s');
    expect((await statuses(res.id))['79990000006']).toBe('Ожидает повтора');
    await advance('5m');
    await statusesAre(res.id, {
      '79990000001': 'Занято',
      '79990000002': 'Нет ответа',
      '79990000003': 'Недоступен',
      '79990000004': 'Отклонено',
      '79990000005': 'Ошибка',
      '79990000006': 'Успешно',
    });
    const rows = (await mg.state(res.id)).subscribers;
    expect(rows.find((s) => s.phone === '79990000001')?.attempts).toBe('2');
    expect(rows.find((s) => s.phone === '79990000005')).toMatchObject({ attempts: '1', price: '0' });
  });

  c(['send', 'get'], 'a scheduled broadcast waits for its Moscow time', async () => {
    const res = await mg.send(text(['79161234567'], { schedule: '2030-03-01 15:00' }));
    await advance('1m');
    await statusesAre(res.id, { '79161234567': 'В очереди' });
    const now = (await env().admin.clock()).epochMs;
    await advance(Date.parse('2030-03-01T12:00:00Z') - now + 60_000);
    await statusesAre(res.id, { '79161234567': 'Успешно' });
  });

  c(['send', 'get'], 'a script transfers to an operator; a subscriber who listens twice; an SMS when not reached', async () => {
    const transfer = await mg.send({ settings: { script: '3', number: SENDER }, subscribers: [{ phone: '79161234567' }, { phone: '79990000008' }] });
    const twice = await mg.send(text(['79990000007'], { repeat: 1 }));
    const smsAccount = as('demo-mobilgroup-sms-key');
    const sms = await smsAccount.send(text(['79990000009', '79990000002']));
    await advance('5m');
    const t = (await mg.state(transfer.id)).subscribers;
    expect(t[0].transfer).toMatchObject({ number: '74957654321', status: 'Успешно', duration: '45' });
    expect(t[1].transfer).toMatchObject({ status: 'Нет ответа' });
    expect((await mg.state(twice.id)).subscribers[0]).toMatchObject({ status: 'Успешно', duration: '10' });
    const s = (await smsAccount.state(sms.id)).subscribers;
    expect(s[0].sms).toMatchObject({ status: 'Не доставлено', partition: '1' });
    expect(s[1].sms).toMatchObject({ status: 'Доставлено' });
  });

  c('get', 'balance, scripts, phrases, numbers and templates', async () => {
    await env().admin.reset();
    expect(await mg.balance()).toEqual({ result: 'ok', balance: '273,50', currency: 'Rub' });
    expect((await mg.scripts()).data.map((s) => s.id)).toEqual(['1', '2', '3']);
    expect((await mg.phrases()).data[0]).toEqual({ id: '1', name: 'Фраза 1', duration: '25' });
    expect((await mg.numbers()).data.map((n) => n.number)).toEqual(['74951234567', '78001234567']);
    expect((await mg.templates('123')).data).toEqual([{ id: '1', account: '123', name: 'Шаблон №1', message: 'Текст шаблона' }]);
    expect((await mg.templates('123', '1')).data).toHaveLength(1);
  });

  c('get', 'errors: unknown broadcast, templates without a client id, an unknown request', async () => {
    await err(mg.state('999999'), 'Error_ID_Not_Found');
    await err(mg.templates(''), 'Error_Unknown_Request');
    await err(mg.get({ request: 'everything' }), 'Error_Unknown_Request');
  });

  c('get', 'authentication: header key, body key, login and password; a wrong password', async () => {
    const viaBody = env().adapters.mobilgroup(base(), { apiKey: KEY, via: 'body' });
    const viaLogin = env().adapters.mobilgroup(base(), { login: 'user', password: 'userpasswd' });
    expect((await mg.balance()).balance).toBe('273,50');
    expect((await viaBody.balance()).balance).toBe('273,50');
    expect((await viaLogin.balance()).balance).toBe('273,50');
    await err(env().adapters.mobilgroup(base(), { login: 'user', password: 'nope' }).balance(), 'Error_Authorisation_Failed');
  });

  c('send', 'authentication: a wrong key; a disabled account', async () => {
    await err(as('no-such-key').send(text(['79161234567'])), 'Error_Authorisation_Failed');
    await err(as('blocked-mobilgroup-key').send(text(['79161234567'])), 'Error_User_Disabled');
  });

  c('set', 'authentication: a disabled account', async () => {
    await err(as('blocked-mobilgroup-key').setTemplates('1', []), 'Error_Authorisation_Failed');
  });

  c(['set', 'get'], 'templates are created and updated with a result each', async () => {
    const res = await mg.setTemplates('123', [
      { name: 'Новый', message: 'Текст' },
      { id: '1', name: 'Шаблон №1', message: 'Изменённый текст' },
    ]);
    expect(res.account_id).toBe('123');
    expect(res.templates).toEqual([
      { result: 'ok', id: '2', name: 'Новый', message: 'Текст' },
      { result: 'ok', id: '1', name: 'Шаблон №1', message: 'Изменённый текст' },
    ]);
    expect((await mg.templates('123')).data.map((t) => t.message)).toEqual(['Изменённый текст', 'Текст']);
  });

  c('set', 'errors per template (not found, empty name, empty text) and per request (client id, request)', async () => {
    const res = await mg.setTemplates('123', [
      { id: '99', name: 'x', message: 'y' },
      { name: '', message: 'y' },
      { name: 'x', message: ' ' },
    ]);
    expect(res.templates.map((t) => t.result)).toEqual(['Template_not_found', 'Name_field_is_empty', 'Message_field_is_empty']);
    for (const t of res.templates) cover.sawError('mobilgroup', t.result);
    await err(mg.setTemplates('', [{ name: 'x', message: 'y' }]), 'Account_field_is_empty');
    await err(mg.set({ request: 'scripts', account: '123', templates: [] }), 'Unknown_Request');
  });
}
