// VoicePassword with a data file: a changed call is one change-log line, so one request writes as
// much at 2000 stored calls as at 10; and a restart from snapshot + log alone (as after kill -9)
// finds every call in its latest state and goes on with fresh ids.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mskDay } from '../../../src/providers/voicepassword/format.js';
import { startServer, type Json, type TestServer } from '../../helpers/server.js';
import { adminCall, get, KEY, SEND, send } from './vp.js';

let dir: string;
let data: string;
const servers: TestServer[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'provider-sim-vp-'));
  data = join(dir, 'state.json');
});
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  await rm(dir, { recursive: true, force: true });
});

async function open(file: string): Promise<TestServer> {
  const s = await startServer({ data: file });
  servers.push(s);
  return s;
}

/** Creates calls in-process, fast enough for thousands; their ids in creation order. */
async function createCalls(s: TestServer, count: number, number = '79161234567'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await s.sim.app.inject({ method: 'POST', url: SEND, payload: { security: { apiKey: KEY }, number } });
    const body = res.json() as Json;
    if (body.result !== 'ok') throw new Error(`send answered ${res.body}`);
    ids.push(body.id);
  }
  return ids;
}

/**
 * Writes everything pending, and the snapshot the first write starts (there is none yet: flush
 * waits for it), so later log sizes only grow by appends.
 */
const settle = (s: TestServer) => s.sim.ctx.store.flush();

/** Log lines that carry this provider's whole state rather than one call. */
async function wholeSliceLines(file: string): Promise<number> {
  const lines = (await readFile(`${file}.log`, 'utf8')).split('\n').filter((l) => l !== '');
  return lines.map((l) => JSON.parse(l) as { s?: string; k?: string }).filter((l) => l.s === 'voicepassword' && l.k === undefined).length;
}

describe('VoicePassword persistence', () => {
  it('a restart from snapshot and log alone has every call in its latest state and fresh ids', async () => {
    const s = await open(data);
    const before = await createCalls(s, 3);
    await settle(s);

    // After the snapshot: new calls, ended calls, an SMS fallback half-way through its states, a call still dialing.
    const answered = await createCalls(s, 20);
    const busy = await createCalls(s, 2, '79990000001');
    const fallback = await createCalls(s, 1, '79990000002');
    await s.advance('5s');
    const dialing = await createCalls(s, 1, '79990000002');
    await send(s, { sms: { id: fallback[0] } });
    await s.advance('1s');
    const ids = [...before, ...answered, ...busy, ...fallback, ...dialing];
    await s.sim.ctx.store.flush();
    expect(await wholeSliceLines(data)).toBe(0);

    // kill -9 now: only what is on disk.
    const copy = join(dir, 'killed.json');
    await copyFile(data, copy);
    await copyFile(`${data}.log`, `${copy}.log`);
    const again = await open(copy);

    for (const id of ids) expect(await adminCall(again, id)).toEqual(await adminCall(s, id));
    expect((await adminCall(again, answered[0])).state).toBe('ANSWERED');
    expect((await adminCall(again, busy[0])).state).toBe('BUSY');
    expect((await adminCall(again, fallback[0])).sms.state).toBe('SEND');

    // `daily` lists the same calls in the same (creation) order, each once.
    const day = mskDay(s.sim.ctx.clock.now());
    const daily = async (t: TestServer) => ((await get(t, { request: 'daily', date: day })).data as Json[]).map((row) => row.id);
    const listed = await daily(again);
    expect(listed).toEqual(await daily(s));
    expect(new Set(listed).size).toBe(listed.length);
    for (const id of ids) expect(listed).toContain(id);

    // New ids follow the highest stored one, and pending transitions go on.
    const fresh = await send(again, { number: '79161234567' });
    expect(ids).not.toContain(fresh.id);
    expect(Number(fresh.id)).toBe(Math.max(...ids.map(Number)) + 1);
    await again.advance('30s');
    expect((await adminCall(again, dialing[0])).state).toBe('NO ANSWER');
    expect((await adminCall(again, fallback[0])).sms.state).toBe('DELIVERED');
  });

  it('loads a data file written before per-record lines: the whole state in the snapshot and in the log', async () => {
    const call = (id: string, state: string) => ({
      id,
      account: 'demo',
      number: '79161234567',
      mode: 'flashcall',
      caller: '74951234567',
      code: '4567',
      repeat: false,
      price: 0.35,
      createdAt: Date.UTC(2024, 0, 10, 9),
      state,
      duration: state === 'ANSWERED' ? 1 : 0,
    });
    const whole = (calls: ReturnType<typeof call>[]) => ({
      nextId: Number(calls[calls.length - 1].id) + 1,
      calls: Object.fromEntries(calls.map((c) => [c.id, c])),
      byAccountDay: { demo: { '10.01.2024': calls.map((c) => c.id) } },
    });
    const slices = { voicepassword: whole([call('500', 'ANSWERED')]) };
    await writeFile(data, JSON.stringify({ format: 'provider-sim', version: 1, slices }));
    await writeFile(`${data}.log`, `${JSON.stringify({ s: 'voicepassword', v: whole([call('500', 'ANSWERED'), call('501', 'BUSY')]) })}\n`);

    const s = await open(data);
    expect((await adminCall(s, '501')).state).toBe('BUSY');
    expect(((await get(s, { request: 'daily', date: '10.01.2024' })).data as Json[]).map((row) => row.id)).toEqual(['500', '501']);
    expect((await send(s, { number: '79161234567' })).id).toBe('502');
  });
});
