// The admin token, compared so that neither its content nor its length shows in the time taken:
// both sides are hashed to SHA-256 first, and the two digests (always 32 bytes) compared in
// constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** A checker for one configured token. */
export function tokenChecker(token: string) {
  const expected = digest(token);
  return (given: string) => timingSafeEqual(digest(given), expected);
}

/** The token a request carries: `Authorization: Bearer <token>` or `X-Sim-Admin-Token`. */
export function tokenOf(headers: IncomingHttpHeaders): string | undefined {
  const bearer = headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (bearer !== undefined) return bearer;
  const header = headers['x-sim-admin-token'];
  return typeof header === 'string' ? header : undefined;
}
