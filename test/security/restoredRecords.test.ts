// Finding 8: records restored from a data file are listed by the admin API (and so the UI) as they
// were before the restart: same ids, accounts, states and histories, for every provider, and the
// detail of one has its account and history. After a reset the list is what the reset state holds.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, readJson, startServer, type Json, type TestServer } from '../helpers/server.js';
import { devinoSession, send, UNIBELL_KEY } from '../scenarios/helpers.js';

let dir: string;
let data: string;
const open: TestServer[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'provider-sim-records-'));
  data = join(dir, 'state.json');
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  await rm(dir, { recursive: true, force: true });
});

async function start(): Promise<TestServer> {
  const s = await startServer({ data });
  open.push(s);
  return s;
}

async function stop(s: TestServer) {
  open.splice(open.indexOf(s), 1);
  await s.close();
}

async function list(s: TestServer): Promise<{ records: Json[]; total: number }> {
  const res = await s.call('/_sim/records?limit=1000');
  expect(res.status).toBe(200);
  return readJson(res);
}

/** One of every kind of record: Devino SMS, voice and incoming SMS; a Mobilgroup broadcast; a VoicePassword flash call; a Unibell call and media folder. */
async function traffic(s: TestServer) {
  expect((await send(s, 'devino')).status).toBe(200);
  const session = await devinoSession(s);
  const voice = await s.call('/devino/rest/Voice/Send', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `SessionID=${session}&SourceAddress=74957722345&DestinationAddress=79161234567&FileId=21`,
  });
  expect(voice.status).toBe(200);
  expect((await s.call('/_sim/devino/incoming', json({ from: '79161234567', text: 'Да' }))).status).toBe(201);
  expect((await send(s, 'mobilgroup')).status).toBe(200);
  expect((await send(s, 'voicepassword')).status).toBe(200);
  expect((await send(s, 'unibell')).status).toBe(200);
  const folder = await s.call('/unibell/media', json({ name: 'Приветствия' }, { 'x-authorization': `AccessKey ${UNIBELL_KEY}` }));
  expect(folder.status).toBe(200);
}

describe('records after a restart', () => {
  it('lists every restored record with the same account, state and history, and shows its detail', async () => {
    const first = await start();
    await traffic(first);
    // States move (some calls end, the SMS is delivered), so histories have more than one step.
    await first.advance('20s');
    const before = await list(first);
    const kinds = new Set(before.records.map((r: Json) => `${r.provider} ${r.kind}`));
    expect([...kinds].sort()).toEqual([
      'devino incoming-sms',
      'devino sms',
      'devino voice',
      'mobilgroup broadcast',
      'mobilgroup call',
      'unibell call',
      'unibell media-folder',
      'voicepassword flashcall',
    ]);
    expect(before.records.some((r: Json) => r.history.length > 2)).toBe(true);
    await stop(first);

    const second = await start();
    const after = await list(second);
    expect(after).toEqual(before);
    for (const r of before.records) {
      const detail = await readJson(await second.call(`/_sim/records/${r.provider}/${r.kind}/${encodeURIComponent(r.id)}`));
      expect(detail).toMatchObject({ account: r.account, state: r.state, history: r.history });
      expect(detail.account).not.toBe('');
    }

    // Restored records go on through their lifecycles, and the list follows them.
    await second.advance('1h');
    const later = await list(second);
    const sms = later.records.find((r: Json) => r.kind === 'sms');
    const smsBefore = before.records.find((r: Json) => r.kind === 'sms');
    expect(sms.history.slice(0, smsBefore.history.length)).toEqual(smsBefore.history);
  });

  it('after a reset lists what the reset state holds, before and after a restart', async () => {
    const first = await start();
    await traffic(first);
    await first.advance('20s');
    expect((await first.call('/_sim/reset', { method: 'POST' })).status).toBe(200);
    expect(await list(first)).toEqual({ records: [], total: 0 });
    expect((await send(first, 'voicepassword')).status).toBe(200);
    const afterReset = await list(first);
    expect(afterReset.records.map((r: Json) => `${r.provider} ${r.kind}`)).toEqual(['voicepassword flashcall']);
    await stop(first);

    const second = await start();
    expect(await list(second)).toEqual(afterReset);
  });
});
