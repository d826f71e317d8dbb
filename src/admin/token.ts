// The optional admin token: when configured, every /_sim request but the health check (readiness
// probes carry no secrets) and the sandbox UI's page shell (it holds no data; a browser cannot send
// a header when it navigates) needs it, as `Authorization: Bearer <token>` or `X-Sim-Admin-Token`.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { isUiShellPath } from '../ui/paths.js';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function installAdminToken(app: FastifyInstance, token: string | undefined) {
  if (!token) return;
  app.addHook('onRequest', async (request, reply) => {
    // The router matches the decoded path (`/%5Fsim/clock` is `/_sim/clock`): so must this check.
    const path = decodePath(request.url.split('?')[0]).toLowerCase().replace(/\/+$/, '');
    if (!(path === '/_sim' || path.startsWith('/_sim/')) || path === '/_sim/health' || isUiShellPath(path)) return;
    const auth = request.headers.authorization;
    const given = auth?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? request.headers['x-sim-admin-token'];
    if (typeof given === 'string' && same(given, token)) return;
    return reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="provider-sim admin"')
      .send({ error: given === undefined ? 'The admin API needs a token: Authorization: Bearer <SIM_ADMIN_TOKEN>' : 'The admin token is wrong' });
  });
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
