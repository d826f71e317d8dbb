// Calls and SMS fallbacks on the simulator clock: every result reached by moving the clock, the
// events announced, and pending transitions resumed after a restart from the data file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordEvent } from '../../../src/core/events.js';
import { startServer } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { adminCall, send, state } from './vp.js';

describe('VoicePassword call lifecycle', () => {
  const s = useSimulator({ eachTest: 'fresh' });

  // [number, request section, ms until the end, state word, duration]
  const results: [string, string, Record<string, unknown>, number, string, string][] = [
    ['answered flash call', '79999999999', {}, 5_000, 'Успешно', '00:01'],
    ['answered voice password', '79999999999', { voice: { code: '1234' } }, 10_000, 'Успешно', '00:06'],
    ['answered voice password with repeat', '79999999999', { voice: { code: '1234', repeat: 1 } }, 15_000, 'Успешно', '00:11'],
    ['busy', '79990000001', { voice: {} }, 3_000, 'Занято', '00:00'],
    ['no answer', '79990000002', {}, 30_000, 'Нет ответа', '00:00'],
    ['failed', '79990000003', { flashcall: { code: '1111' } }, 1_000, 'Ошибка', '00:00'],
    ['cancelled', '79990000004', {}, 1_000, 'Отменен', '00:00'],
  ];
  it.each(results)('%s: «Дозвон» until the clock reaches the result', async (_name, number, extra, endsAfter, word, duration) => {
    const call = await send(s, { number, ...extra });
    expect((await state(s, call.id)).state).toBe('Дозвон');
    await s.advance(endsAfter - 1);
    expect(await state(s, call.id)).toMatchObject({ state: 'Дозвон', duration: '00:00' });
    await s.advance(1);
    expect(await state(s, call.id)).toMatchObject({ state: word, duration, price: '0.35' });
  });

  it('announces the call and its end on the event bus', async () => {
    const seen: (RecordEvent & { previous?: string })[] = [];
    s.sim.ctx.events.on('record.created', (e) => seen.push(e));
    s.sim.ctx.events.on('record.state', (e) => seen.push(e));
    const call = await send(s, { number: '79990000001', voice: {} });
    await s.advance('3s');
    expect(seen.map((e) => [e.provider, e.kind, e.id, e.account, e.state, e.previous])).toEqual([
      ['voicepassword', 'voice', call.id, 'demo', 'DIALING', undefined],
      ['voicepassword', 'voice', call.id, 'demo', 'BUSY', 'DIALING'],
    ]);
  });

  it('an SMS fallback goes QUEUED, SEND, then its final state by the number', async () => {
    const delivered = await send(s, { number: '79990000002' });
    const notDelivered = await send(s, { number: '79990000005' });
    const failed = await send(s, { number: '79990000006' });
    for (const c of [delivered, notDelivered, failed]) await send(s, { sms: { id: c.id } });
    const sms = async (id: string) => (await adminCall(s, id)).sms.state;
    expect([await sms(delivered.id), await sms(notDelivered.id), await sms(failed.id)]).toEqual(['QUEUED', 'QUEUED', 'QUEUED']);
    await s.advance('1s');
    expect([await sms(delivered.id), await sms(notDelivered.id), await sms(failed.id)]).toEqual(['SEND', 'SEND', 'FAIL']);
    await s.advance('4s');
    expect([await sms(delivered.id), await sms(notDelivered.id), await sms(failed.id)]).toEqual(['DELIVERED', 'NOT DELIVERED', 'FAIL']);
  });

  it('a reset forgets calls and restores balances and ids', async () => {
    const call = await send(s, { number: '79999999999' });
    await s.call('/_sim/reset', { method: 'POST' });
    expect((await send(s, { number: '79999999999' })).id).toBe(call.id);
    await s.advance('1h');
    expect((await state(s, call.id)).state).toBe('Успешно');
  });
});

describe('VoicePassword persistence', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vp-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('resumes a pending call and SMS after a restart, and keeps counting ids', async () => {
    const data = join(dir, 'sim.json');
    const first = await startServer({ data, persistDebounceMs: 0 });
    const call = await send(first, { number: '79990000002', voice: { code: '2468' } });
    const sms = await send(first, { number: '79999999999' });
    await send(first, { sms: { id: sms.id } });
    await first.close();

    const second = await startServer({ data });
    try {
      expect((await state(second, call.id)).state).toBe('Дозвон');
      expect((await adminCall(second, sms.id)).sms.state).toBe('QUEUED');
      await second.advance('30s');
      expect((await state(second, call.id)).state).toBe('Нет ответа');
      expect((await adminCall(second, sms.id)).sms.state).toBe('DELIVERED');
      expect(Number((await send(second, { number: '79999999999' })).id)).toBe(Number(sms.id) + 1);
    } finally {
      await second.close();
    }
  });
});
