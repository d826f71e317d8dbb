// The project as one user of its own kit: every case, through a driver process around the reference
// operation adapters (protocol 1, as a driver in any language gets it), against a simulator the kit
// starts. Every documented operation,
// error code and callback must have a passing case, and docs/conformance.md must be the table this
// run generates.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { coverageMarkdown, driver, registerConformance, type ConformanceAdapters, type ConformanceReport } from '../../src/conformance/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const referenceDriver = driver({ command: 'node --import tsx test/conformance/fixtures/reference-driver.ts', cwd: root });
const adapters: ConformanceAdapters = { devino: referenceDriver, mobilgroup: referenceDriver, voicepassword: referenceDriver, unibell: referenceDriver };

let report: ConformanceReport | undefined;
registerConformance(adapters, { describe, it, beforeAll }, { onReport: (r) => (report = r) });

describe('coverage', () => {
  it('every documented operation, error code and callback has a passing case', () => {
    expect(report?.ok).toBe(true);
    const gaps = Object.values(report?.coverage ?? {}).flatMap((cov) => [
      ...cov.operations.filter((r) => !r.passed.length).map((r) => `operation ${r.item}: ${r.note}`),
      ...cov.errors.filter((r) => !r.passed.length && !r.note?.startsWith('cannot be provoked')).map((r) => `error ${r.item}: ${r.note}`),
      ...cov.callbacks.filter((r) => !r.passed.length || !r.note?.startsWith('parsed')).map((r) => `callback ${r.item}: ${r.note}`),
    ]);
    expect(gaps).toEqual([]);
  });

  it('docs/conformance.md is the table the kit generates', () => {
    expect(readFileSync(new URL('../../docs/conformance.md', import.meta.url), 'utf8')).toBe(`${coverageMarkdown(report!)}\n`);
  });
});
