// Recordings of answered calls as real WAV audio, the 404 otherwise, and the balance after billing.
import { describe, expect, it } from 'vitest';
import { readJson } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { advanceAndDeliver, auth, OTHER_KEY, postJson } from './helpers.js';

/** Reads a RIFF/WAVE header the way an audio library does. */
function decodeWav(b: Buffer) {
  expect(b.toString('ascii', 0, 4)).toBe('RIFF');
  expect(b.readUInt32LE(4)).toBe(b.length - 8);
  expect(b.toString('ascii', 8, 12)).toBe('WAVE');
  expect(b.toString('ascii', 12, 16)).toBe('fmt ');
  const fmt = {
    format: b.readUInt16LE(20),
    channels: b.readUInt16LE(22),
    sampleRate: b.readUInt32LE(24),
    byteRate: b.readUInt32LE(28),
    blockAlign: b.readUInt16LE(32),
    bitsPerSample: b.readUInt16LE(34),
  };
  expect(b.toString('ascii', 36, 40)).toBe('data');
  const dataBytes = b.readUInt32LE(40);
  expect(44 + dataBytes).toBe(b.length);
  let peak = 0;
  for (let i = 44; i < b.length; i += 2) peak = Math.max(peak, Math.abs(b.readInt16LE(i)));
  return { ...fmt, durationMs: (dataBytes / fmt.byteRate) * 1000, peak };
}

describe('unibell recordings and balance', () => {
  const s = useSimulator({ eachTest: 'fresh' });

  const record = (reference: string, key?: string) => s.call(`/unibell/dialog_record_by_reference?reference=${encodeURIComponent(reference)}`, { headers: auth(key) });
  const activate = (body: unknown, key?: string) => s.call('/unibell/apps/activate', postJson(body, key));

  it('returns a decodable WAV for an answered call once it has ended', async () => {
    await activate({ reference: '987654', destAddr: '79161234567' });
    const early = await record('987654');
    expect(early.status).toBe(404);
    expect(await readJson(early)).toEqual({ errorReason: 'No records found' });

    await advanceAndDeliver(s, '1m');
    const res = await record('987654');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const wav = decodeWav(Buffer.from(await res.arrayBuffer()));
    expect(wav).toMatchObject({ format: 1, channels: 1, sampleRate: 8000, byteRate: 16000, blockAlign: 2, bitsPerSample: 16, durationMs: 2000 });
    expect(wav.peak).toBeGreaterThan(1000);
  });

  it('answers 404 No records found for unanswered calls, unknown references and another account', async () => {
    await activate({ reference: 'busy', destAddr: '79990000017' });
    await activate({ reference: 'mine', destAddr: '79161234567' });
    await advanceAndDeliver(s, '1m');
    for (const [ref, key] of [['busy', undefined], ['nothing', undefined], ['mine', OTHER_KEY]] as const) {
      const res = await record(ref, key);
      expect(res.status, ref).toBe(404);
      expect(await readJson(res)).toEqual({ errorReason: 'No records found' });
    }
    const missing = await s.call('/unibell/dialog_record_by_reference', { headers: auth() });
    expect(missing.status).toBe(400);
    expect((await readJson(missing)).status).toBe('invalidDataError');
  });

  it('bills answered calls per started minute and shows the balance as the spec writes it', async () => {
    await activate({ reference: 'long', destAddr: '79990000090' }); // 90 s talk: 2 minutes at 1.5
    await activate({ reference: 'busy', destAddr: '79990000017' }); // not billed
    await advanceAndDeliver(s, '5m');
    expect(await readJson(await s.call('/unibell/balance', { headers: auth() }))).toEqual({ personalAccountId: '0000000000', balance: '97.0', status: 'ok' });
    s.sim.ctx.accounts.setBalance('unibell', '0000000000', 12.25);
    expect((await readJson(await s.call('/unibell/balance', { headers: auth() }))).balance).toBe('12.25');
  });
});
