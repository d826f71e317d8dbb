// Mismatches seen by the setup file (test/helpers/validation.ts) and not yet reported. A test that
// provokes one on purpose (to show the check works) takes it from here, so it does not fail.
import type { ResponseMismatch } from '../../src/openapi/responseValidation.js';

let pending: ResponseMismatch[] = [];

export const notePending = (mismatch: ResponseMismatch) => void pending.push(mismatch);

/** Every mismatch not yet reported, and forgets them. */
export function takeMismatches(): ResponseMismatch[] {
  const found = pending;
  pending = [];
  return found;
}
