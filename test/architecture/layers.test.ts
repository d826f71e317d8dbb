// Issue 18: the layers point one way and nothing imports in a circle. Read from the real imports of
// src/ (type-only and dynamic ones count); the rules are checked on synthetic graphs too, so a
// broken rule is seen to fail.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, layerOf, layerViolations, readImportGraph, type ImportGraph } from './imports.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = 'test/architecture/fixtures/upward';
const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe('the imports of src/', () => {
  const graph = readImportGraph(ROOT);

  it('are read from every source file, type-only and dynamic imports included', () => {
    expect(graph.size).toBeGreaterThan(150);
    // `import type { ProviderInstance, SimContext } from '../core/context.js'`
    expect(graph.get('src/admin/types.ts')).toContain('src/core/context.ts');
    // `await import('./openapi/responseValidation.js')`
    expect(graph.get('src/app.ts')).toContain('src/openapi/responseValidation.ts');
  });

  it('point one way: cli → conformance → api (index, app) → admin/openapi/ui → scenarios → providers → core', () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it('form no cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('only the registry names providers: core, scenarios, admin, openapi and ui import no provider folder', () => {
    const named = [...graph].flatMap(([from, to]) =>
      ['core', 'scenarios', 'surface'].includes(layerOf(from)?.name ?? '') ? to.filter((t) => /^src\/providers\/[^/]+\//.test(t)).map((t) => `${from} -> ${t}`) : [],
    );
    expect(named).toEqual([]);
  });
});

/**
 * Module-level state a simulator could share with another in the same process. What remains is
 * allowed by name: memos of pure functions keyed by immutable input, and libraries loaded once.
 */
const ALLOWED_MODULE_STATE: Record<string, string> = {
  'src/providers/voicepassword/format.ts': "memo of mskDay(): the last day's text, a pure function of its argument",
  'src/providers/devino/params.ts': 'compiled parameter readers per zod schema (immutable)',
  'src/core/phone.ts': 'number lookup tables per fixture list, derived only from the list',
  'src/core/compiledSchema.ts': 'compiled zod schemas per schema (immutable)',
  'src/core/textPattern.ts': 're2js, loaded on first use',
  'src/core/callbacks/delivery.ts': 'undici, loaded on first use',
  'src/core/packageRoot.ts': "the package's directory, found once",
  'src/openapi/responseValidation.ts': 'the documents compiled to validators and ajv, once per process (read-only)',
  'src/conformance/contract.ts': 'the contracts read from the documents, once per process (read-only)',
  'src/core/offContract.ts': 'a mark on a reply object, which belongs to one request of one simulator',
  'src/ui/client.ts': 'the UI bundle built from src/ui/app/ in memory, once per process (read-only)',
};
/** A top-level `let`, or a top-level collection made empty to be filled at run time (a constant table made from a list is not state). */
const MODULE_STATE = /^(?:export\s+)?(?:let\s|(?:const|var)\s+\w+\s*(?::[^=]+)?=\s*new\s+(?:Weak)?(?:Map|Set)\s*(?:<[^;]*>)?\(\s*\))/m;

describe('module-level state', () => {
  it('no provider, core, admin, openapi or scenarios module keeps mutable state or a runtime map outside a simulator, but the listed memos', () => {
    // The clients are published on their own; src/ui/app/ is the page's script and runs in a browser, one page one state.
    const files = [...readImportGraph(ROOT).keys()].filter((f) => !f.startsWith('src/clients/') && !f.startsWith('src/ui/app/'));
    const found = files.filter((f) => MODULE_STATE.test(readFileSync(`${ROOT}${f}`, 'utf8')));
    expect(found.filter((f) => !(f in ALLOWED_MODULE_STATE))).toEqual([]);
    // And the list keeps no stale entry.
    expect(Object.keys(ALLOWED_MODULE_STATE).filter((f) => !found.includes(f))).toEqual([]);
  });

  it('the pattern sees a per-process runtime map, as the providers kept before issue 18', () => {
    expect(MODULE_STATE.test('const runtimes = new WeakMap<SimContext, Runtime>();')).toBe(true);
    expect(MODULE_STATE.test('let deliveredPlan: Readonly<SmsPlan> = { state: 0, afterMs: 0 };')).toBe(true);
    expect(MODULE_STATE.test('  const pending = new Map<string, NodeJS.Timeout>();')).toBe(false);
    expect(MODULE_STATE.test("const FINAL: ReadonlySet<CallState> = new Set(['ok', 'error']);")).toBe(false);
  });
});

describe('the checks fail where they should', () => {
  it('an upward import, read from a real file, is a violation', () => {
    // A core module that imports the scenario engine, as core/context.ts did before issue 18.
    const graph = readImportGraph(ROOT, FIXTURE);
    const relabelled = new Map([...graph].map(([from, to]) => [from.replace(`${FIXTURE}/`, 'src/'), to.map((t) => t.replace(`${FIXTURE}/`, 'src/'))]));
    expect(layerViolations(relabelled)).toEqual([{ from: 'src/core/context.ts', to: 'src/scenarios/engine.ts', rule: 'core may not import scenarios' }]);
    expect(importCycles(relabelled)).toEqual([['src/core/context.ts', 'src/scenarios/engine.ts']]);
  });

  it('a provider importing admin/, openapi/ or scenarios/ is a violation', () => {
    const graph = graphOf({
      'src/providers/devino/index.ts': ['src/scenarios/watch.ts', 'src/admin/schemas.ts', 'src/openapi/types.ts'],
      'src/scenarios/watch.ts': [],
      'src/admin/schemas.ts': [],
      'src/openapi/types.ts': [],
    });
    expect(layerViolations(graph).map((v) => v.rule)).toEqual(['providers may not import scenarios', 'providers may not import surface', 'providers may not import surface']);
  });

  it('one provider reaching into another, or a file outside every layer, is a violation', () => {
    const graph = graphOf({ 'src/providers/mobilgroup/send.ts': ['src/providers/voicepassword/numbers.ts'], 'src/providers/voicepassword/numbers.ts': [], 'src/misc.ts': [] });
    expect(layerViolations(graph).map((v) => v.rule)).toEqual(['a provider imports another provider', 'the file is in no layer']);
  });

  it('a cycle inside one layer is found, with every file on it', () => {
    const graph = graphOf({ 'src/app.ts': ['src/admin/index.ts'], 'src/admin/index.ts': ['src/openapi/admin.ts'], 'src/openapi/admin.ts': ['src/admin/handlers.ts'], 'src/admin/handlers.ts': ['src/admin/index.ts'] });
    expect(importCycles(graph)).toEqual([['src/admin/handlers.ts', 'src/admin/index.ts', 'src/openapi/admin.ts']]);
    expect(importCycles(graphOf({ 'src/core/a.ts': ['src/core/a.ts'] }))).toEqual([['src/core/a.ts']]);
  });
});
