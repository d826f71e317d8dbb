// Issue 14, finding 4: a clock pushed out of range once made every later request (health, reset,
// records) answer 500, and with --data the bad time was saved for the next start. Out-of-range
// times, durations and speed factors are now refused with a 400 naming the limit (and exit 2 for
// --clock), health cannot answer 500, and a data file holding an impossible clock is reported at start.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSimulator } from '../../src/app.js';
import { CLOCK_MAX_MS, MAX_ADVANCE_MS } from '../../src/core/clock.js';
import { DataFileError } from '../../src/core/store.js';
import { startSimulator } from '../../src/index.js';
import { ensureBuilt, ROOT } from '../helpers/built.js';
import { json, readJson } from '../helpers/server.js';
import { useSimulator } from '../helpers/useSimulator.js';

const run = promisify(execFile);

describe('the admin API refuses clock values past the limits, and stays healthy', () => {
  const s = useSimulator({ eachTest: 'keep' });

  const refused: [string, string, unknown, RegExp][] = [
    ['advance by 1e20 ms', '/_sim/clock/advance', { ms: 1e20 }, /at most 10 years \(315360000000 ms\) per advance/],
    ['advance by 99999999d', '/_sim/clock/advance', { by: '99999999d' }, /at most 10 years/],
    ['advance by 10 years and a millisecond', '/_sim/clock/advance', { ms: MAX_ADVANCE_MS + 1 }, /at most 10 years/],
    ['set to 9e15', '/_sim/clock', { now: 9_000_000_000_000_000 }, /between 1970-01-01T00:00:00\.000Z and 9999-12-31T23:59:59\.999Z/],
    ['set before 1970', '/_sim/clock', { now: -1 }, /between 1970-01-01/],
    ['set to year 1', '/_sim/clock', { now: '0001-01-01T00:00:00Z' }, /between 1970-01-01/],
    ['speed x100000000000000', '/_sim/clock', { mode: 'x100000000000000' }, /at most x10000/],
    ['speed x10000.5', '/_sim/clock', { mode: 'x10000.5' }, /at most x10000/],
  ];

  it.each(refused)('%s: 400 naming the limit, nothing moves, health/reset/records still answer', async (_name, path, body, message) => {
    const before = s.sim.ctx.clock.state();
    const res = await s.call(path, json(body));
    expect(res.status).toBe(400);
    expect((await readJson(res)).error).toMatch(message);
    expect(s.sim.ctx.clock.state().now).toBe(before.now);
    expect(s.sim.ctx.clock.state().mode).toBe(before.mode);
    for (const probe of ['/_sim/health', '/_sim/records', '/_sim/clock']) expect((await s.call(probe)).status, probe).toBe(200);
    expect((await s.call('/_sim/reset', { method: 'POST' })).status).toBe(200);
  });

  it('the limits themselves are accepted: the last millisecond of 9999, 10 years in one advance, x10000', async () => {
    expect((await s.call('/_sim/clock', json({ now: '2030-01-01T00:00:00Z' }))).status).toBe(200);
    expect((await s.call('/_sim/clock/advance', json({ ms: MAX_ADVANCE_MS }))).status).toBe(200);
    const last = await s.call('/_sim/clock', json({ now: CLOCK_MAX_MS }));
    expect(last.status).toBe(200);
    expect((await readJson(last)).now).toBe('9999-12-31T23:59:59.999Z');
    // One millisecond more would pass the end of the range.
    const past = await s.call('/_sim/clock/advance', json({ ms: 1 }));
    expect(past.status).toBe(400);
    expect((await readJson(past)).error).toMatch(/would pass the limit: .*9999-12-31T23:59:59\.999Z/);
    expect((await s.call('/_sim/health')).status).toBe(200);
    expect((await s.call('/_sim/clock', json({ mode: 'x10000' }))).status).toBe(200);
    expect((await s.call('/_sim/clock', json({ mode: 'manual', now: '2030-01-01T00:00:00Z' }))).status).toBe(200);
  });

  it('health answers 200 even when a part it reports throws', async () => {
    const { clock } = s.sim.ctx;
    const now = clock.now;
    clock.now = () => Number.NaN;
    try {
      const res = await s.call('/_sim/health');
      expect(res.status).toBe(200);
      expect((await readJson(res)).now).toMatch(/^unreadable/);
    } finally {
      clock.now = now;
    }
  });
});

describe('the in-process API refuses the same values', () => {
  it('clock.advance, clock.set and clock.mode throw a RangeError naming the limit; the clock stays', async () => {
    const sim = await startSimulator();
    try {
      const before = sim.simulator.ctx.clock.now();
      await expect(sim.clock.advance('99999999d')).rejects.toThrow(/at most 10 years/);
      await expect(sim.clock.set(9_000_000_000_000_000)).rejects.toThrow(/9999-12-31T23:59:59\.999Z/);
      expect(() => sim.clock.mode('x100000000000000')).toThrow(/at most x10000/);
      expect(sim.simulator.ctx.clock.now()).toBe(before);
    } finally {
      await sim.close();
    }
  });
});

describe('start-up refuses an impossible clock', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sim-clock-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a data file holding a clock past the limit is reported like any damaged file', async () => {
    const snapshot = join(dir, 'snapshot.json');
    writeFileSync(snapshot, JSON.stringify({ format: 'provider-sim', version: 1, slices: { core: { randomCounter: 0, clockNow: 9_000_000_000_000_000 } } }));
    await expect(buildSimulator({ data: snapshot, clock: 'manual', logLevel: 'silent' })).rejects.toThrow(DataFileError);
    await expect(buildSimulator({ data: snapshot, clock: 'manual', logLevel: 'silent' })).rejects.toThrow(/slice "core".*clockNow.*9999-12-31/);

    // The same time in the change log (where a running simulator writes it) is refused the same way.
    const logged = join(dir, 'logged.json');
    writeFileSync(`${logged}.log`, `${JSON.stringify({ s: 'core', v: { randomCounter: 3, clockNow: 1e20 } })}\n`);
    await expect(buildSimulator({ data: logged, clock: 'manual', logLevel: 'silent' })).rejects.toThrow(/slice "core".*clockNow/);
  });

  it('the CLI: --clock over x10000 exits 2 naming the limit; an impossible saved clock exits 1 naming the file', { timeout: 240_000 }, async () => {
    ensureBuilt();
    const main = join(ROOT, 'dist/main.js');
    const env = { ...process.env, SIM_ADMIN_TOKEN: '', SIM_SCENARIO: '', SIM_DATA: '', SIM_CLOCK: '' };
    const fail = (args: string[]) => run(process.execPath, [main, '--port', '0', ...args], { env }).then(() => undefined, (e: { code: number; stderr: string }) => e);
    const flag = await fail(['--clock', 'x100000000000000']);
    expect(flag?.code).toBe(2);
    expect(flag?.stderr).toMatch(/--clock \(SIM_CLOCK\): the speed factor of x100000000000000 is over the limit: at most x10000/);
    const file = join(dir, 'cli.json');
    writeFileSync(file, JSON.stringify({ format: 'provider-sim', version: 1, slices: { core: { randomCounter: 0, clockNow: 9_000_000_000_000_000 } } }));
    const saved = await fail(['--clock', 'manual', '--data', file]);
    expect(saved?.code).toBe(1);
    expect(saved?.stderr).toContain(`Data file ${file} cannot be read`);
  });
});
