// Patterns from requests (journal `url=/regex/`, scenario `match` regexes and globs) run on a
// linear-time engine: the classic catastrophic patterns finish at once on inputs that took V8's
// backtracking engine seconds (and grow exponentially past them), and the patterns only a
// backtracking engine can run are refused with a 400 naming why. The documented forms still work.
import { describe, expect, it } from 'vitest';
import { compileGlob, compileRegex, MATCHED_TEXT_LIMIT, PatternError, PATTERN_MAX_PROGRAM } from '../../src/core/textPattern.js';
import { compilePattern } from '../../src/scenarios/patterns.js';
import { readJson, json } from '../helpers/server.js';
import { useSimulator } from '../helpers/useSimulator.js';
import { send } from '../scenarios/helpers.js';

const s = useSimulator();

/** Real time of one call, for a loose bound only: 24 a's took V8 ≈ 1.4 s per URL here, each one more a twice that. */
async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const out = await run();
  return [out, performance.now() - started];
}

describe('journal url patterns', () => {
  it('counts with (a+)+$ over long URLs at once', async () => {
    // Kept short enough that the backtracking engine ends at all (≈ 10 s here); the linear one is
    // shown on 16 KiB values below.
    for (let i = 0; i < 4; i++) await s.call(`/devino/rest/User/Balance?x=${'a'.repeat(23 + i)}!`);
    const [res, ms] = await timed(() => s.call(`/_sim/journal/count?url=${encodeURIComponent('/(a+)+$/')}`));
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ count: 0 });
    expect(ms).toBeLessThan(2000);
  });

  it('refuses patterns only a backtracking engine runs, naming why', async () => {
    for (const p of ['/(a)\\1/', '/a(?=b)/', '/(?<!a)b/']) {
      const res = await s.call(`/_sim/journal/count?url=${encodeURIComponent(p)}`);
      expect(res.status, p).toBe(400);
      expect((await readJson(res)).error).toMatch(/^url: .*linear-time engine/);
    }
    const res = await s.call(`/_sim/journal?url=${encodeURIComponent(`/${'(a|b)'.repeat(200)}{1,1000}/`)}`);
    expect(res.status).toBe(400);
  });

  it('keeps the documented forms: substring and /regex/flags', async () => {
    await s.call('/devino/rest/User/SessionId?login=user&password=userpasswd');
    await s.call('/devino/rest/User/Balance?sessionId=x');
    const count = async (url: string) => (await readJson(await s.call(`/_sim/journal/count?url=${encodeURIComponent(url)}`))).count;
    expect(await count('User/')).toBe(2);
    expect(await count('/balance\\?/i')).toBe(1);
    expect(await count('/^\\/devino\\/rest\\/User\\/(?<op>Session)Id/')).toBe(1);
    expect(await count('/balance/')).toBe(0);
  });
});

describe('scenario patterns', () => {
  it('a catastrophic regex or glob in a rule does not stall the request it is matched against', async () => {
    const rule = (Data: string) => [{ match: { provider: 'devino', body: { Data } }, error: 'NotEnoughCredits' }];
    expect((await s.call('/_sim/scenarios', json({ name: 'evil-regex', rules: rule('/(a+)+$/') }))).status).toBe(201);
    expect((await s.call('/_sim/scenarios', json({ name: 'evil-glob', rules: rule('*a*a*a*a*a*b') }))).status).toBe(201);
    // Loose bounds: V8's engine takes ≈ 5 s (regex) and ≈ 3 s (glob) on these texts.
    for (const [scenario, Data] of [['evil-regex', `${'a'.repeat(26)}!`], ['evil-glob', 'a'.repeat(64)]]) {
      const [res, ms] = await timed(() => send(s, 'devino', '79161234567', { 'x-sim-scenario': scenario }, { Data }));
      expect(res.status).toBe(200);
      expect(ms).toBeLessThan(2000);
    }
  });

  it('refuses an upload whose pattern needs backtracking, naming the rule field', async () => {
    const res = await s.call('/_sim/scenarios', json({ name: 'backref', rules: [{ match: { provider: 'devino', number: '/(7)\\1/' }, error: 'NotEnoughCredits' }] }));
    expect(res.status).toBe(400);
    expect((await readJson(res)).error).toMatch(/match\.number.*linear-time engine/);
  });
});

describe('the matcher', () => {
  it('is linear: the longest value it reads against (a+)+$ and a 7-star glob', () => {
    // 2^16383 steps for a backtracking engine.
    const text = `${'a'.repeat(MATCHED_TEXT_LIMIT - 1)}!`;
    expect(compileRegex('(a+)+$')(text)).toBe(false);
    expect(compileGlob('*a*a*a*a*a*a*a*b')(text)).toBe(false);
    expect(compileGlob('*a*a*a*a*a*a*a*!')(text)).toBe(true);
  });

  it('reads a value up to MATCHED_TEXT_LIMIT characters and bounds a pattern\'s cost', () => {
    const long = `${'x'.repeat(MATCHED_TEXT_LIMIT)}needle`;
    expect(compileRegex('needle')(long)).toBe(false);
    expect(compileRegex('needle')(long.slice(-100))).toBe(true);
    expect(() => compileRegex('[a-z]{1000}[0-9]{1000}')).toThrow(new RegExp(`limit ${PATTERN_MAX_PROGRAM}`));
    expect(() => compileRegex('a', 'x')).toThrow(PatternError);
  });

  it('keeps exact text, globs and /regex/flags of scenario rules', () => {
    expect(compilePattern('79161234567')('79161234567')).toBe(true);
    expect(compilePattern('7916*')('79161234567')).toBe(true);
    expect(compilePattern('7916*')('89161234567')).toBe(false);
    expect(compilePattern('*@example.com')('a@example.com')).toBe(true);
    expect(compilePattern('*ДА*')('Ответ: ДА!')).toBe(true);
    expect(compilePattern('7916???4567')('79161234567')).toBe(true);
    expect(compilePattern('79*1?3*')('79161234567')).toBe(true);
    expect(compilePattern('a.b*')('axb')).toBe(false);
    expect(compilePattern('/^да$/i')('ДА')).toBe(true);
    expect(compilePattern('/^line2$/m')('line1\nline2')).toBe(true);
    expect(compilePattern('/a.b/s')('a\nb')).toBe(true);
    expect(compilePattern('/^\\d{11}$/')(['x', '79161234567'])).toBe(true);
    expect(compilePattern(42)(42)).toBe(true);
  });
});
