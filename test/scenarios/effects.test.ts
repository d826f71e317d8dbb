// Every request effect kind (error, latency, transport faults) on every provider, seen from a real
// HTTP client: each test scopes its scenario to its requests with X-Sim-Scenario.
import { describe, expect, it } from 'vitest';
import { readJson } from '../helpers/server.js';
import { useSimulator } from '../helpers/useSimulator.js';
import { send, SLUGS, upload, type Slug } from './helpers.js';

const s = useSimulator();

const ACCOUNT: Record<Slug, string> = { devino: 'user', mobilgroup: 'demo', voicepassword: 'demo', unibell: '0000000000' };

const ERRORS: Record<Slug, { code: string; status: number; body: unknown }> = {
  devino: { code: 'NotEnoughCredits', status: 403, body: { Code: 5, Desc: 'Not enough credits' } },
  mobilgroup: { code: 'Error_User_Disabled', status: 200, body: { result: 'error', error_code: 'Error_User_Disabled' } },
  voicepassword: { code: 'number_in_spam_list', status: 200, body: { result: 'error', error_code: 'number_in_spam_list' } },
  unibell: { code: 'rpcError', status: 502, body: { status: 'rpcError', errorReason: 'Internal error' } },
};

const balance = async (slug: Slug) => (await readJson(await s.call(`/_sim/accounts/${slug}/${ACCOUNT[slug]}`))).balance;

/** The cause undici gives a failed fetch: ECONNRESET, UND_ERR_SOCKET… */
async function failure(promise: Promise<Response>): Promise<string> {
  try {
    const res = await promise;
    throw new Error(`expected a transport failure, got HTTP ${res.status}`);
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; name?: string } };
    return e.name === 'TimeoutError' ? 'TimeoutError' : (e.cause?.code ?? e.cause?.name ?? e.message);
  }
}

describe.each(SLUGS)('%s', (slug) => {
  it("answers the scripted error in the provider's own envelope, with nothing charged or created", async () => {
    const e = ERRORS[slug];
    await upload(s, { name: `err-${slug}`, rules: [{ match: { provider: slug }, error: e.code }] });
    const before = await balance(slug);
    const res = await send(s, slug, '79161234567', { 'x-sim-scenario': `err-${slug}` });
    expect(res.status).toBe(e.status);
    expect(await readJson(res)).toEqual(e.body);
    if (slug === 'devino') expect(res.headers.get('cache-control')).toBe('private');
    expect(await balance(slug)).toBe(before);
    expect((await readJson(await s.call(`/_sim/records?provider=${slug}`))).total).toBe(0);
    // Without the header the same request is served normally.
    const ok = await send(s, slug);
    expect(ok.status).toBe(200);
  });

  it('adds the scripted latency, then answers normally', async () => {
    await upload(s, { name: `slow-${slug}`, rules: [{ match: { provider: slug }, latency: 150 }] });
    const started = performance.now();
    const res = await send(s, slug, '79161234567', { 'x-sim-scenario': `slow-${slug}` });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-sim-rule')).toBe(`slow-${slug}#1`);
  });

  it('resets the connection', async () => {
    await upload(s, { name: `reset-${slug}`, rules: [{ fault: 'reset' }] });
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(await failure(send(s, slug, '79161234567', { 'x-sim-scenario': `reset-${slug}` })));
    expect(await readJson(await s.call(`/_sim/journal/count?provider=${slug}&status=0`))).toEqual({ count: 1 });
  });

  it('hangs until the client gives up', async () => {
    await upload(s, { name: `hang-${slug}`, rules: [{ fault: 'hang' }] });
    const [path, init] = await import('./helpers.js').then((h) => h.sendRequest(s, slug, '79161234567', { 'x-sim-scenario': `hang-${slug}` }));
    expect(await failure(s.call(path, { ...init, signal: AbortSignal.timeout(250) }))).toBe('TimeoutError');
  });

  it('closes the connection without a reply', async () => {
    await upload(s, { name: `empty-${slug}`, rules: [{ fault: 'empty' }] });
    expect(await failure(send(s, slug, '79161234567', { 'x-sim-scenario': `empty-${slug}` }))).toBe('UND_ERR_SOCKET');
  });

  it('answers a truncated JSON body', async () => {
    await upload(s, { name: `bad-${slug}`, rules: [{ fault: 'malformed' }] });
    const res = await send(s, slug, '79161234567', { 'x-sim-scenario': `bad-${slug}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it("answers a gateway's 5xx page", async () => {
    await upload(s, { name: `gw-${slug}`, rules: [{ fault: { type: 'http', status: 503 } }] });
    const res = await send(s, slug, '79161234567', { 'x-sim-scenario': `gw-${slug}` });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('503');
  });
});

describe('matching and counts', () => {
  it('matches on operation, account, number pattern and body field; after and times count matches', async () => {
    await upload(s, {
      name: 'counted',
      rules: [
        { name: 'third and fourth send to 7999', match: { provider: 'voicepassword', operation: 'send', account: 'demo', number: '7999*', body: { 'security.apiKey': '/^demo-/' } }, after: 2, times: 2, error: 'not_enough_money' },
      ],
    });
    const h = { 'x-sim-scenario': 'counted' };
    const results: string[] = [];
    for (let i = 0; i < 6; i++) results.push((await readJson(await send(s, 'voicepassword', '79990001234', h))).result);
    expect(results).toEqual(['ok', 'ok', 'error', 'error', 'ok', 'ok']);
    // Another number, account or operation does not match (and does not count).
    expect((await readJson(await send(s, 'voicepassword', '79161234567', h))).result).toBe('ok');
    const other = await s.call('/voicepassword/api/voice-password/send/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...h },
      body: JSON.stringify({ security: { apiKey: 'second-voicepassword-key' }, number: '79990001234' }),
    });
    expect((await readJson(other)).result).toBe('ok');
  });

  it('matches every number of a bulk send', async () => {
    await upload(s, { name: 'bulk', rules: [{ match: { provider: 'devino', number: '/^7999000000[0-9]$/' }, error: 2 }] });
    const { devinoSession } = await import('./helpers.js');
    const session = await devinoSession(s);
    const body = new URLSearchParams([['SessionID', session], ['DestinationAddresses', '79161234567'], ['DestinationAddresses', '+7 999 000-00-03'], ['Data', 'x'], ['SourceAddress', 'TESTSMS']]);
    const res = await s.call('/devino/rest/Sms/SendBulk', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-sim-scenario': 'bulk' }, body: body.toString() });
    expect(res.status).toBe(400);
    expect(await readJson(res)).toEqual({ Code: 2, Desc: 'Invalid argument' });
  });
});
