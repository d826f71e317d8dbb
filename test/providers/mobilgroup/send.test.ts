import { beforeEach, describe, expect, it } from 'vitest';
import { useSimulator } from '../../helpers/useSimulator.js';
import { balance, POOR_KEY, send, SENDER, setClock, state, textTo } from './client.js';

const error = (code: string) => ({ result: 'error', error_code: code });

describe('mobilgroup /send/', () => {
  const s = useSimulator();
  beforeEach(async () => {
    await setClock(s);
  });

  it("takes the spec's text example with login/password and a subscriber's own text", async () => {
    const body = await send(
      s,
      {
        security: { login: 'user', password: 'userpasswd' },
        settings: { message: 'Текст', number: SENDER, attempts: '2', interval: '1' },
        subscribers: [
          { phone: '79161234561' },
          { phone: '79161234562', message: 'Текст для абонента 2, он чуть длиннее общего текста рассылки' },
          { phone: '79161234563' },
        ],
      },
      null,
    );
    expect(body).toEqual({
      result: 'ok',
      id: '1234',
      phones: '3',
      budget: '2,73',
      subscribers: [
        { phone: '79161234561', result: 'ok', price: '0,91', duration: '2' },
        { phone: '79161234562', result: 'ok', price: '0,91', duration: '5' },
        { phone: '79161234563', result: 'ok', price: '0,91', duration: '2' },
      ],
    });
    expect(await balance(s)).toBe('270,77');
    const next = await send(s, textTo(['79161234567']));
    expect(next.id).toBe('1235');
  });

  it("takes the spec's phrase example with apiKey in security and a past schedule", async () => {
    const body = await send(
      s,
      {
        security: { apiKey: 'demo-mobilgroup-key' },
        settings: { phrase: '1', number: SENDER, schedule: '2020-07-15 14:05' },
        subscribers: [{ phone: '79161234561' }, { phone: '79161234562', message: 'ignored for a phrase' }, { phone: '79161234563' }],
      },
      null,
    );
    expect(body.budget).toBe('2,73');
    expect(body.subscribers.map((x: { duration: string }) => x.duration)).toEqual(['25', '25', '25']);
  });

  it("takes the spec's script example with summa and params, numbers sent as numbers", async () => {
    const body = await send(s, {
      settings: { script: 2, number: 74951234567, attempts: 2 },
      subscribers: [
        { phone: 79161234561, summa: '17.25' },
        { phone: '79161234562', summa: '3,17', param1: '15.07.2020', param2: 42 },
        { phone: '79161234563', summa: '14.00', param3: '2020-07-15' },
        { phone: '79161234564', summa: 'seventeen' },
        { phone: '79161234565', param1: 'завтра' },
      ],
    });
    expect(body.subscribers).toEqual([
      { phone: '79161234561', result: 'ok', price: '0,91', duration: '14' },
      { phone: '79161234562', result: 'ok', price: '0,91', duration: '14' },
      { phone: '79161234563', result: 'ok', price: '0,91', duration: '14' },
      { phone: '79161234564', result: 'error', description: 'Error_Not_TTS_File' },
      { phone: '79161234565', result: 'error', description: 'Error_Not_TTS_File' },
    ]);
    expect(body).toMatchObject({ phones: '5', budget: '2,73' });
  });

  it('answers ok with Error_Not_Enough_Money for the rest when the money runs out part way', async () => {
    const body = await send(s, textTo(['79161234561', '79161234562', '79161234563', '79161234564']), POOR_KEY);
    expect(body).toEqual({
      result: 'ok',
      id: '1234',
      phones: '4',
      budget: '1,82',
      subscribers: [
        { phone: '79161234561', result: 'ok', price: '0,91', duration: '5' },
        { phone: '79161234562', result: 'ok', price: '0,91', duration: '5' },
        { phone: '79161234563', result: 'error', description: 'Error_Not_Enough_Money' },
        { phone: '79161234564', result: 'error', description: 'Error_Not_Enough_Money' },
      ],
    });
    expect(await balance(s, POOR_KEY)).toBe('0,00');
    const st = await state(s, '1234', POOR_KEY);
    expect(st.subscribers[2]).toEqual({ phone: '79161234563', date: '', status: 'Недостаточно средств', attempts: '0', duration: '0', price: '0' });
    // Nothing left: the whole request fails and nothing is created.
    expect(await send(s, textTo(['79161234565']), POOR_KEY)).toEqual(error('Error_Not_Enough_Credits'));
    expect(await state(s, '1235', POOR_KEY)).toEqual(error('Error_ID_Not_Found'));
  });

  it('refuses a missing or foreign sender number with Error_No_AniPhone', async () => {
    expect(await send(s, { settings: { message: 'Текст' }, subscribers: [{ phone: '79161234567' }] })).toEqual(error('Error_No_AniPhone'));
    expect(await send(s, textTo(['79161234567'], { number: '74950000000' }))).toEqual(error('Error_No_AniPhone'));
    expect(await send(s, textTo(['79161234567'], { number: { n: 1 } }))).toEqual(error('Error_No_AniPhone'));
    expect(await send(s, { subscribers: [{ phone: '79161234567' }] })).toEqual(error('Error_No_AniPhone'));
    expect(await send(s, { settings: 'x', subscribers: [{ phone: '79161234567' }] })).toEqual(error('Error_No_AniPhone'));
    // "Must match the number in the account": another spelling of it is not it.
    for (const number of ['+74951234567', '84951234567', '+7 495 123-45-67', ' 74951234567']) {
      expect(await send(s, textTo(['79161234567'], { number })), number).toEqual(error('Error_No_AniPhone'));
    }
    expect((await send(s, textTo(['79161234567'], { number: 74951234567 }))).result).toBe('ok');
  });

  it('needs exactly one of message, phrase and script (Error_No_Message)', async () => {
    const base = { number: SENDER };
    const subs = [{ phone: '79161234567' }];
    expect(await send(s, { settings: base, subscribers: subs })).toEqual(error('Error_No_Message'));
    expect(await send(s, { settings: { ...base, message: '   ' }, subscribers: subs })).toEqual(error('Error_No_Message'));
    expect(await send(s, { settings: { ...base, message: 'Текст', phrase: '1' }, subscribers: subs })).toEqual(error('Error_No_Message'));
    expect(await send(s, { settings: { ...base, phrase: '1', script: '1' }, subscribers: subs })).toEqual(error('Error_No_Message'));
    expect(await send(s, { settings: { ...base, message: ['a'] }, subscribers: subs })).toEqual(error('Error_No_Message'));
  });

  it('limits the text to 5000 characters and needs something to synthesise', async () => {
    expect(await send(s, textTo(['79161234567'], { message: 'а'.repeat(5001) }))).toEqual(error('Error_Message_Too_Long'));
    const longest = await send(s, textTo(['79161234567'], { message: 'а'.repeat(5000) }));
    expect(longest.subscribers[0]).toEqual({ phone: '79161234567', result: 'ok', price: '6,37', duration: '417' });
    expect(await send(s, textTo(['79161234567'], { message: '!!! ??? 😀' }))).toEqual(error('Error_Not_TTS_File'));
  });

  it("checks a subscriber's own text per subscriber, and fails the request when nobody is left", async () => {
    const body = await send(s, {
      settings: { message: 'Общий текст', number: SENDER },
      subscribers: [{ phone: '79161234561', message: 'ж'.repeat(5001) }, { phone: '79161234562', message: '…' }, { phone: '79161234563' }],
    });
    expect(body.subscribers).toEqual([
      { phone: '79161234561', result: 'error', description: 'Error_Message_Too_Long' },
      { phone: '79161234562', result: 'error', description: 'Error_Not_TTS_File' },
      { phone: '79161234563', result: 'ok', price: '0,91', duration: '2' },
    ]);
    expect(await send(s, { settings: { message: 'Общий текст', number: SENDER }, subscribers: [{ phone: '79161234561', message: '…' }] })).toEqual(
      error('Error_Not_TTS_File'),
    );
  });

  it('refuses an unknown phrase or script with Error_Not_Media_File', async () => {
    expect(await send(s, { settings: { phrase: '99', number: SENDER }, subscribers: [{ phone: '79161234567' }] })).toEqual(error('Error_Not_Media_File'));
    expect(await send(s, { settings: { script: '99', number: SENDER }, subscribers: [{ phone: '79161234567' }] })).toEqual(error('Error_Not_Media_File'));
    // Another account's media is not this account's: demo-sms has no phrase 2.
    expect(
      await send(s, { settings: { phrase: '2', number: SENDER }, subscribers: [{ phone: '79161234567' }] }, 'demo-mobilgroup-sms-key'),
    ).toEqual(error('Error_Not_Media_File'));
  });

  it('needs subscribers with 11-digit numbers (Error_No_Subscribers), refusing bad ones one by one', async () => {
    const settings = { message: 'Текст', number: SENDER };
    expect(await send(s, { settings })).toEqual(error('Error_No_Subscribers'));
    expect(await send(s, { settings, subscribers: [] })).toEqual(error('Error_No_Subscribers'));
    expect(await send(s, { settings, subscribers: { phone: '79161234567' } })).toEqual(error('Error_No_Subscribers'));
    expect(await send(s, { settings, subscribers: ['79161234567'] })).toEqual(error('Error_No_Subscribers'));
    expect(await send(s, { settings, subscribers: [{ phone: '12345' }, {}] })).toEqual(error('Error_No_Subscribers'));
    // 11 digits, echoed as sent; any other form is refused for that subscriber with the table's code.
    const mixed = await send(s, { settings, subscribers: [{ phone: '+79161234567' }, { phone: '89161234568' }, { phone: '7916123' }, { phone: '+7 (916) 123-45-69' }, { phone: 79161234560 }] });
    expect(mixed.subscribers).toEqual([
      { phone: '+79161234567', result: 'error', description: 'Error_No_Subscribers' },
      { phone: '89161234568', result: 'ok', price: '0,91', duration: '2' },
      { phone: '7916123', result: 'error', description: 'Error_No_Subscribers' },
      { phone: '+7 (916) 123-45-69', result: 'error', description: 'Error_No_Subscribers' },
      { phone: '79161234560', result: 'ok', price: '0,91', duration: '2' },
    ]);
  });

  it('keeps attempts to 1..3, interval to 1..60 minutes, repeat to 0..3 and schedule to its format, with codes of its table only', async () => {
    const to = ['79161234567'];
    // No code of /send/'s table names these limits: the closest ones (docs/fidelity.md).
    expect(await send(s, textTo(to, { attempts: '4' }))).toEqual(error('Error_No_Message'));
    expect(await send(s, textTo(to, { attempts: 0 }))).toEqual(error('Error_No_Message'));
    expect(await send(s, textTo(to, { attempts: 'two' }))).toEqual(error('Error_No_Message'));
    expect(await send(s, textTo(to, { interval: '61' }))).toEqual(error('Error_No_Message'));
    expect(await send(s, textTo(to, { interval: true }))).toEqual(error('Error_No_Message'));
    expect(await send(s, textTo(to, { repeat: '4' }))).toEqual(error('Error_Not_TTS_File'));
    expect(await send(s, textTo(to, { schedule: '15.07.2020 14:05' }))).toEqual(error('Error_No_Message'));
    expect(await send(s, textTo(to, { schedule: '2020-02-30 14:05' }))).toEqual(error('Error_No_Message'));
    const edge = await send(s, textTo(to, { attempts: '3', interval: '60', repeat: '3', schedule: '2030-03-01 12:30:15' }));
    expect(edge.result).toBe('ok');
    // Nothing was charged for the refused requests.
    expect(await balance(s)).toBe('272,59');
  });
});
