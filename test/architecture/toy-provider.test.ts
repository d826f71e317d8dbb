// Issue 18: a fifth provider is one line in the registry. The toy provider (test/architecture/toy/)
// is added to the registry's list and shows up in the admin API, the OpenAPI documents, the
// scenario engine and the sandbox UI, none of which names it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSimulator, type Simulator } from '../../src/app.js';
import { generateFixtures } from '../../src/core/generate/fixtures.js';
import { providers } from '../../src/providers/index.js';
import { toy } from './toy/definition.js';

type Json = Record<string, any>;

let sim: Simulator;
const call = async (method: string, url: string, body?: unknown) => {
  const res = await sim.app.inject({ method: method as 'GET', url, ...(body === undefined ? {} : { payload: body as object }) });
  return { status: res.statusCode, text: res.body, json: () => res.json() as Json };
};

beforeAll(async () => {
  // The one line: the registry's providers and the toy.
  sim = await buildSimulator({ logLevel: 'silent', clock: 'manual' }, { providers: [...providers, toy] });
});
afterAll(() => sim.app.close());

describe('a fifth provider added in one line', () => {
  it('serves its API and lists its records, its provider entry and its own admin route in the admin API', async () => {
    const sent = await call('POST', '/toy/api/ping', { number: '79161234567' });
    expect(sent.status).toBe(200);
    const { id } = sent.json();

    const listed = (await call('GET', '/_sim/records?provider=toy')).json();
    expect(listed.records).toMatchObject([{ provider: 'toy', kind: 'ping', id, state: 'sent' }]);
    const forced = await call('POST', `/_sim/records/toy/ping/${id}/state`, { state: 'ponged' });
    expect(forced.json()).toMatchObject({ state: 'ponged', detail: { number: '79161234567' } });

    expect((await call('GET', `/_sim/toy/pings/${id}`)).json()).toMatchObject({ id, state: 'ponged' });
    const provider = (await call('GET', '/_sim/providers')).json().providers.find((p: Json) => p.slug === 'toy');
    expect(provider).toMatchObject({ title: 'Toy provider', prefix: '/toy', states: { ping: ['ponged'] } });
    expect((await call('GET', '/_sim/health')).json().providers).toEqual(['devino', 'voicepassword', 'mobilgroup', 'unibell', 'toy']);
    // Its requests are journalled with its operation.
    expect((await call('GET', '/_sim/journal?operation=ping')).json().entries).toHaveLength(1);
  });

  it('has its OpenAPI document, in the reference index, and its admin route in the admin document', async () => {
    const doc = await call('GET', '/_sim/openapi/toy.json');
    expect(doc.status).toBe(200);
    expect(doc.json()).toMatchObject({ info: { title: toy.title }, paths: { '/ping': { post: { operationId: 'ping' } } } });
    expect((await call('GET', '/_sim/openapi/')).text).toContain('/_sim/openapi/toy.json');
    const admin = (await call('GET', '/_sim/openapi/admin.json')).json();
    expect(admin.paths['/_sim/toy/pings/{id}'].get.operationId).toBe('toyPing');
    expect(admin.components.schemas).toHaveProperty('ToyPing');
    expect(admin.paths['/_sim/openapi/{document}'].get.parameters[0].schema.enum).toContain('toy.json');
  });

  it("is known to the scenario engine: a rule's match.operation may name its operation, and acts on its route", async () => {
    const typo = await call('POST', '/_sim/scenarios', { name: 'toy-typo', rules: [{ match: { provider: 'toy', operation: 'pong' }, latency: 10 }] });
    expect(typo.status).toBe(400);
    expect(typo.json().error).toMatch(/pong.*ping/s);

    const up = await call('POST', '/_sim/scenarios', { name: 'toy-down', rules: [{ match: { provider: 'toy', operation: 'ping' }, fault: { type: 'http', status: 503 } }] });
    expect(up.status).toBe(201);
    await call('POST', '/_sim/scenarios/toy-down/activate');
    expect((await call('POST', '/toy/api/ping', { number: '79161234567' })).status).toBe(503);
    await call('POST', '/_sim/scenarios/toy-down/deactivate');
    expect((await call('POST', '/toy/api/ping', { number: '79161234567' })).status).toBe(200);
  });

  it("shows its state labels in the sandbox UI's script", async () => {
    const script = await call('GET', '/_sim/ui/app.js');
    expect(script.text).toContain('"toy/ping":{"sent":"Ping sent, no pong yet","ponged":"Pong received"}');
  });

  it('leaves the registry itself alone: a simulator built without the option serves the four', async () => {
    const plain = await buildSimulator({ logLevel: 'silent', clock: 'manual' });
    try {
      expect((await plain.app.inject({ url: '/_sim/openapi/toy.json' })).statusCode).toBe(404);
      expect(plain.providers.map((p) => p.definition.slug)).toEqual(['devino', 'voicepassword', 'mobilgroup', 'unibell']);
    } finally {
      await plain.app.close();
    }
  });

  it('without a generator it is left out of generated fixtures and traffic, and the others generate as before', async () => {
    const withToy = generateFixtures([...providers, toy], { accounts: 3, seed: 1 });
    const without = generateFixtures(providers, { accounts: 3, seed: 1 });
    expect(withToy.files).toEqual(without.files);
    expect(withToy.credentials.some((c) => c.provider === 'toy')).toBe(false);

    const played = await call('POST', '/_sim/traffic', { minutes: 10, seed: 1 });
    expect(played.status).toBe(200);
    const counts = played.json().counts as Json;
    expect(counts.toy).toBeUndefined();
    expect(counts.devino.sms).toBeGreaterThan(0);
  });
});
