// The toy provider's routes: its API (POST /ping) and its admin route (GET /_sim/toy/pings/:id).
import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../../../src/core/context.js';
import { PingParams, PingRequest, type PingRecord } from './schemas.js';

export interface ToyState {
  pings: Map<string, PingRecord>;
}

export async function toyRoutes(app: FastifyInstance, ctx: SimContext, state: ToyState) {
  app.post('/api/ping', { config: { provider: 'toy', operation: 'ping' } }, async (request, reply) => {
    const parsed = PingRequest.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: 'number is required' });
    const id = `ping-${state.pings.size + 1}`;
    const ping: PingRecord = { id, account: 'toy-account', number: parsed.data.number, state: 'sent', createdAt: ctx.clock.now() };
    state.pings.set(id, ping);
    ctx.events.emit('record.created', { provider: 'toy', kind: 'ping', id, account: ping.account, state: ping.state, at: ping.createdAt });
    return { id };
  });
}

export async function toyAdminRoutes(app: FastifyInstance, state: ToyState) {
  app.get('/pings/:id', async (request, reply) => {
    const ping = state.pings.get(PingParams.parse(request.params).id);
    return ping ?? reply.code(404).send({ error: 'no such ping' });
  });
}
