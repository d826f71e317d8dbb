// Issue 16: a rule whose match.operation names no operation of its provider is refused with the list
// of valid ones, like an unknown provider or error (it would otherwise never fire).
import { describe, expect, it } from 'vitest';
import { providers } from '../../src/providers/index.js';
import { checkScenario, ScenarioError } from '../../src/scenarios/loader.js';
import { json, readJson, startServer } from '../helpers/server.js';

const bySlug = new Map(providers.map((p) => [p.slug, p]));
const check = (match: Record<string, unknown>) => checkScenario({ name: 't', rules: [{ match, error: match.provider === 'devino' ? 5 : undefined, latency: 1 }] }, '(test)', bySlug);

describe('scenario match.operation', () => {
  it('refuses an operation its provider does not have, listing the valid ones', () => {
    expect(() => check({ provider: 'devino', operation: 'Sms/Snd' })).toThrow(ScenarioError);
    try {
      check({ provider: 'devino', operation: 'Sms/Snd' });
    } catch (err) {
      expect((err as Error).message).toMatch(/unknown operation "Sms\/Snd" of devino \(known: .*Sms\/Send.*Sms\/SendBulk/);
    }
    expect(() => check({ provider: 'mobilgroup', operation: 'Sms/Send' })).toThrow(/unknown operation "Sms\/Send" of mobilgroup/);
    expect(() => check({ operation: 'nothing' })).toThrow(/unknown operation "nothing"/);
    expect(() => check({ provider: 'unibell', operation: ['apps.activate', 'media.upload'] })).toThrow(/unknown operation "media.upload"/);
  });

  it('accepts every operation of its provider, in any letter case, and operations of any provider when none is named', () => {
    expect(() => check({ provider: 'devino', operation: 'sms/send' })).not.toThrow();
    expect(() => check({ provider: 'unibell', operation: ['apps.activate', 'media.add', 'dialogRecord'] })).not.toThrow();
    expect(() => check({ operation: 'send' })).not.toThrow();
    for (const p of providers) for (const op of p.operations ?? []) expect(() => check({ provider: p.slug, operation: op }), `${p.slug} ${op}`).not.toThrow();
  });

  it('an upload through the admin API names the problem', async () => {
    const s = await startServer();
    try {
      const res = await s.call('/_sim/scenarios', json({ name: 'typo', rules: [{ match: { provider: 'devino', operation: 'Sms/Snd' }, error: 5 }] }));
      expect(res.status).toBe(400);
      expect(JSON.stringify(await readJson(res))).toMatch(/unknown operation \\"Sms\/Snd\\"/);
    } finally {
      await s.close();
    }
  });
});
