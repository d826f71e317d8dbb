import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildSimulator } from '../../src/app.js';
import { DataFileError } from '../../src/core/store.js';
import { login, post, sms, smsState } from '../providers/devino/devino.js';
import { startServer } from '../helpers/server.js';

const run = promisify(execFile);

describe('persistence with --data', () => {
  let dir: string;
  let data: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'provider-sim-'));
    data = join(dir, 'state.json');
  });

  it('keeps sessions, messages and balances across a restart, and resumes their lifecycles', async () => {
    const first = await startServer({ data });
    const sid = await login(first);
    const ids = (await post(first, '/Sms/Send', sms(sid))).body as string[];
    const start = first.sim.ctx.clock.now();
    await first.close();

    const raw = JSON.parse(await readFile(data, 'utf8'));
    expect(raw).toMatchObject({ format: 'provider-sim', version: 1 });
    expect(raw.slices.devino.sms).toHaveLength(1);

    const second = await startServer({ data });
    try {
      // A manual clock resumes where it stopped.
      expect(second.sim.ctx.clock.now()).toBe(start);
      expect((await smsState(second, sid, ids[0])).State).toBe(-2);
      expect((await post(second, '/User/Balance', { sessionId: sid })).body).toBe(20014.95);
      await second.advance('6s');
      expect((await smsState(second, sid, ids[0])).State).toBe(0);
      // New ids never repeat old ones: the generator's position is persisted too.
      const again = (await post(second, '/Sms/Send', sms(sid))).body as string[];
      expect(again[0]).not.toBe(ids[0]);
    } finally {
      await second.close();
    }
  });

  it('reads a data file whose SMS history is in the older [state, at] pairs, and goes on from it', async () => {
    const first = await startServer({ data });
    const sid = await login(first);
    const [id] = (await post(first, '/Sms/Send', sms(sid))).body as string[];
    await first.close();
    // Rewrite the saved segment's flat history as the pairs earlier versions wrote.
    const raw = JSON.parse(await readFile(data, 'utf8'));
    const rec = raw.slices.devino.sms[0];
    const [queued] = rec.history;
    expect(rec.history).toEqual([queued, rec.createdAt]);
    rec.history = [[queued, rec.createdAt]];
    await writeFile(data, JSON.stringify(raw));

    const second = await startServer({ data });
    try {
      await second.advance('6s');
      expect((await smsState(second, sid, id)).State).toBe(0);
      const detail = second.sim.ctx.store.sliceOf<{ sms: { get(id: string): { history: number[] } | undefined } }>('devino')?.state.sms.get(id);
      // Flat again, the old pair first, then the transitions of the restarted clock, ending delivered.
      const history = detail?.history ?? [];
      expect(history.slice(0, 2)).toEqual([queued, rec.createdAt]);
      expect(history.length % 2).toBe(0);
      expect(history.length).toBeGreaterThanOrEqual(6);
      expect(history.every((v) => typeof v === 'number')).toBe(true);
      expect(history[history.length - 2]).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('keeps a manual clock moved with nothing due', async () => {
    const first = await startServer({ data });
    const start = first.sim.ctx.clock.now();
    await first.advance('1h');
    await first.close();
    const second = await startServer({ data });
    try {
      expect(second.sim.ctx.clock.now()).toBe(start + 3_600_000);
    } finally {
      await second.close();
    }
  });

  it('persists every message of a concurrent burst', async () => {
    const s = await startServer({ data, persistDebounceMs: 50 });
    const sid = await login(s);
    await Promise.all(Array.from({ length: 50 }, () => post(s, '/Sms/Send', sms(sid))));
    await s.sim.ctx.store.flush();
    await s.close();
    const raw = JSON.parse(await readFile(data, 'utf8'));
    expect(raw.slices.devino.sms).toHaveLength(50);
  });

  it('refuses to start on a truncated data file, names it, and leaves it untouched', async () => {
    const broken = '{"format":"provider-sim","version":1,"slices":{"devino":{"sms":[';
    await writeFile(data, broken);
    await expect(buildSimulator({ data, logLevel: 'silent' })).rejects.toThrow(DataFileError);
    await expect(buildSimulator({ data, logLevel: 'silent' })).rejects.toThrow(data);
    expect(await readFile(data, 'utf8')).toBe(broken);
  });

  it('writes balances and disabled flags as plain JSON per provider and account, and reads them back', async () => {
    const first = await startServer({ data });
    const sid = await login(first);
    await post(first, '/Sms/Send', sms(sid));
    first.sim.ctx.accounts.setDisabled('voicepassword', first.sim.ctx.accounts.list('voicepassword')[0].id, true);
    const before = first.sim.ctx.accounts.list();
    await first.close();

    const raw = JSON.parse(await readFile(data, 'utf8'));
    expect(raw.slices.accounts.devino.user).toEqual({ balance: 20014.95, disabled: false });
    const second = await startServer({ data });
    try {
      expect(second.sim.ctx.accounts.list()).toEqual(before);
    } finally {
      await second.close();
    }
  });

  it('refuses a data file whose accounts are damaged, names the file, and leaves it untouched', async () => {
    for (const accounts of [[], { devino: 'x' }, { devino: { user: { balance: 'lots' } } }, { devino: { user: { balance: 1, disabled: 'no' } } }]) {
      const text = JSON.stringify({ format: 'provider-sim', version: 1, slices: { accounts } });
      await writeFile(data, text);
      await expect(buildSimulator({ data, logLevel: 'silent' })).rejects.toThrow(DataFileError);
      await expect(buildSimulator({ data, logLevel: 'silent' })).rejects.toThrow(data);
      expect(await readFile(data, 'utf8')).toBe(text);
    }
  });

  it('an account id such as __proto__ in a data file is an account like any other', async () => {
    await writeFile(data, '{"format":"provider-sim","version":1,"slices":{"accounts":{"devino":{"__proto__":{"balance":7,"disabled":true},"user":{"balance":3,"disabled":false}}}}}');
    const sim = await buildSimulator({ data, logLevel: 'silent' });
    try {
      expect(sim.ctx.accounts.get('devino', '__proto__')).toEqual({ balance: 7, disabled: true });
      expect(sim.ctx.accounts.get('devino', 'user')?.balance).toBe(3);
      expect(({} as Record<string, unknown>).balance).toBeUndefined();
    } finally {
      await sim.close();
    }
  });

  it('refuses a JSON file that is not a simulator data file', async () => {
    await writeFile(data, '{"hello":"world"}');
    await expect(buildSimulator({ data, logLevel: 'silent' })).rejects.toThrow(/not a provider-sim data file/);
  });

  it('the CLI exits 1 with a message naming the corrupt file', async () => {
    await writeFile(data, '{"format":"provider-sim"');
    const err = await run(process.execPath, ['dist/main.js', '--data', data, '--port', '0'], { cwd: process.cwd() }).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(1);
    expect((err as { stderr: string }).stderr).toContain(`Data file ${data} cannot be read`);
    expect((err as { stderr: string }).stderr).toMatch(/truncated/);
  });
});
