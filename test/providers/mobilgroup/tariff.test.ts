import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePoints, speechSeconds } from '../../../src/providers/mobilgroup/tariff.js';

const texts = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u00a0', 'a', 'я', '7', '😀', '\ud800', '\udc00'), maxLength: 60 });

describe('Mobilgroup message length', () => {
  it('counts characters as code points, an emoji once and a lone surrogate once', () => {
    fc.assert(fc.property(texts, (t) => codePoints(t) === Array.from(t).length));
    expect(codePoints('Привет 😀')).toBe(8);
  });

  it('reads runs of white space as one pause and ignores it at both ends', () => {
    fc.assert(fc.property(texts, (t) => speechSeconds(t) === Math.max(2, Math.ceil(Array.from(t.replace(/\s+/g, ' ').trim()).length / 12))));
    expect(speechSeconds(`  ${'слово   '.repeat(10)}`)).toBe(Math.ceil(59 / 12));
  });
});
