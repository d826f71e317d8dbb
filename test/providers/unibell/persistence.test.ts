// Unibell with a data file: a request appends what it changed (one record), not the whole provider
// state, and a simulator opened on the snapshot plus the log alone (as after kill -9) has every
// record in its latest state and hands out ids that do not collide with the stored ones.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSimulator, type Simulator } from '../../../src/app.js';
import type { UnibellState } from '../../../src/providers/unibell/store.js';
import { logGrowth, sliceJson } from '../../helpers/dataFile.js';
import { readJson, startServer, type TestServer } from '../../helpers/server.js';
import { advanceAndDeliver, auth, KEY, postJson, setCallbacks, startReceiver } from './helpers.js';

let dir: string;
let data: string;
const open: { close(): Promise<void> }[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'provider-sim-unibell-'));
  data = join(dir, 'state.json');
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A simulator whose writes happen only on an explicit flush (the debounce never fires in a test). */
async function simulator(file: string): Promise<Simulator> {
  const sim = await buildSimulator({ logLevel: 'silent', clock: 'manual', data: file, persistDebounceMs: 600_000 });
  open.push(sim);
  return sim;
}

async function server(file: string): Promise<TestServer> {
  const s = await startServer({ data: file });
  open.push(s);
  return s;
}

const unibellState = (sim: Simulator): UnibellState => {
  const slice = sim.ctx.store.sliceOf<UnibellState>('unibell');
  if (!slice) throw new Error('the unibell slice is not registered');
  return slice.state;
};

/** Plain JSON of the state, as a reader of the data file would see it. */
const plain = (sim: Simulator) => sliceJson<unknown>(sim, 'unibell');

const injectFolder = async (sim: Simulator, name: string) => {
  const res = await sim.app.inject({ method: 'POST', url: '/unibell/media', headers: { ...auth(), 'content-type': 'application/json' }, payload: { name } });
  expect(res.statusCode).toBe(200);
};

const injectCall = async (sim: Simulator, reference: string) => {
  const res = await sim.app.inject({ method: 'POST', url: '/unibell/apps/activate', headers: { ...auth(), 'content-type': 'application/json' }, payload: { reference, destAddr: '79161234567' } });
  expect(res.statusCode).toBe(200);
};

/** Bytes the log grows by for one folder and one call created after everything stored so far. */
async function growthOfOneRequest(sim: Simulator, label: string) {
  const folder = await logGrowth(sim, data, () => injectFolder(sim, `one more ${label}`));
  const call = await logGrowth(sim, data, () => injectCall(sim, `one more ${label}`));
  return { folder, call };
}

describe('unibell persistence', () => {
  it('appends log bytes per request that do not grow with the number of stored records', async () => {
    // A first run leaves a snapshot, so the measured run appends to a log without compacting it.
    const first = await simulator(data);
    await injectFolder(first, 'seed');
    await first.close();
    open.splice(open.indexOf(first), 1);

    const sim = await simulator(data);
    for (let i = 0; i < 5; i++) {
      await injectFolder(sim, `folder ${i}`);
      await injectCall(sim, `call ${i}`);
    }
    const few = await growthOfOneRequest(sim, 'at ten');
    for (let i = 5; i < 1000; i++) {
      await injectFolder(sim, `folder ${i}`);
      await injectCall(sim, `call ${i}`);
    }
    expect(Object.keys(unibellState(sim).media).length + unibellState(sim).calls.size).toBeGreaterThan(2000);
    const many = await growthOfOneRequest(sim, 'at two thousand');

    expect(few.folder).toBeGreaterThan(0);
    expect(few.call).toBeGreaterThan(0);
    // A few bytes more for longer ids are fine; the whole state (hundreds of KB here) is not.
    expect(many.folder).toBeLessThan(few.folder + 64);
    expect(many.call).toBeLessThan(few.call + 64);
    expect(many.folder + many.call).toBeLessThan(4096);
  }, 60_000);

  it('replays records and counters from the snapshot plus the log, as after kill -9', async () => {
    // A clean first run leaves a snapshot; everything after it exists only as log lines.
    const first = await server(data);
    await first.call('/unibell/media', postJson({ name: 'in the snapshot' }));
    await first.close();
    open.splice(open.indexOf(first), 1);

    const s = await server(data);
    const receiver = await startReceiver();
    open.push(receiver);
    await setCallbacks(s, { endCallbackUrl: `${receiver.url}/end` });
    const folder = (await readJson(await s.call('/unibell/media', postJson({ name: 'kept' })))).media;
    const nested = (await readJson(await s.call(`/unibell/media/${folder.id}`, postJson({ name: 'nested' })))).media;
    await s.call(`/unibell/media/${nested.id}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...auth() }, body: JSON.stringify({ name: 'renamed' }) });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([1, 2, 3, 4])], { type: 'audio/wav' }), 'tone.wav');
    const file = (await readJson(await s.call(`/unibell/media/${folder.id}`, { method: 'POST', headers: auth(), body: form }))).media;
    // The highest ids are removed: the counter must still pass them.
    const doomed = (await readJson(await s.call('/unibell/media', postJson({ name: 'doomed' })))).media;
    const doomedChild = (await readJson(await s.call(`/unibell/media/${doomed.id}`, postJson({ name: 'doomed child' })))).media;
    expect((await s.call(`/unibell/media/${doomed.id}`, { method: 'DELETE', headers: auth() })).status).toBe(200);

    expect((await s.call('/unibell/apps/activate', postJson({ reference: 'answered', destAddr: '79161234567' }))).status).toBe(200);
    const campaign = await readJson(await s.call('/unibell/apps/activate', postJson({ numberId: 14019763, abonentListId: 13296, isRepeat: 1, repeatBusy: 1, repeatBusyCount: 2, repeatBusyInt: 600 })));
    await advanceAndDeliver(s, '1m');
    expect((await s.call('/unibell/apps/activate', postJson({ reference: 'in flight', destAddr: '79161234567' }))).status).toBe(200);
    await s.sim.ctx.store.flush();

    // kill -9: only the files as they are now, never closed.
    const copy = join(dir, 'after-kill');
    const copied = join(copy, 'state.json');
    cpSync(data, copied);
    cpSync(`${data}.log`, `${copied}.log`);
    cpSync(`${data}.media`, `${copied}.media`, { recursive: true });
    // What is checked below comes from log lines: the snapshot still predates it.
    const snapshot = readFileSync(copied, 'utf8');
    expect(snapshot).toContain('in the snapshot');
    expect(snapshot).not.toContain('renamed');
    expect(snapshot).not.toContain(campaign.requestId);
    const before = plain(s.sim);
    const restarted = await server(copied);

    expect(plain(restarted.sim)).toEqual(before);
    const state = unibellState(restarted.sim);
    expect(state.media[doomedChild.id]).toBeUndefined();
    expect(state.media[nested.id].name).toBe('renamed');
    expect(state.campaigns[campaign.requestId].abonents.some((a) => a.attempts > 1)).toBe(true);
    expect(state.appCallbacks[KEY].endCallbackUrl).toBe(`${receiver.url}/end`);
    expect((await restarted.call('/unibell/dialog_record_by_reference?reference=answered', { headers: auth() })).status).toBe(200);
    const listed = await readJson(await restarted.call(`/unibell/media/${folder.id}`, { headers: auth() }));
    expect(listed.media.map((m: { name: string }) => m.name)).toEqual(['renamed', 'tone.wav']);
    const bytes = Buffer.from(await (await restarted.call(`/unibell/media/${file.id}`, { headers: auth() })).arrayBuffer());
    expect([...bytes]).toEqual([1, 2, 3, 4]);

    // Fresh ids: media past every id ever used, calls and campaigns unlike any stored one.
    const fresh = (await readJson(await restarted.call('/unibell/media', postJson({ name: 'fresh' })))).media;
    expect(fresh.id).toBe(doomedChild.id + 1);
    const callsBefore = new Set(state.calls.keys());
    const campaignsBefore = new Set(Object.keys(state.campaigns));
    expect((await restarted.call('/unibell/apps/activate', postJson({ reference: 'fresh', destAddr: '79161234567' }))).status).toBe(200);
    const freshCampaign = await readJson(await restarted.call('/unibell/apps/activate', postJson({ numberId: 14019763, abonentListId: 13296 })));
    expect(campaignsBefore.has(freshCampaign.requestId)).toBe(false);
    const newCalls = [...state.calls.keys()].filter((id) => !callsBefore.has(id));
    expect(newCalls.length).toBe(1 + 3);

    // The call in flight at the kill goes on from the restored state.
    await advanceAndDeliver(restarted, '1m');
    expect((await restarted.call('/unibell/dialog_record_by_reference?reference=in%20flight', { headers: auth() })).status).toBe(200);
  }, 60_000);
});
