// The optional admin token: when configured, every /_sim request but the health check (readiness
// probes carry no secrets) needs it, as `Authorization: Bearer <token>` or `X-Sim-Admin-Token`.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function installAdminToken(app: FastifyInstance, token: string | undefined) {
  if (!token) return;
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0].toLowerCase().replace(/\/+$/, '');
    if (!(path === '/_sim' || path.startsWith('/_sim/')) || path === '/_sim/health') return;
    const auth = request.headers.authorization;
    const given = auth?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? request.headers['x-sim-admin-token'];
    if (typeof given === 'string' && same(given, token)) return;
    return reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="provider-sim admin"')
      .send({ error: given === undefined ? 'The admin API needs a token: Authorization: Bearer <SIM_ADMIN_TOKEN>' : 'The admin token is wrong' });
  });
}
