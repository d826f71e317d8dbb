// Small valid audio files: RIFF/WAVE, PCM 16-bit mono at 8 kHz (telephony quality), a sine tone
// with short fades so it plays without clicks. Recordings and fixture media are made of these.

export const WAV_SAMPLE_RATE = 8000;

export function toneWav(frequencyHz: number, durationMs: number): Buffer {
  const samples = Math.max(1, Math.round((WAV_SAMPLE_RATE * durationMs) / 1000));
  const dataBytes = samples * 2;
  const buf = Buffer.alloc(44 + dataBytes);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16); // fmt chunk size
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(WAV_SAMPLE_RATE, 24);
  buf.writeUInt32LE(WAV_SAMPLE_RATE * 2, 28); // byte rate
  buf.writeUInt16LE(2, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(dataBytes, 40);
  const fade = Math.min(samples / 2, WAV_SAMPLE_RATE / 100);
  for (let i = 0; i < samples; i++) {
    const envelope = Math.min(1, i / fade, (samples - 1 - i) / fade);
    const v = Math.round(Math.sin((2 * Math.PI * frequencyHz * i) / WAV_SAMPLE_RATE) * 12_000 * envelope);
    buf.writeInt16LE(v, 44 + i * 2);
  }
  return buf;
}
