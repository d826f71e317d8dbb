// Devino account operations: a session id for login and password, and the balance.
import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../../../core/context.js';
import type { DevinoAuth } from '../auth.js';
import { registerOperation, registerSessionOperation } from './operation.js';
import { BalanceParams, SessionIdParams } from '../schemas.js';

export function registerUserRoutes(app: FastifyInstance, ctx: SimContext, auth: DevinoAuth) {
  registerOperation(app, {
    path: '/rest/User/SessionId',
    operation: 'User/SessionId',
    methods: ['GET', 'POST'],
    params: SessionIdParams,
    handle(p, request) {
      request.simAccount = auth.account(p.Login) ? p.Login : undefined;
      return auth.login(p.Login, p.Password);
    },
  });

  registerSessionOperation(app, auth, {
    path: '/rest/User/Balance',
    operation: 'User/Balance',
    methods: ['GET', 'POST'],
    params: BalanceParams,
    handle(p, account) {
      return ctx.accounts.get('devino', account.login)?.balance ?? 0;
    },
  });
}
