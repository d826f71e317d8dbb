// API-key authentication: the `Authorization` header, or `security.apiKey` in the JSON body.
import type { FastifyRequest } from 'fastify';
import type { Accounts } from '../../core/accounts.js';
import { fail } from './errors.js';
import { Security, type VoicePasswordFixture } from './schemas.js';
import { safeParseCompiled } from '../../core/compiledSchema.js';

export type AccountFixture = VoicePasswordFixture['accounts'][number];

export interface Authenticator {
  /** The account the request speaks for; throws the spec's error otherwise. */
  authenticate(request: FastifyRequest, body: Record<string, unknown>): AccountFixture;
}

export function createAuthenticator(slug: string, fixture: VoicePasswordFixture, accounts: Accounts): Authenticator {
  const byKey = new Map(fixture.accounts.map((a) => [a.apiKey, a]));
  return {
    authenticate(request, body) {
      const header = request.headers.authorization?.trim();
      const security = safeParseCompiled(Security, body.security ?? {});
      // The header, when sent, is the credential: the spec says the body section is then not needed.
      const key = header || (security.success ? security.data.apiKey?.trim() : undefined);
      const account = key ? byKey.get(key) : undefined;
      if (!account) throw fail('authorisation_failed');
      request.simAccount = account.id;
      if (accounts.get(slug, account.id)?.disabled) throw fail('user_disabled');
      return account;
    },
  };
}
