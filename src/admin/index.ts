// The /_sim admin API. This first cut has what tests need most: health, reset and the clock.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Simulator } from '../app.js';
import { parseClockMode, parseDuration } from '../core/clock.js';
import type { ProviderDefinition } from '../core/context.js';
import { describeZodError } from '../core/fixtures.js';

const Duration = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration (use milliseconds or e.g. 90s, 2h, 1h30m)` });
    return z.NEVER;
  }
  return ms;
});

export const AdvanceClockBody = z
  .object({ ms: Duration.optional(), by: Duration.optional() })
  .refine((b) => (b.ms === undefined) !== (b.by === undefined), { message: 'give exactly one of "ms" or "by"' });

export const SetClockBody = z.object({
  now: z.union([z.iso.datetime({ offset: true }), z.number().int()]).optional(),
  mode: z.string().refine((m) => parseClockMode(m) !== undefined, { message: 'must be real, manual or x<factor>' }).optional(),
});

class AdminInputError extends Error {
  statusCode = 400;
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new AdminInputError(describeZodError(parsed.error));
  return parsed.data;
}

export async function adminPlugin(app: FastifyInstance, opts: { simulator: Simulator; providers: readonly ProviderDefinition[] }) {
  const { simulator, providers } = opts;
  const { clock } = simulator.ctx;
  const clockView = () => {
    const s = clock.state();
    return { now: new Date(s.now).toISOString(), epochMs: s.now, mode: s.mode === 'speed' ? `x${s.factor}` : s.mode, pendingTimers: clock.pending() };
  };

  await app.register(
    async (admin) => {
      admin.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
        const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
        if (status === 500) admin.log.error({ err }, 'admin request failed');
        void reply.code(status).send({ error: err.message });
      });
      admin.get('/health', async () => ({
        status: 'ok',
        providers: providers.map((p) => p.slug),
        now: new Date(clock.now()).toISOString(),
        persistence: simulator.ctx.store.file ? { file: simulator.ctx.store.file, lastError: simulator.ctx.store.lastError()?.message ?? null } : 'memory',
      }));
      admin.post('/reset', async () => {
        simulator.reset();
        return { reset: true, now: new Date(clock.now()).toISOString() };
      });
      admin.get('/clock', async () => clockView());
      admin.post('/clock/advance', async (req) => {
        const body = parseBody(AdvanceClockBody, req.body);
        const fired = clock.advance((body.ms ?? body.by) as number);
        simulator.ctx.events.emit('clock.changed', { now: clock.now(), mode: clock.state().mode });
        return { ...clockView(), fired };
      });
      admin.post('/clock', async (req) => {
        const body = parseBody(SetClockBody, req.body);
        let fired = 0;
        if (body.mode) {
          const m = parseClockMode(body.mode)!;
          clock.setMode(m.mode, m.factor);
        }
        if (body.now !== undefined) fired = clock.set(typeof body.now === 'number' ? body.now : Date.parse(body.now));
        simulator.ctx.events.emit('clock.changed', { now: clock.now(), mode: clock.state().mode });
        return { ...clockView(), fired };
      });
    },
    { prefix: '/_sim' },
  );
}
