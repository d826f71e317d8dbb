// Vitest setup file: every simulator a test starts checks its answers and callbacks against the
// OpenAPI documents it serves (startServer() turns the flag on; startSimulator() reads
// SIM_VALIDATE_RESPONSES, set here), and a mismatch fails the test that caused it. It also notes
// which documented status each test provoked, for the status table (docs/statuses.md).
import { afterAll, afterEach, beforeEach } from 'vitest';
import { watchValidation, type ResponseMismatch } from '../../src/openapi/responseValidation.js';
import { notePending, takeMismatches } from './mismatches.js';
import { finishFile, logMismatches, recordProvoked } from './statusCoverage.js';

process.env.SIM_VALIDATE_RESPONSES ??= '1';

let currentTest = '(before all)';

watchValidation((event) => {
  if (event.type === 'response') recordProvoked(event.checked, currentTest);
  const mismatch = event.type === 'response' ? event.checked.mismatch : event.mismatch;
  if (mismatch) notePending(mismatch);
});

const describe = (m: ResponseMismatch) =>
  `${m.kind} ${m.method} ${m.url} → ${m.document} ${m.operationId}${m.status ? ` ${m.status}` : ''}${m.contentType ? ` (${m.contentType})` : ''}: ${m.errors.join('; ')}`;

function failOnMismatches(when: string) {
  const found = takeMismatches();
  if (found.length === 0) return;
  logMismatches(found);
  throw new Error(`${found.length} answer(s) do not match the served OpenAPI document ${when}:\n${found.map(describe).join('\n')}`);
}

beforeEach((context) => {
  currentTest = context.task.name;
  failOnMismatches('before this test (in a beforeAll or an earlier test)');
});

afterEach(() => {
  currentTest = '(after each)';
  failOnMismatches('in this test');
});

afterAll(() => {
  currentTest = '(after all)';
  finishFile();
  failOnMismatches('in the hooks of this file');
});
