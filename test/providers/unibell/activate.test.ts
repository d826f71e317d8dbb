// Single-call activation: the call on the simulator clock, start and end callbacks (GET, query,
// Basic auth from URL credentials), every end error code, every activation status, billing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJson, startServer, type TestServer } from '../../helpers/server.js';
import { useReceiver, useSimulator } from '../../helpers/useSimulator.js';
import {
  advanceAndDeliver,
  auth,
  DISABLED_KEY,
  endHits,
  KEY,
  OTHER_KEY,
  postJson,
  setCallbacks,
  SINGLE_ONLY_KEY,
  startHits,
  startReceiver,
  ZERO_BALANCE_KEY,
} from './helpers.js';

const activate = (s: TestServer, body: unknown, key = KEY) => s.call('/unibell/apps/activate', postJson(body, key));

describe('unibell single call', () => {
  const r = useReceiver({ eachTest: 'fresh' });
  const s = useSimulator({ eachTest: 'fresh' });

  it('runs the spec example: start callback at dialling, end callback after the talk, with and without Basic auth', async () => {
    const withCreds = r.url.replace('http://', 'http://user:pa%3Ass@');
    await setCallbacks(s, { startCallbackUrl: `${r.url}/start?site=1`, endCallbackUrl: `${withCreds}/end` });
    const res = await activate(s, { reference: '123456789', sourceAddr: '74952120000', destAddr: '79161234567', scenarioData: 'text=Привет, как дела?' });
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ status: 'ok' });

    await advanceAndDeliver(s, 999);
    expect(r.hits).toEqual([]);
    await advanceAndDeliver(s, 1);
    expect(r.hits).toMatchObject([{ method: 'GET', path: '/start', query: { site: '1', type: 'startCallback', reference: '123456789' }, authorization: undefined, body: undefined }]);

    await advanceAndDeliver(s, '16s');
    expect(endHits(r)).toEqual([]);
    await advanceAndDeliver(s, '1s');
    expect(endHits(r)).toMatchObject([
      {
        method: 'GET',
        path: '/end',
        query: { reference: '123456789', type: 'endCallback', state: '2', error: '0', duration: '12', appKey: KEY },
        authorization: `Basic ${Buffer.from('user:pa:ss').toString('base64')}`,
        body: undefined,
      },
    ]);
    // One started minute at 1.5.
    expect((await readJson(await s.call('/unibell/balance', { headers: auth() }))).balance).toBe('98.5');
  });

  it('ends with state 5 and the spec error code for each failure, with the talk time where the call connected', async () => {
    await setCallbacks(s, { endCallbackUrl: `${r.url}/end` });
    const cases: [string, string, string][] = [
      ['79990000016', '16', '0'],
      ['79990000017', '17', '0'],
      ['79990000019', '19', '0'],
      ['79990000034', '34', '0'],
      ['79990001001', '1001', '2'],
      ['79990001002', '1002', '2'],
      ['79990001017', '1017', '2'],
      ['79990001003', '1003', '2'],
    ];
    for (const [destAddr, error] of cases) expect((await activate(s, { reference: `ref-${error}`, destAddr })).status).toBe(200);
    await advanceAndDeliver(s, '2m');
    const byRef = Object.fromEntries(endHits(r).map((h) => [h.query.reference, h.query]));
    for (const [, error, duration] of cases) {
      expect(byRef[`ref-${error}`]).toEqual({ reference: `ref-${error}`, type: 'endCallback', state: '5', error, duration, appKey: KEY });
    }
  });

  it('fails playback (1001) when scenarioData names a file the library does not have', async () => {
    await setCallbacks(s, { endCallbackUrl: `${r.url}/end` });
    await activate(s, { reference: 'missing', destAddr: '79161234567', scenarioData: 'fileId=9999' });
    await activate(s, { reference: 'present', destAddr: '79161234567', scenarioData: 'fileId=74&text=a=b' });
    await activate(s, { reference: 'foreign', destAddr: '78121234567', scenarioData: 'fileId=74' }, OTHER_KEY);
    await setCallbacks(s, { endCallbackUrl: `${r.url}/end` }, OTHER_KEY);
    await advanceAndDeliver(s, '1m');
    const byRef = Object.fromEntries(endHits(r).map((h) => [h.query.reference, h.query]));
    expect(byRef.missing).toMatchObject({ state: '5', error: '1001' });
    expect(byRef.present).toMatchObject({ state: '2', error: '0' });
    expect(byRef.foreign).toMatchObject({ state: '5', error: '1001', appKey: OTHER_KEY });
  });

  it('sends no callback when the app has no callback URL', async () => {
    await activate(s, { reference: 'quiet', destAddr: '79161234567' });
    await advanceAndDeliver(s, '1m');
    expect(s.sim.ctx.callbacks.list({ provider: 'unibell' })).toEqual([]);
  });

  it('answers prohibitedForAppError, prohibitedForServiceError and rpcError', async () => {
    const campaignBody = { numberId: 14019763, abonentListId: 13296 };
    const app = await activate(s, campaignBody, SINGLE_ONLY_KEY);
    expect(app.status).toBe(403);
    expect((await readJson(app)).status).toBe('prohibitedForAppError');
    expect((await activate(s, { destAddr: '79161234567' }, SINGLE_ONLY_KEY)).status).toBe(200);
    for (const key of [ZERO_BALANCE_KEY, DISABLED_KEY]) {
      const res = await activate(s, { destAddr: '79161234567' }, key);
      expect(res.status).toBe(403);
      expect((await readJson(res)).status).toBe('prohibitedForServiceError');
    }
    await setCallbacks(s, { startCallbackUrl: `${r.url}/start`, endCallbackUrl: `${r.url}/end` });
    const rpc = await activate(s, { reference: 'rpc', destAddr: '79990000500' });
    expect(rpc.status).toBe(502);
    expect((await readJson(rpc)).status).toBe('rpcError');
    await advanceAndDeliver(s, '1m');
    expect(r.hits.filter((h) => h.query.reference === 'rpc')).toEqual([]);
  });

  it('answers invalidDataError for bad numbers and scenario data, invalidSchemeError for a mixed form', async () => {
    for (const body of [
      { destAddr: 'abc' },
      { destAddr: '12345' },
      { destAddr: '79161234567', sourceAddr: 'Unibell' },
      { destAddr: '79161234567', scenarioData: 'novalue' },
      { destAddr: '79161234567', scenarioData: '=x' },
      { destAddr: '79161234567', reference: 'r'.repeat(256) },
    ]) {
      const res = await activate(s, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await readJson(res)).status).toBe('invalidDataError');
    }
    const mixed = await activate(s, { destAddr: '79161234567', numberId: 14019763, abonentListId: 13296 });
    expect(mixed.status).toBe(400);
    expect((await readJson(mixed)).status).toBe('invalidSchemeError');
  });

  it('takes reference, sourceAddr and destAddr as the strings the spec types them (a JSON number is invalidSchemeError)', async () => {
    await setCallbacks(s, { endCallbackUrl: `${r.url}/end` });
    for (const body of [{ reference: 987654, destAddr: '79161234567' }, { destAddr: 79161234567 }, { destAddr: '79161234567', sourceAddr: 74952120000 }]) {
      const res = await activate(s, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await readJson(res)).status).toBe('invalidSchemeError');
    }
    const res = await activate(s, { reference: '987654', destAddr: '+79161234567', sourceAddr: '74952120000' });
    expect(res.status).toBe(200);
    await advanceAndDeliver(s, '1m');
    expect(endHits(r)[0].query).toMatchObject({ reference: '987654', state: '2' });
  });
});

describe('unibell calls across a restart', () => {
  it('resumes a planned call from the data file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unibell-restart-'));
    const r = await startReceiver();
    try {
      const data = join(dir, 'sim.json');
      let s = await startServer({ data, persistDebounceMs: 0 });
      await setCallbacks(s, { startCallbackUrl: `${r.url}/start`, endCallbackUrl: `${r.url}/end` });
      expect((await activate(s, { reference: 'survivor', destAddr: '79161234567' })).status).toBe(200);
      await advanceAndDeliver(s, '1s');
      expect(startHits(r)).toHaveLength(1);
      await s.close();

      s = await startServer({ data, persistDebounceMs: 0 });
      await advanceAndDeliver(s, '20s');
      expect(endHits(r).map((h) => h.query)).toEqual([{ reference: 'survivor', type: 'endCallback', state: '2', error: '0', duration: '12', appKey: KEY }]);
      expect(startHits(r)).toHaveLength(1);
      await s.close();
    } finally {
      await r.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
