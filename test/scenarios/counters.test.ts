// Rule counters per scope: ids apart from each other, from header use without an id and from the
// global activation; a bounded number of ids kept (least recently used forgotten first).
import { describe, expect, it } from 'vitest';
import { providers } from '../../src/providers/index.js';
import { createRuleCounters } from '../../src/scenarios/counters.js';
import { createScenarioEngine } from '../../src/scenarios/engine.js';
import { checkScenario } from '../../src/scenarios/loader.js';
import { runInScope } from '../../src/scenarios/scope.js';

describe('rule counters', () => {
  it('keep the global activation, header use without an id and each id apart; __proto__ is an id like any other', () => {
    const c = createRuleCounters(1);
    for (const scope of [undefined, '', 'a', '__proto__']) c.get(scope, 's', 0).seen++;
    for (const scope of [undefined, '', 'a', '__proto__', 'constructor']) expect(c.get(scope, 's', 0).seen).toBe(scope === 'constructor' ? 0 : 1);
  });

  it('keep at most maxScopes ids, forgetting the least recently used; the global and shared sets are never evicted', () => {
    const c = createRuleCounters(1, 2);
    c.get(undefined, 's', 0).seen = 5;
    c.get('', 's', 0).seen = 6;
    c.get('a', 's', 0).seen = 1;
    c.get('b', 's', 0).seen = 2;
    c.get('a', 's', 0); // a used again: b is now the oldest
    c.get('c', 's', 0).seen = 3;
    expect(c.scopeCount()).toBe(2);
    expect(c.get('a', 's', 0).seen).toBe(1);
    expect(c.get('b', 's', 0).seen).toBe(0); // forgotten: starts afresh
    expect(c.get(undefined, 's', 0).seen).toBe(5);
    expect(c.get('', 's', 0).seen).toBe(6);
  });

  it('forget restarts one scenario everywhere', () => {
    const c = createRuleCounters(1);
    for (const scope of [undefined, '', 'a']) {
      c.get(scope, 's', 0).seen = 1;
      c.get(scope, 's2', 0).seen = 1;
    }
    c.forget('s');
    for (const scope of [undefined, '', 'a']) {
      expect(c.get(scope, 's', 0).seen).toBe(0);
      expect(c.get(scope, 's2', 0).seen).toBe(1);
    }
  });
});

describe('the engine with scope ids', () => {
  const bySlug = new Map(providers.map((p) => [p.slug, p]));
  const engine = createScenarioEngine({
    providers,
    seed: 1,
    initial: [],
    maxScopes: 2,
    scenarios: [checkScenario({ name: 'r', rules: [{ times: 1, callbacks: { reorder: true } }] }, '(test)', bySlug)],
  });
  const callback = (header: string) =>
    runInScope(engine.scopeFromHeader(header), () => engine.callback({ provider: 'voicepassword', url: 'http://127.0.0.1/', body: {} }));

  it('counts times per id, and holds callbacks for reordering per id', () => {
    expect(callback('r; scope=a')?.reorder?.key).toBe('r#1 @a');
    expect(callback('r; scope=b')?.reorder?.key).toBe('r#1 @b');
    expect(callback('r; scope=a')).toBeUndefined(); // times: 1 used up in a
    expect(callback('r')?.reorder?.key).toBe('r#1');
  });

  it('refuses a parameter it does not know and an empty id', () => {
    expect(() => engine.scopeFromHeader('r; scope')).toThrow(/must be 1 to 200 characters \(got 0\)/);
    expect(() => engine.scopeFromHeader('r; seed=3')).toThrow(/Unknown parameter "seed" in the X-Sim-Scenario header \(known: scope\)/);
  });
});
