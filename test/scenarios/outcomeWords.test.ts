// Outcome words are checked when a scenario is loaded: a word no record the rule can match
// understands (`unreachable` on a Devino SMS) is refused with the words that provider knows,
// instead of silently leaving the default.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIOS } from '../../src/core/config.js';
import { providers } from '../../src/providers/index.js';
import { checkScenario, readScenarioDir } from '../../src/scenarios/loader.js';
import { json, readJson } from '../helpers/server.js';
import { useSimulator } from '../helpers/useSimulator.js';
import { UNIBELL_KEY } from './helpers.js';

const bySlug = new Map(providers.map((p) => [p.slug, p]));
const refusal = (rules: unknown[]) => {
  try {
    checkScenario({ name: 'x', rules }, 'x.yaml', bySlug);
  } catch (err) {
    return (err as Error).message;
  }
  return undefined;
};

describe('outcome words at load', () => {
  it('refuses a word the provider does not know for that kind, listing the words it knows', () => {
    expect(refusal([{ match: { provider: 'devino', kind: 'sms' }, outcome: { state: 'unreachable' } }])).toMatch(
      /^Scenario file x\.yaml is invalid: rule 1 field outcome\.state: devino sms has no outcome "unreachable" \(known: delivered, undeliverable, rejected, failed, expired, pending, .*42/,
    );
    expect(refusal([{ match: { provider: 'mobilgroup' }, outcome: { attempts: ['busy', 'engaged'] } }])).toMatch(
      /rule 1 field outcome\.attempts\.1: mobilgroup call has no outcome "engaged" \(known: answered, busy, no-answer, unreachable, rejected, failed, error, Успешно, Занято/,
    );
    // Several kinds: refused only when none of them knows the word, and each is listed.
    expect(refusal([{ match: { provider: 'voicepassword' }, outcome: { state: 'congestion' } }])).toMatch(
      /none of the records this rule matches has no outcome "congestion" \(known: voicepassword flashcall: .*; voicepassword voice: .*; voicepassword sms: .*NOT DELIVERED/,
    );
  });

  it('refuses names of Object.prototype members (the word tables are plain objects)', () => {
    for (const word of ['constructor', '__proto__', 'toString']) {
      expect(refusal([{ match: { provider: 'unibell' }, outcome: { state: word } }])).toMatch(new RegExp(`unibell call has no outcome "${word}"`));
    }
  });

  it('refuses a kind no provider the rule names has', () => {
    expect(refusal([{ match: { provider: 'mobilgroup', kind: 'sms' }, outcome: { after: '1m' } }])).toMatch(/rule 1 field match\.kind: no record of kind "sms" has an outcome here \(kinds: mobilgroup: call\)/);
  });

  it('accepts common words, the providers\' own words and codes, and a word one of several kinds knows', () => {
    const ok = [
      { match: { provider: 'devino', kind: 'sms' }, outcome: { state: '42' } },
      { match: { provider: 'devino', kind: 'voice' }, outcome: { attempts: ['Busy', 'answered'] } },
      { match: { provider: 'mobilgroup' }, outcome: { state: 'Занято' } },
      { match: { provider: 'voicepassword', kind: 'sms' }, outcome: { state: 'NOT DELIVERED' } },
      { match: { provider: 'unibell' }, outcome: { state: 'scriptError' } },
      // busy means nothing to an SMS, but this rule also matches calls.
      { outcome: { state: 'busy' } },
    ];
    expect(refusal(ok)).toBeUndefined();
    expect(readScenarioDir(DEFAULT_SCENARIOS, bySlug).length).toBeGreaterThan(5);
  });

  it('every word a provider lists is one its outcome code understands', () => {
    for (const p of providers) {
      for (const [kind, v] of p.outcomes ?? new Map()) {
        expect(v.words.length, `${p.slug} ${kind}`).toBeGreaterThan(0);
        for (const w of v.words) expect(v.knows(w), `${p.slug} ${kind} ${w}`).toBe(true);
      }
    }
  });
});

describe('outcome words over the admin API', () => {
  const s = useSimulator({ eachTest: 'keep' });

  it('an upload with an unknown word is a 400 naming it; nothing is stored', async () => {
    const res = await s.call('/_sim/scenarios', json({ name: 'typo', rules: [{ match: { provider: 'devino', kind: 'sms' }, outcome: { state: 'unreachable' } }] }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await readJson(res))).toMatch(/devino sms has no outcome \\"unreachable\\"/);
    expect((await s.call('/_sim/scenarios/typo')).status).toBe(404);
  });

  it('the admin API refuses to force a Unibell or VoicePassword call into "constructor"', async () => {
    const { id } = await readJson(await s.call('/voicepassword/api/voice-password/send/', json({ security: { apiKey: 'demo-voicepassword-key' }, number: '79161234567' })));
    const res = await s.call(`/_sim/records/voicepassword/flashcall/${id}/state`, json({ state: 'constructor' }));
    expect(res.status).toBe(409);
    expect((await readJson(res)).error).toMatch(/"constructor" is not a call result/);
    expect((await readJson(await s.call(`/_sim/records/voicepassword/flashcall/${id}`))).history.map((h: { state: string }) => h.state)).toEqual(['DIALING']);

    await s.call('/unibell/apps/activate', json({ destAddr: '79161234567', reference: 'r-1' }, { 'x-authorization': `AccessKey ${UNIBELL_KEY}` }));
    const [call] = (await readJson(await s.call('/_sim/records?provider=unibell'))).records;
    const ub = await s.call(`/_sim/records/unibell/call/${call.id}/state`, json({ state: 'constructor' }));
    expect(ub.status).toBe(409);
    expect((await readJson(ub)).error).toMatch(/"constructor" is not a call outcome/);
  });
});
