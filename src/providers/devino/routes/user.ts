// Devino account operations: a session id for login and password, and the balance.
import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../../../core/context.js';
import type { DevinoAuth } from '../auth.js';
import { registerOperation } from './operation.js';
import { readParams } from '../params.js';
import { BalanceParams, SessionIdParams } from '../schemas.js';

export function registerUserRoutes(app: FastifyInstance, ctx: SimContext, auth: DevinoAuth) {
  registerOperation(app, {
    path: '/rest/User/SessionId',
    operation: 'User/SessionId',
    methods: ['GET', 'POST'],
    handle(request, bag) {
      const p = readParams(bag, SessionIdParams);
      request.simAccount = auth.account(p.Login) ? p.Login : undefined;
      return auth.login(p.Login, p.Password);
    },
  });

  registerOperation(app, {
    path: '/rest/User/Balance',
    operation: 'User/Balance',
    methods: ['GET', 'POST'],
    handle(request, bag) {
      const p = readParams(bag, BalanceParams);
      const account = auth.authenticate(p.SessionID, request);
      return ctx.accounts.get('devino', account.login)?.balance ?? 0;
    },
  });
}
