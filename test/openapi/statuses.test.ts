// Every status an operation documents is provoked by some test (checked against the document as
// the test runs, and claimed in test/openapi/status-coverage.json, which each test file verifies
// for itself when it ends) or listed as reachable only through a scenario; docs/statuses.md is
// the table as generated.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCoverage, ROOT } from '../helpers/statusCoverage.js';
import { documentedStatuses, PAGE_FILE, statusPage } from '../helpers/statusTable.js';

const statuses = documentedStatuses();
const coverage = readCoverage();
const HINT = 'run `npm run statuses` (it runs the suite) and commit test/openapi/status-coverage.json and docs/statuses.md';

describe('status coverage', () => {
  it('every documented status is provoked by a test or listed as scenario-only', () => {
    const neither = statuses.filter((s) => !coverage.provoked[s.key] && !coverage.scenarioOnly[s.key] && !coverage.checkedByTest?.[s.key]).map((s) => s.key);
    expect(neither, HINT).toEqual([]);
  });

  it('the table claims no status the documents do not list, and each claim names an existing test file', () => {
    const documented = new Set(statuses.map((s) => s.key));
    const claimed = [...Object.keys(coverage.provoked), ...Object.keys(coverage.scenarioOnly), ...Object.keys(coverage.checkedByTest ?? {})];
    expect(claimed.filter((k) => !documented.has(k)), HINT).toEqual([]);
    for (const where of Object.values(coverage.provoked)) expect(existsSync(join(ROOT, where.split(' › ')[0])), where).toBe(true);
  });

  it('docs/statuses.md is the table as generated', () => {
    expect(readFileSync(PAGE_FILE, 'utf8'), HINT).toBe(statusPage(statuses, coverage));
  });
});
