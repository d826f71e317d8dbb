// Bad input on every route of every provider gets that provider's own error in its own envelope:
// never a 5xx, always a body that parses, always the provider's shape. Routes come from the
// providers' operation lists, so a new route is covered without touching this file.
// Two layers: a sweep that sends every kind of fault to every route once (so each pair is
// certainly tried), and a fast-check property that varies them (fixed seed, bounded runs).
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { useSimulator } from '../helpers/useSimulator.js';
import { badRequest, KINDS, type BadRequest, type Setting } from './badRequests.js';
import { rawRequest } from './http.js';
import { PROFILES, PROVIDER_SLUGS, routesOf, type ProviderSlug, type Route } from './routes.js';

const BODY_LIMIT = 16_384;
// Fixed and bounded for the suite; `FUZZ_SEED`/`FUZZ_RUNS` widen a local hunt.
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_609);
const RUNS = Number(process.env.FUZZ_RUNS ?? 250);

// Uploads have a limit of their own; the generated oversized files are measured against the same figure.
const s = useSimulator({ config: { bodyLimit: BODY_LIMIT, uploadLimit: BODY_LIMIT }, eachTest: 'keep' });
let errorLog: MockInstance;
const settings = {} as Record<ProviderSlug, Setting>;

beforeAll(async () => {
  // Below debug level every request logs through the app's logger itself: an error logged anywhere
  // (a handler's 500, a timer of a lifecycle, an event listener) lands here.
  errorLog = vi.spyOn(s.sim.app.log, 'error');
  for (const slug of PROVIDER_SLUGS) {
    settings[slug] = { auth: await PROFILES[slug].login(s.url), wrongAuth: PROFILES[slug].wrongAuth, bodyLimit: BODY_LIMIT };
  }
});

/** Sends one bad request and says what is wrong with the answer (undefined: nothing). */
async function problem(route: Route, bad: BadRequest): Promise<string | undefined> {
  let res;
  try {
    res = await rawRequest(s.url, bad.req);
  } catch (err) {
    return `no answer: ${(err as Error).message}`;
  }
  if (res.status >= 500) return `HTTP ${res.status}: ${res.text.slice(0, 300)}`;
  if (bad.expectStatus !== undefined && res.status !== bad.expectStatus) return `expected HTTP ${bad.expectStatus}, got ${res.status}: ${res.text.slice(0, 200)}`;
  // HEAD answers carry no body by definition.
  if (bad.req.method === 'HEAD') return undefined;
  return PROFILES[route.provider].check(res, route);
}

const describeRequest = (bad: BadRequest) =>
  `${bad.kind}: ${bad.req.method} ${bad.req.path.slice(0, 160)} ${JSON.stringify(bad.req.headers)} ${bad.req.body === undefined ? '' : JSON.stringify(bad.req.body.toString().slice(0, 160))}`;

describe.each(PROVIDER_SLUGS)('%s: bad input on every route', (slug) => {
  const routes = routesOf(slug);

  it('enumerates the routes of its OpenAPI operations', () => {
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(route.template.startsWith(`/${slug}/`)).toBe(true);
  });

  it('answers each kind of fault on each route in its own envelope (sweep, one sample each)', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const [i, kind] of KINDS.entries()) {
        const samples = fc.sample(badRequest(route, settings[slug]).filter((b) => b.kind === kind), { seed: SEED + i, numRuns: 3 });
        for (const bad of samples) {
          const p = await problem(route, bad);
          if (p) failures.push(`${describeRequest(bad)}\n    -> ${p}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers generated bad requests in its own envelope, never a 5xx (fast-check)', async () => {
    // The counterexample names the route by its path, not by its (large) operation documents.
    const arb = fc.constantFrom(...routes).chain((route) => badRequest(route, settings[slug]).map((bad) => ({ route: route.template, bad })));
    await fc.assert(
      fc.asyncProperty(arb, async ({ route, bad }) => {
        const p = await problem(routes.find((r) => r.template === route) as Route, bad);
        if (p) throw new Error(`${describeRequest(bad)}\n    -> ${p}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('runs what the bad requests planned without a failure, and still serves', async () => {
    // Whatever was accepted (odd dates, odd numbers, odd callback URLs) now goes through its lifecycle.
    await s.advance('72h');
    await s.sim.ctx.callbacks.idle();
    expect(errorLog.mock.calls.map((c) => JSON.stringify(c).slice(0, 300))).toEqual([]);
    expect((await s.call('/_sim/health')).status).toBe(200);
  });
});
