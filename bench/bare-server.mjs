// The baseline: bare Fastify routes answering what the simulator answers, with the same body parsing
// (form and JSON) and headers, but no validation, authentication, money, store, journal or hooks.
// Routes come from BARE_ROUTES (JSON: [{ method, url, contentType, body }]); without it, Sms/Send.
import { parse } from 'node:querystring';
import Fastify from 'fastify';

const routes = process.env.BARE_ROUTES
  ? JSON.parse(process.env.BARE_ROUTES)
  : [{ method: 'POST', url: '/devino/rest/Sms/Send', contentType: 'application/json; charset=utf-8', body: '["GW02D3B1B694"]' }];

const app = Fastify({ logger: false });
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parse(body)));
for (const r of routes) {
  app.route({
    method: r.method,
    url: r.url,
    handler: async (_req, reply) => reply.header('cache-control', 'private').type(r.contentType).send(r.body),
  });
}
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`${address}\n`);
// A normal exit on a signal, so a --cpu-prof run of the baseline writes its profile.
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => app.close().then(() => process.exit(0)));
