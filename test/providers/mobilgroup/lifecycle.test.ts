import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RecordEvent } from '../../../src/core/events.js';
import { startServer } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { balance, DEMO_KEY, send, SENDER, setClock, SMS_KEY, START, state, textTo } from './client.js';

const SMS_TEXT = 'Мы не смогли до вас дозвониться. Перезвоните нам: 84951234567';

describe('mobilgroup call lifecycle on the clock', () => {
  const s = useSimulator();
  beforeEach(async () => {
    await setClock(s);
  });

  it('queues, dials and ends an answered call, billing what was estimated', async () => {
    const sent = await send(s, textTo(['79161234567']));
    expect(await state(s, sent.id)).toEqual({
      result: 'ok',
      id: '1234',
      phones: '1',
      budget: '0.91',
      subscribers: [{ phone: '79161234567', date: '', status: 'В очереди', attempts: '0', duration: '0', price: '0.91' }],
    });
    await s.advance(0);
    expect((await state(s, sent.id)).subscribers[0]).toMatchObject({ status: 'Вызов', attempts: '1', date: '2030-03-01 12:00:00' });
    await s.advance('9s');
    expect((await state(s, sent.id)).subscribers[0].status).toBe('Вызов');
    await s.advance('1s');
    expect((await state(s, sent.id)).subscribers[0]).toEqual({
      phone: '79161234567',
      date: '2030-03-01 12:00:00',
      status: 'Успешно',
      attempts: '1',
      duration: '5',
      price: '0.91',
    });
    expect(await balance(s)).toBe('272,59');
  });

  it('retries a busy number at the interval, then gives up and refunds', async () => {
    const sent = await send(s, textTo(['79990000001'], { attempts: '3', interval: '5' }));
    await s.advance('2s');
    expect((await state(s, sent.id)).subscribers[0]).toMatchObject({ status: 'Ожидает повтора', attempts: '1' });
    await s.advance('5m');
    expect((await state(s, sent.id)).subscribers[0]).toMatchObject({ status: 'Вызов', attempts: '2', date: '2030-03-01 12:05:02' });
    await s.advance('1h');
    const st = await state(s, sent.id);
    expect(st.subscribers[0]).toEqual({ phone: '79990000001', date: '2030-03-01 12:10:04', status: 'Занято', attempts: '3', duration: '0', price: '0' });
    expect(st.budget).toBe('0');
    expect(await balance(s)).toBe('273,50');
  });

  it('reaches every result: no answer, unavailable, rejected (retried) and a failure (not retried)', async () => {
    const sent = await send(s, textTo(['79990000002', '79990000003', '79990000004', '79990000005'], { attempts: '2', interval: '10' }));
    await s.advance('2h');
    const rows = (await state(s, sent.id)).subscribers.map((x: { status: string; attempts: string; price: string }) => [x.status, x.attempts, x.price]);
    expect(rows).toEqual([
      ['Нет ответа', '2', '0'],
      ['Недоступен', '2', '0'],
      ['Отклонено', '2', '0'],
      ['Ошибка', '1', '0'],
    ]);
    expect(await balance(s)).toBe('273,50');
  });

  it('uses the account default of one attempt when attempts is not given', async () => {
    const sent = await send(s, textTo(['79990000001']));
    await s.advance('1h');
    expect((await state(s, sent.id)).subscribers[0]).toMatchObject({ status: 'Занято', attempts: '1', date: '2030-03-01 12:00:00' });
  });

  it('answers on a later attempt, announcing each state change', async () => {
    const seen: (RecordEvent & { previous?: string })[] = [];
    const offCreated = s.sim.ctx.events.on('record.created', (e) => seen.push(e));
    const offState = s.sim.ctx.events.on('record.state', (e) => seen.push(e));
    const sent = await send(s, textTo(['79990000006'], { attempts: '2', interval: '5' }));
    await s.advance('1h');
    offCreated();
    offState();
    expect((await state(s, sent.id)).subscribers[0]).toMatchObject({ status: 'Успешно', attempts: '2', date: '2030-03-01 12:05:02', duration: '5', price: '0.91' });
    const call = seen.filter((e) => e.kind === 'call').map((e) => [e.state, e.previous, e.at - START]);
    expect(call).toEqual([
      ['В очереди', undefined, 0],
      ['Вызов', 'В очереди', 0],
      ['Ожидает повтора', 'Вызов', 2_000],
      ['Вызов', 'Ожидает повтора', 302_000],
      ['Успешно', 'Вызов', 312_000],
    ]);
    expect(seen[0]).toMatchObject({ provider: 'mobilgroup', kind: 'broadcast', id: '1234', account: 'demo' });
    expect(seen[1]).toMatchObject({ provider: 'mobilgroup', kind: 'call', id: '1234-1', account: 'demo' });
  });

  it('lets the subscriber hear the message again only as often as repeat allows, billing the extra minute', async () => {
    const long = 'Уважаемый клиент, '.repeat(22).trim(); // 395 characters: 33 seconds of speech
    const once = await send(s, textTo(['79990000007'], { message: long }));
    const twice = await send(s, textTo(['79990000007'], { message: long, repeat: '1' }));
    expect(twice.subscribers[0]).toMatchObject({ price: '0,91', duration: '33' });
    await s.advance('1h');
    expect((await state(s, once.id)).subscribers[0]).toMatchObject({ status: 'Успешно', duration: '33', price: '0.91' });
    expect((await state(s, twice.id)).subscribers[0]).toMatchObject({ status: 'Успешно', duration: '66', price: '1.82' });
    expect(await balance(s)).toBe('270,77');
  });

  it('adds a transfer section when a script transfers to an operator', async () => {
    const sent = await send(s, { settings: { script: '3', number: SENDER }, subscribers: [{ phone: '79161234567' }, { phone: '79990000008' }] });
    await s.advance('69s');
    expect((await state(s, sent.id)).subscribers[0].status).toBe('Вызов');
    await s.advance('1s');
    const st = await state(s, sent.id);
    expect(st.subscribers).toEqual([
      {
        phone: '79161234567',
        date: '2030-03-01 12:00:00',
        status: 'Успешно',
        attempts: '1',
        duration: '20',
        price: '2.41',
        transfer: { number: '74957654321', duration: '45', price: '1.50', status: 'Успешно' },
      },
      {
        phone: '79990000008',
        date: '2030-03-01 12:00:00',
        status: 'Успешно',
        attempts: '1',
        duration: '20',
        price: '0.91',
        transfer: { number: '74957654321', duration: '0', price: '0', status: 'Нет ответа' },
      },
    ]);
    expect(st.budget).toBe('3.32');
    expect(await balance(s)).toBe('270,18');
    // A text broadcast has no script to transfer from.
    const text = await send(s, textTo(['79990000008']));
    await s.advance('1h');
    expect((await state(s, text.id)).subscribers[0].transfer).toBeUndefined();
  });

  it('sends the account\'s SMS when a subscriber is not reached, and bills it', async () => {
    const sent = await send(s, textTo(['79990000001', '79990000009', '79990000005', '79161234567']), SMS_KEY);
    await s.advance('1h');
    const st = await state(s, sent.id, SMS_KEY);
    expect(st.subscribers[0]).toEqual({
      phone: '79990000001',
      date: '2030-03-01 12:00:00',
      status: 'Занято',
      attempts: '1',
      duration: '0',
      price: '2.50',
      sms: { date: '2030-03-01 12:00:02', message: SMS_TEXT, partition: '1', price: '2.50', status: 'Доставлено' },
    });
    expect(st.subscribers[1]).toMatchObject({ status: 'Нет ответа', price: '2.50', sms: { status: 'Не доставлено', date: '2030-03-01 12:00:40' } });
    expect(st.subscribers[2].sms).toBeUndefined(); // a failed call is not "not answered"
    expect(st.subscribers[3].sms).toBeUndefined();
    expect(st.budget).toBe('5.91');
    expect(await balance(s, SMS_KEY)).toBe('494,09');
  });

  it('waits for the schedule (Moscow time) before the first attempt', async () => {
    const sent = await send(s, textTo(['79161234567'], { schedule: '2030-03-01 13:00' }));
    await s.advance('59m59s');
    expect((await state(s, sent.id)).subscribers[0]).toMatchObject({ status: 'В очереди', attempts: '0', date: '' });
    await s.advance('1s');
    expect((await state(s, sent.id)).subscribers[0]).toMatchObject({ status: 'Вызов', date: '2030-03-01 13:00:00' });
  });

  it('shows a broadcast only to its own account, and forgets everything on reset', async () => {
    const sent = await send(s, textTo(['79161234567']));
    expect(await state(s, sent.id, SMS_KEY)).toEqual({ result: 'error', error_code: 'Error_ID_Not_Found' });
    s.sim.reset();
    expect(await state(s, sent.id, DEMO_KEY)).toEqual({ result: 'error', error_code: 'Error_ID_Not_Found' });
    expect(await balance(s)).toBe('273,50');
  });
});

describe('mobilgroup calls across a restart', () => {
  it('resumes planned attempts from the data file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mobilgroup-'));
    const data = join(dir, 'sim.json');
    try {
      const first = await startServer({ data, persistDebounceMs: 0 });
      await setClock(first);
      const sent = await send(first, textTo(['79990000006', '79161234567'], { attempts: '2', interval: '5' }));
      await first.advance('3s');
      await first.close();

      const second = await startServer({ data, persistDebounceMs: 0 });
      try {
        const before = await state(second, sent.id);
        expect(before.subscribers.map((x: { status: string }) => x.status)).toEqual(['Ожидает повтора', 'Вызов']);
        await second.advance('10m');
        const after = await state(second, sent.id);
        expect(after.subscribers.map((x: { status: string; attempts: string }) => [x.status, x.attempts])).toEqual([
          ['Успешно', '2'],
          ['Успешно', '1'],
        ]);
        expect(await balance(second)).toBe('271,68');
        // The id counter survived too.
        expect((await send(second, textTo(['79161234567']))).id).toBe('1235');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
