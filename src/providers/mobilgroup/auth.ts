// Who is calling: the API key in the Authorization header, or the body's `security` section
// with an apiKey or a login/password pair. A disabled account is refused after it is recognised.
import type { FastifyRequest } from 'fastify';
import type { SimContext } from '../../core/context.js';
import { fail } from './errors.js';
import { SLUG } from './store.js';
import { Security, type AccountFixture } from './schemas.js';
import { safeParseCompiled } from '../../core/compiledSchema.js';

export interface Credentials {
  byApiKey: ReadonlyMap<string, AccountFixture>;
  byLogin: ReadonlyMap<string, AccountFixture>;
}

export function indexCredentials(accounts: readonly AccountFixture[]): Credentials {
  return {
    byApiKey: new Map(accounts.map((a) => [a.apiKey, a])),
    byLogin: new Map(accounts.map((a) => [a.login, a])),
  };
}

export function identify(credentials: Credentials, header: string | undefined, security: unknown): AccountFixture | undefined {
  // A header, when sent, decides on its own: the spec says the section is then not needed.
  if (header !== undefined && header.trim() !== '') {
    return credentials.byApiKey.get(header.trim().replace(/^Bearer\s+/i, ''));
  }
  const parsed = safeParseCompiled(Security, security);
  if (!parsed.success) return undefined;
  const { apiKey, login, password } = parsed.data;
  if (apiKey) return credentials.byApiKey.get(apiKey);
  if (login === undefined || password === undefined) return undefined;
  const account = credentials.byLogin.get(login);
  return account && account.password === password ? account : undefined;
}

export function authenticate(ctx: SimContext, credentials: Credentials, request: FastifyRequest, body: Record<string, unknown>): AccountFixture {
  const header = request.headers.authorization;
  const account = identify(credentials, header, body.security);
  if (!account) throw fail('Error_Authorisation_Failed');
  request.simAccount = account.id;
  // /set/'s table has no Error_User_Disabled: a disabled account is refused there with its auth code.
  if (ctx.accounts.get(SLUG, account.id)?.disabled) throw fail(request.routeOptions.config.operation === 'set' ? 'Error_Authorisation_Failed' : 'Error_User_Disabled');
  return account;
}
