// Finding 9: a stop whose last write to the data file fails must not look like a clean one. The
// built CLI takes SMS with a data file whose writes are held back (a long debounce), then the data
// directory is swapped for a regular file, so every write of the stop fails as on a full disk (root
// ignores read-only permissions; a file where a directory was stops root too). SIGTERM must exit
// non-zero and say on stderr which file and how much was not saved.
import { mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCli, stopCli, type SimProcess } from '../reliability/process.js';

let dir: string;
const running: SimProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'provider-sim-final-write-'));
});
afterEach(async () => {
  for (const p of running.splice(0)) await stopCli(p);
  await rm(dir, { recursive: true, force: true });
});

async function start(file: string, debounceMs: number) {
  const p = await startCli(['--data', file, '--persist-debounce-ms', String(debounceMs), '--log-level', 'fatal', '--clock', 'manual']);
  running.push(p);
  return p;
}

async function sendSms(url: string, count: number): Promise<string[]> {
  const sid = (await (await fetch(`${url}/devino/rest/User/SessionId?login=user&password=userpasswd`)).json()) as string;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${url}/devino/rest/Sms/Send`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ SessionID: sid, DestinationAddress: '79161002030', SourceAddress: 'DEVINO', Data: `m${i}` }).toString(),
    });
    expect(res.status).toBe(200);
    ids.push(...((await res.json()) as string[]));
  }
  return ids;
}

describe('the final write on SIGTERM', () => {
  it('exits non-zero and names the file and the unsaved records when the data file cannot be written', async () => {
    const data = join(dir, 'data');
    await mkdir(data);
    const file = join(data, 'state.json');
    // Nothing is written before the stop: every acknowledged SMS waits for the final write.
    const sim = await start(file, 600_000);
    await sendSms(sim.url, 5);
    await rename(data, join(dir, 'moved-away'));
    await writeFile(data, 'a file where the data directory was');

    sim.child.kill('SIGTERM');
    const { code } = await sim.exited;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    const stderr = sim.stderr();
    expect(stderr).toContain(file);
    expect(stderr).toMatch(/not saved/);
    expect(stderr).toMatch(/5 devino sms/);
    expect(stderr).toMatch(/ENOTDIR/);
  });

  it('exits 0 when only the change log cannot be appended (a full disk for the log) and the snapshot saves everything', async () => {
    const file = join(dir, 'state.json');
    const sim = await start(file, 600_000);
    const ids = await sendSms(sim.url, 3);
    // Writes to /dev/full fail with ENOSPC, exactly as on a full disk.
    await symlink('/dev/full', `${file}.log`);

    sim.child.kill('SIGTERM');
    expect((await sim.exited).code).toBe(0);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { slices: { devino: { sms: { id: string }[] } } };
    expect(saved.slices.devino.sms.map((s) => s.id)).toEqual(ids);
  });
});
