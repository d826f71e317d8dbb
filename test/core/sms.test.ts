import { describe, expect, it } from 'vitest';
import { isGsm7, segmentSms } from '../../src/core/sms.js';

describe('SMS segmentation', () => {
  it('recognises the GSM-7 alphabet, its extension table, and what is not in it', () => {
    expect(isGsm7('Hello @£$ {[]} €')).toBe(true);
    expect(isGsm7('Привет')).toBe(false);
    expect(isGsm7('naïve')).toBe(false);
  });

  it('never splits an escape pair across parts', () => {
    const text = `${'a'.repeat(152)}€${'b'.repeat(10)}`; // € would take septets 153-154 of part 1
    const { parts, units } = segmentSms(text);
    expect(units).toBe(164);
    expect(parts).toEqual(['a'.repeat(152), `€${'b'.repeat(10)}`]);
  });

  it('never splits a surrogate pair across UCS-2 parts', () => {
    const text = `${'я'.repeat(66)}😀${'я'.repeat(10)}`;
    const { encoding, parts } = segmentSms(text);
    expect(encoding).toBe('ucs2');
    expect(parts[0]).toBe('я'.repeat(66));
    expect(parts[1].startsWith('😀')).toBe(true);
    expect(parts.join('')).toBe(text);
  });

  it('keeps the text whole across parts', () => {
    const text = 'Съешь же ещё этих мягких французских булок, да выпей чаю. '.repeat(5);
    expect(segmentSms(text).parts.join('')).toBe(text);
    expect(segmentSms(text).parts.every((p) => p.length <= 67)).toBe(true);
  });
});
