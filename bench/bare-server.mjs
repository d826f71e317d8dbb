// The baseline: a bare Fastify route answering what the simulator answers for Sms/Send, with the
// same form parsing and headers, but no validation, segmentation, balance, store or journal.
import { parse } from 'node:querystring';
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parse(body)));
app.post('/devino/rest/Sms/Send', async (_req, reply) =>
  reply.header('cache-control', 'private').type('application/json; charset=utf-8').send('["GW02D3B1B694"]'),
);
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`${address}\n`);
