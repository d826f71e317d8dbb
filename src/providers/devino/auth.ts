// Devino sessions: login and password buy a 36-character session id valid for 120 minutes of
// simulator time. An id never issued is error 3; an expired one is error 4 "SessionID expired".
// An account holds at most `--max-sessions-per-account` sessions: a login past it ends the
// account's oldest one (then unknown, error 3), so a login loop on a frozen clock, where nothing
// expires, cannot grow memory without end while clients that log in per request keep working.
import { derivedFrom } from '../../core/derived.js';
import type { SimContext } from '../../core/context.js';
import { sessionKey, type DevinoSlice, type Session } from './store.js';
import { DevinoError } from './errors.js';
import type { DevinoAccountFixture, DevinoFixture } from './schemas.js';

const SWEEP_ABOVE = 10_000;

/** Each account's session ids, oldest first. */
function indexByAccount(sessions: Map<string, Session>): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const [id, s] of sessions) {
    let own = index.get(s.account);
    if (!own) index.set(s.account, (own = new Set()));
    own.add(id);
  }
  return index;
}

export function createDevinoAuth(ctx: SimContext, slice: DevinoSlice, fixture: DevinoFixture) {
  const byLogin = new Map(fixture.accounts.map((a) => [a.login, a]));
  const ttlMs = fixture.timings.sessionTtlMinutes * 60_000;
  // Derived from the sessions Map on first use (a data file or a reset brings a new Map, and so a new index).
  const sessionsByAccount = derivedFrom(indexByAccount);

  const ensureEnabled = (account: DevinoAccountFixture) => {
    if (ctx.accounts.get('devino', account.login)?.disabled) throw new DevinoError(7, 'Forbidden: the account is disabled');
  };

  return {
    account: (login: string) => byLogin.get(login),
    login(login: string, password: string): string {
      const account = byLogin.get(login);
      if (!account || account.password !== password) throw new DevinoError(4, 'Invalid user login or password');
      ensureEnabled(account);
      const sessions = slice.state.sessions;
      const byAccount = sessionsByAccount(sessions);
      const now = ctx.clock.now();
      if (sessions.size > SWEEP_ABOVE) {
        for (const [id, s] of sessions) {
          if (s.expiresAt > now) continue;
          sessions.delete(id);
          byAccount.get(s.account)?.delete(id);
          slice.changed(sessionKey(id));
        }
      }
      let own = byAccount.get(login);
      if (!own) byAccount.set(login, (own = new Set()));
      for (const oldest of own) {
        if (own.size < ctx.config.maxSessionsPerAccount) break;
        own.delete(oldest);
        sessions.delete(oldest);
        slice.changed(sessionKey(oldest));
      }
      let id = ctx.random.alnum(36);
      while (sessions.has(id)) id = ctx.random.alnum(36);
      // The fixture's own string: each request's lookups by it compare one pointer, not the text.
      sessions.set(id, { account: account.login, expiresAt: now + ttlMs });
      own.add(id);
      slice.changed(sessionKey(id));
      return id;
    },
    /** The session's account, recorded on the request (journal, scenarios) once it is known. */
    authenticate(sessionId: string, request?: { simAccount: string | undefined }): DevinoAccountFixture {
      const session = slice.state.sessions.get(sessionId);
      const account = session && byLogin.get(session.account);
      if (!session || !account) throw new DevinoError(3, 'Invalid session id');
      if (ctx.clock.now() >= session.expiresAt) throw new DevinoError(4, 'SessionID expired');
      ensureEnabled(account);
      if (request) request.simAccount = account.login;
      return account;
    },
  };
}

export type DevinoAuth = ReturnType<typeof createDevinoAuth>;
