// Restarts lose nothing that was promised: the built CLI with a data file takes a burst of SMS
// over HTTP and is killed mid-burst (SIGKILL) or stopped (SIGTERM), then restarted on the same file.
// - SIGKILL: every message answered with an id more than the durability window before the kill is
//   there. The window is measured in the run from the outside (docs/reliability.md): the debounce,
//   plus the longest write seen (serialising the document + writing the temp file + the rename).
// - SIGTERM: the process flushes and exits 0; every answered message is there.
// In both cases money and messages agree: the balance is the start balance less one price per stored message.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { watch, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCli, stopCli, type SimProcess } from './process.js';

const DEBOUNCE_MS = 100;
/** Real timers fire late by what the event loop is busy with when they fall due (a batch of requests). */
const TIMER_LATENESS_MS = 25;
const NUMBER = '79161002030';

let dir: string;
const running: SimProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'provider-sim-reliability-'));
});
afterEach(async () => {
  for (const p of running.splice(0)) await stopCli(p);
  await rm(dir, { recursive: true, force: true });
});

async function start(file: string) {
  const p = await startCli(['--data', file, '--persist-debounce-ms', String(DEBOUNCE_MS), '--log-level', 'warn', '--clock', 'real']);
  running.push(p);
  return p;
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/devino/rest/User/SessionId?login=user&password=userpasswd`);
  expect(res.status).toBe(200);
  return (await res.json()) as string;
}

async function balance(url: string, sid: string): Promise<number> {
  return (await (await fetch(`${url}/devino/rest/User/Balance?SessionID=${sid}`)).json()) as number;
}

async function sendOne(url: string, sid: string, text: string): Promise<string[]> {
  const res = await fetch(`${url}/devino/rest/Sms/Send`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ SessionID: sid, DestinationAddress: NUMBER, SourceAddress: 'DEVINO', Data: text }).toString(),
  });
  if (res.status !== 200) throw new Error(`send answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as string[];
}

interface Answer {
  id: string;
  /** performance.now() when the answer arrived. */
  at: number;
}

/** `workers` clients sending back to back until stopped or the server goes away. */
function burst(url: string, sid: string, workers: number) {
  const answered: Answer[] = [];
  let stopped = false;
  let n = 0;
  const worker = async () => {
    while (!stopped) {
      try {
        const ids = await sendOne(url, sid, `burst ${n++}`);
        const at = performance.now();
        for (const id of ids) answered.push({ id, at });
      } catch {
        return; // the process is gone: requests in flight were never answered
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, worker));
  return {
    answered,
    async stop() {
      stopped = true;
      await done;
    },
  };
}

/**
 * Writes of the data files, seen from outside (inotify): when each write completed (an append to a
 * data file, or a temp file renamed over one), and how long each temp file took from its first
 * byte to its rename. Nothing here depends on how the store lays its files out beyond "files named
 * after the data file, written in place or renamed over".
 */
function watchWrites(file: string) {
  const data = basename(file);
  const events: { t: number; type: string; name: string }[] = [];
  const watcher: FSWatcher = watch(dirname(file), (type, name) => {
    if (name?.startsWith(data) || name?.startsWith(`.${data}`)) events.push({ t: performance.now(), type, name });
  });
  const isTemp = (name: string) => name.endsWith('.tmp');
  return {
    close: () => watcher.close(),
    /** When each write to a data file completed: an append, or a temp file renamed over it. */
    completions: () => events.filter((e) => !isTemp(e.name)).map((e) => e.t),
    /** How long each temp file took from creation (a `rename` event) to its rename away (the next `rename`). */
    tempWrites(): number[] {
      const opened = new Map<string, number>();
      const durations: number[] = [];
      for (const e of events) {
        if (!isTemp(e.name) || e.type !== 'rename') continue;
        const first = opened.get(e.name);
        if (first === undefined) opened.set(e.name, e.t);
        else {
          durations.push(e.t - first);
          opened.delete(e.name);
        }
      }
      return durations;
    },
  };
}

/** Which answered ids the restarted simulator knows (Sms/State answers 255 for an unknown id). */
async function known(url: string, sid: string, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      const res = await fetch(`${url}/devino/rest/Sms/State?SessionID=${sid}&MessageID=${id}`);
      const body = (await res.json()) as { State: number };
      if (body.State !== 255) found.add(id);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return found;
}

/** Messages stored for the account today and yesterday (Moscow time), by Sms/Statistics. */
async function storedCount(url: string, sid: string): Promise<number> {
  const moscow = (ms: number) => new Date(ms + 3 * 3600_000).toISOString().slice(0, 19);
  const q = new URLSearchParams({ SessionID: sid, StartDateTime: moscow(Date.now() - 86_400_000), EndDateTime: moscow(Date.now() + 86_400_000) });
  const body = (await (await fetch(`${url}/devino/rest/Sms/Statistics?${q}`)).json()) as { TotalWithErrors: number; Total: number };
  return Math.max(body.Total, body.TotalWithErrors);
}

/** Longest time serialising everything stored (every JSON value of the data files) takes here: the part of a write the watcher cannot see. */
async function serialiseMs(file: string): Promise<number> {
  const values: unknown[] = [];
  for (const name of await readdir(dirname(file))) {
    if (!name.startsWith(basename(file)) || name.endsWith('.tmp')) continue;
    for (const line of (await readFile(join(dirname(file), name), 'utf8')).split('\n')) {
      try {
        if (line.trim() !== '') values.push(JSON.parse(line));
      } catch {
        // a torn last line
      }
    }
  }
  let worst = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    JSON.stringify(values);
    worst = Math.max(worst, performance.now() - t);
  }
  return worst;
}

describe('persistence across a crash and a clean stop (built CLI, --data)', () => {
  it('SIGKILL mid-burst loses no message answered more than the durability window before the kill', async () => {
    const file = join(dir, 'state.json');
    const writes = watchWrites(file);
    const first = await start(file);
    const sid = await login(first.url);
    const before = await balance(first.url, sid);
    await sendOne(first.url, sid, 'price probe');
    const price = Math.round((before - (await balance(first.url, sid))) * 100) / 100;
    expect(price).toBeGreaterThan(0);

    const load = burst(first.url, sid, 8);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const killedAt = performance.now();
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await load.stop();
    writes.close();

    // The window, from what this run did: a change made at t is collected by the first write that
    // starts after t; that write completes at most one gap between completed writes after the
    // previous one did, and the previous one completed at most one write time after it collected.
    // So window <= longest gap + longest write. A write's time is its serialisation (measured here
    // on the whole stored document, more than any one write serialises) plus its I/O (temp file to rename).
    const completions = writes.completions();
    expect(completions.length).toBeGreaterThan(3);
    const gaps = completions.slice(1).map((t, i) => t - completions[i]);
    const longestGap = Math.max(...gaps);
    const writeMs = Math.max(0, ...writes.tempWrites()) + (await serialiseMs(file));
    const windowMs = longestGap + writeMs + TIMER_LATENESS_MS;

    const second = await start(file);
    const sid2 = await login(second.url);
    const answered = load.answered;
    expect(answered.length).toBeGreaterThan(200);
    const present = await known(second.url, sid2, answered.map((a) => a.id));
    const lost = answered.filter((a) => !present.has(a.id));
    const promised = answered.filter((a) => a.at < killedAt - windowMs);
    expect(promised.filter((a) => !present.has(a.id)).map((a) => a.id)).toEqual([]);
    // Whatever was lost was answered within the window before the kill.
    const horizon = lost.length === 0 ? 0 : killedAt - Math.min(...lost.map((a) => a.at));
    expect(horizon).toBeLessThanOrEqual(windowMs);

    // Money and messages agree: every stored message (answered or not) was paid for, nothing else was.
    const stored = await storedCount(second.url, sid2);
    expect(stored).toBeGreaterThanOrEqual(present.size + 1);
    expect(await balance(second.url, sid2)).toBeCloseTo(before - price * stored, 2);

    console.info(
      `[reliability] SIGKILL: ${answered.length} answered, ${lost.length} lost (all within ${horizon.toFixed(0)} ms of the kill); ` +
        `${completions.length} writes, longest gap ${longestGap.toFixed(1)} ms, longest write ${writeMs.toFixed(1)} ms; window ${windowMs.toFixed(0)} ms (debounce ${DEBOUNCE_MS})`,
    );
  }, 60_000);

  it('SIGTERM mid-burst flushes, exits 0, and keeps every answered message', async () => {
    const file = join(dir, 'state.json');
    const first = await start(file);
    const sid = await login(first.url);
    const before = await balance(first.url, sid);
    await sendOne(first.url, sid, 'price probe');
    const price = Math.round((before - (await balance(first.url, sid))) * 100) / 100;

    const load = burst(first.url, sid, 8);
    await new Promise((resolve) => setTimeout(resolve, 800));
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    await load.stop();
    expect(first.stderr()).toBe('');
    expect(first.stdout().split('\n').filter((line) => /"level":(50|60)/.test(line))).toEqual([]);

    const second = await start(file);
    const sid2 = await login(second.url);
    const answered = load.answered;
    expect(answered.length).toBeGreaterThan(100);
    const present = await known(second.url, sid2, answered.map((a) => a.id));
    expect(answered.filter((a) => !present.has(a.id)).map((a) => a.id)).toEqual([]);
    const stored = await storedCount(second.url, sid2);
    expect(stored).toBeGreaterThanOrEqual(answered.length + 1);
    expect(await balance(second.url, sid2)).toBeCloseTo(before - price * stored, 2);
  }, 60_000);
});
