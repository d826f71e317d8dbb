// Mobilgroup with a data file: a change appends only the broadcast (or template book) it touched, and
// a restart from snapshot + log alone (as after kill -9) sees every broadcast and issues fresh ids.
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSimulator, type Simulator } from '../../../src/app.js';
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

/** What the admin API lists of Mobilgroup's broadcasts and calls (newest first), as a user sees them. */
async function listed(sim: Simulator, query = '') {
  const res = await sim.app.inject({ url: `/_sim/records?provider=mobilgroup&limit=10000${query}` });
  return (res.json() as { records: { kind: string; id: string; state: string; history: unknown[] }[] }).records;
}

/** The account's templates as /get/ answers them. */
async function templatesOf(sim: Simulator) {
  const body = await inject(sim, '/mobilgroup/api/get/', { request: 'templates', account: '123' }, { authorization: DEMO_KEY });
  return body.data as { id: string; name: string }[];
}

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
    const snapshot = JSON.parse(await readFile(copy, 'utf8')) as { slices: { mobilgroup: { broadcasts: object } } };
    expect(snapshot.slices.mobilgroup.broadcasts).toEqual({});
    const restarted = await open(copy);
    running.push(restarted);

    // Every broadcast and call, with its state and history, as the admin API showed it before.
    const before = await listed(sim);
    expect(await listed(restarted)).toEqual(before);
    expect(before.filter((r) => r.kind === 'broadcast').map((r) => r.id)).toEqual([...ids].reverse());
    expect(before.find((r) => r.kind === 'call' && r.id === forced)?.state).toBe('Недоступен');
    const templates = await templatesOf(restarted);
    expect(templates).toEqual(await templatesOf(sim));
    expect(templates.map((t) => t.name)).toContain('После рестарта');

    // Ids go on from the last one issued, in both the restarted simulator and the original.
    const fresh = await sendBroadcast(restarted, 5000);
    expect(ids).not.toContain(fresh);
    expect(fresh).toBe(await sendBroadcast(sim, 5000));
    const template = await setTemplate(restarted, 'Ещё один');
    expect(template.templates).toEqual([expect.objectContaining({ result: 'ok' })]);
    expect(templates.map((t) => t.id)).not.toContain((template.templates as { id: string }[])[0].id);
    expect(template).toEqual(await setTemplate(sim, 'Ещё один'));

    // The restarted simulator resumes the calls still in progress: an hour later none is pending.
    await inject(restarted, '/_sim/clock/advance', { by: '1h' });
    const calls = await listed(restarted, '&kind=call');
    expect(calls.filter((c) => ['В очереди', 'Вызов', 'Ожидает повтора'].includes(c.state))).toEqual([]);
  });

  it('reads a data file from before per-record lines, where the log holds the whole slice', async () => {
    const first = await open(data);
    const ids = [await sendBroadcast(first, 0), await sendBroadcast(first, 2)];
    const before = await listed(first);
    await first.close();
    // The hand-written store's layout: the whole slice, its per-account index included, as one log line over an empty snapshot.
    const saved = (JSON.parse(await readFile(data, 'utf8')) as { slices: { mobilgroup: { nextBroadcastId: number } } }).slices.mobilgroup;
    const old = { ...saved, byAccount: { demo: ids } };
    await writeFile(data, JSON.stringify({ format: 'provider-sim', version: 1, slices: {} }));
    await writeFile(`${data}.log`, `${JSON.stringify({ s: 'mobilgroup', v: old })}\n`);

    const sim = await open(data);
    running.push(sim);
    expect(await listed(sim)).toEqual(before);
    expect(await sendBroadcast(sim, 4)).toBe(String(old.nextBroadcastId));
  });
});
