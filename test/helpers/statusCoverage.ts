// Which documented statuses the tests of this file provoke. With SIM_STATUS_LOG=<dir> the list is
// written there (scripts/status-table.ts turns a run's lists into test/openapi/status-coverage.json);
// at the end of the file, each status the table says this file provokes must have been provoked.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import type { CheckedResponse, ResponseMismatch } from '../../src/openapi/responseValidation.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const COVERAGE_FILE = join(ROOT, 'test', 'openapi', 'status-coverage.json');

/** `devino getSessionId 401`. */
export const statusKey = (document: string, operationId: string, status: number | string) => `${document} ${operationId} ${status}`;

/** Where each documented status is provoked: `file › test`, or why only a scenario reaches it. */
export interface StatusCoverage {
  provoked: Record<string, string>;
  scenarioOnly: Record<string, string>;
  /** Answers written to the socket directly (an event stream), which no onSend hook sees: how a test checks them instead. */
  checkedByTest?: Record<string, string>;
}

export const readCoverage = (): StatusCoverage => JSON.parse(readFileSync(COVERAGE_FILE, 'utf8')) as StatusCoverage;

const provoked = new Map<string, Set<string>>();

export function recordProvoked(checked: CheckedResponse, test: string) {
  if (checked.mismatch) return;
  const key = statusKey(checked.document, checked.operationId, checked.status);
  let tests = provoked.get(key);
  if (!tests) provoked.set(key, (tests = new Set()));
  tests.add(test);
}

const currentFile = () => relative(ROOT, expect.getState().testPath ?? 'unknown');

/** Writes this file's list when asked to, and checks the table's claims about this file. */
export function finishFile() {
  const file = currentFile();
  const dir = process.env.SIM_STATUS_LOG;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    const entries = [...provoked].map(([key, tests]) => ({ key, tests: [...tests] }));
    writeFileSync(join(dir, `${file.replace(/[\\/]/g, '__')}.json`), JSON.stringify({ file, entries }));
    return;
  }
  const missing: string[] = [];
  for (const [key, where] of Object.entries(readCoverage().provoked)) {
    const [claimFile, test] = where.split(' › ');
    if (claimFile !== file) continue;
    if (!provoked.get(key)?.has(test)) missing.push(`${key} (claimed by "${test}")`);
  }
  if (missing.length) throw new Error(`test/openapi/status-coverage.json says ${file} provokes what it did not:\n${missing.join('\n')}\nRegenerate the table (docs/statuses.md says how).`);
}

/** With SIM_STATUS_LOG, mismatches are kept in `mismatches.jsonl` there too (a whole run's list in one place). */
export function logMismatches(found: readonly ResponseMismatch[]) {
  const dir = process.env.SIM_STATUS_LOG;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const file = currentFile();
  appendFileSync(join(dir, 'mismatches.jsonl'), found.map((m) => `${JSON.stringify({ file, ...m })}\n`).join(''));
}
