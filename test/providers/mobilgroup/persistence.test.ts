// Mobilgroup with a data file: a change appends only the broadcast (or template book) it touched, and
// a restart from snapshot + log alone (as after kill -9) sees every broadcast and issues fresh ids.
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSimulator, type Simulator } from '../../../src/app.js';
import type { MobilgroupState } from '../../../src/providers/mobilgroup/mobilgroupStore.js';
import { logGrowth, sliceJson } from '../../helpers/dataFile.js';
import { DEMO_KEY, SENDER, START } from './client.js';

/** No timed writes: the test decides when the log is written (`flush`), so it measures exactly one request. */
const NO_TIMED_WRITES = { persistDebounceMs: 3_600_000 };

const open = (data: string) => buildSimulator({ data, logLevel: 'silent', clock: 'manual', ...NO_TIMED_WRITES });

/** A data file with a snapshot already written, so no compaction (which rewrites the log) runs during a test. */
async function openWithSnapshot(data: string): Promise<Simulator> {
  const first = await open(data);
  await inject(first, '/_sim/clock', { now: START });
  // Enough money for thousands of calls; balances are not what this test is about. (A change, so close writes a snapshot.)
  first.ctx.accounts.setBalance('mobilgroup', 'demo', 1e9);
  await first.close();
  return open(data);
}

async function inject(sim: Simulator, url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await sim.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, unknown>;
}

const phone = (n: number) => `7916${String(n).padStart(7, '0')}`;

async function sendBroadcast(sim: Simulator, n: number, settings: Record<string, string> = {}): Promise<string> {
  const body = await inject(
    sim,
    '/mobilgroup/api/send/',
    { settings: { message: 'Напоминаем о записи', number: SENDER, ...settings }, subscribers: [{ phone: phone(n) }, { phone: phone(n + 1) }] },
    { authorization: DEMO_KEY },
  );
  if (body.result !== 'ok') throw new Error(`send refused: ${JSON.stringify(body)}`);
  return String(body.id);
}

const setTemplate = (sim: Simulator, name: string) =>
  inject(sim, '/mobilgroup/api/set/', { request: 'templates', account: '123', templates: [{ name, message: 'Текст' }] }, { authorization: DEMO_KEY });

const stateOf = (sim: Simulator) => sliceJson<MobilgroupState>(sim, 'mobilgroup');

describe('mobilgroup persistence', () => {
  let dir: string;
  let data: string;
  const running: Simulator[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'provider-sim-mobilgroup-'));
    data = join(dir, 'state.json');
  });
  afterEach(async () => {
    while (running.length > 0) await running.pop()?.close();
  });

  it('appends as many log bytes for one broadcast at 2000 stored broadcasts as at 10', async () => {
    const sim = await openWithSnapshot(data);
    running.push(sim);
    for (let i = 0; i < 10; i++) await sendBroadcast(sim, i * 2);
    const small = await logGrowth(sim, data, () => sendBroadcast(sim, 100_000));
    const smallTemplate = await logGrowth(sim, data, () => setTemplate(sim, 'A'));

    for (let i = 10; i < 2000; i++) await sendBroadcast(sim, i * 2);
    const large = await logGrowth(sim, data, () => sendBroadcast(sim, 200_000));
    const largeTemplate = await logGrowth(sim, data, () => setTemplate(sim, 'B'));

    expect(Object.keys(stateOf(sim).broadcasts)).toHaveLength(2002);
    expect(small).toBeGreaterThan(0);
    // Same record, same size: only a few digits (balances, counters) may differ.
    expect(Math.abs(large - small)).toBeLessThan(100);
    // The account's template book is written whole: one template more than before, nothing about broadcasts.
    expect(largeTemplate - smallTemplate).toBeLessThan(200);
    // And far from the size of what is stored (2000 broadcasts are hundreds of kB).
    expect(large).toBeLessThan(4_000);
  });

  it('a restart from snapshot + log alone (no clean close) sees every broadcast as it last was, and issues fresh ids', async () => {
    const sim = await openWithSnapshot(data);
    running.push(sim);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await sendBroadcast(sim, i * 2, { attempts: '3', interval: '1' }));
    // Calls move on: dialled, ended, some waiting for a retry.
    await inject(sim, '/_sim/clock/advance', { by: '90s' });
    ids.push(await sendBroadcast(sim, 1000));
    const forced = `${ids.at(-1)}-1`;
    await inject(sim, `/_sim/records/mobilgroup/call/${forced}/state`, { state: 'Недоступен' });
    await setTemplate(sim, 'После рестарта');
    await sim.ctx.store.flush();

    // What kill -9 leaves: the snapshot (written before any broadcast existed) and the log, copied aside.
    const copy = join(dir, 'copy.json');
    await copyFile(data, copy);
    await copyFile(`${data}.log`, `${copy}.log`);
    const snapshot = JSON.parse(await readFile(copy, 'utf8')) as { slices: { mobilgroup: MobilgroupState } };
    expect(snapshot.slices.mobilgroup.broadcasts).toEqual({});
    const restarted = await open(copy);
    running.push(restarted);

    const before = stateOf(sim);
    const after = stateOf(restarted);
    expect(Object.keys(after.broadcasts)).toEqual(ids);
    expect(after).toEqual(before);
    expect(after.broadcasts[ids.at(-1) ?? ''].calls[0].status).toBe('Недоступен');
    expect(Object.values(after.templates.demo.items).map((t) => t.name)).toContain('После рестарта');

    // Ids go on from the last one issued, in both the restarted simulator and the original.
    const fresh = await sendBroadcast(restarted, 5000);
    expect(ids).not.toContain(fresh);
    expect(fresh).toBe(await sendBroadcast(sim, 5000));
    const template = await setTemplate(restarted, 'Ещё один');
    expect(template.templates).toEqual([expect.objectContaining({ result: 'ok', id: String(before.templates.demo.nextId) })]);

    // The restarted simulator resumes the calls still in progress.
    await inject(restarted, '/_sim/clock/advance', { by: '1h' });
    const pending = Object.values(stateOf(restarted).broadcasts).flatMap((b) => b.calls.filter((c) => c.nextAt !== undefined));
    expect(pending).toEqual([]);
  });

  it('reads a data file from before per-record lines, where the log holds the whole slice', async () => {
    const memory = await buildSimulator({ logLevel: 'silent', clock: 'manual' });
    running.push(memory);
    const ids = [await sendBroadcast(memory, 0), await sendBroadcast(memory, 2)];
    const old = stateOf(memory);
    await writeFile(data, JSON.stringify({ format: 'provider-sim', version: 1, slices: {} }));
    await writeFile(`${data}.log`, `${JSON.stringify({ s: 'mobilgroup', v: old })}\n`);

    const sim = await open(data);
    running.push(sim);
    expect(stateOf(sim)).toEqual(old);
    expect(old.byAccount.demo).toEqual(ids);
    expect(await sendBroadcast(sim, 4)).toBe(String(old.nextBroadcastId));
  });
});
