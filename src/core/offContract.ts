// Replies a scenario sends off the provider's contract on purpose (a malformed body, a gateway's
// error page, a refused X-Sim-Scenario header): response validation leaves them alone. A WeakSet,
// so marking costs nothing when validation is off and nothing outlives the reply.
import type { FastifyReply } from 'fastify';

const offContract = new WeakSet<FastifyReply>();

export const markOffContract = (reply: FastifyReply): FastifyReply => {
  offContract.add(reply);
  return reply;
};

export const isOffContract = (reply: FastifyReply) => offContract.has(reply);
