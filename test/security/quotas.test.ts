// Finding 12: what one account can make the simulator hold is bounded, on a frozen clock too.
// Devino: a login past `--max-sessions-per-account` ends the account's oldest session (then an
// unknown id, error 3), so a login loop keeps memory flat. Unibell: media objects and bytes per
// personal account (`--media-quota-files`, `--media-quota-bytes`); past them an upload or a new
// folder is refused with Unibell's own `invalidDataError`, naming the limit.
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/core/config.js';
import type { DevinoState } from '../../src/providers/devino/store.js';
import { readJson, startServer, type TestServer } from '../helpers/server.js';
import { auth, OTHER_KEY, postJson } from '../providers/unibell/helpers.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const login = async (server: TestServer, user = 'user', password = 'userpasswd') => {
  const res = await server.call(`/devino/rest/User/SessionId?login=${user}&password=${password}`);
  expect(res.status).toBe(200);
  return (await res.json()) as string;
};

describe('Devino sessions per account', () => {
  it('keeps at most --max-sessions-per-account live sessions: a login past it ends the oldest', async () => {
    expect(ConfigSchema.parse({}).maxSessionsPerAccount).toBe(1000);
    s = await startServer({ maxSessionsPerAccount: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await login(s));
    const sessions = s.sim.ctx.store.sliceOf<DevinoState>('devino')?.state.sessions;
    expect(sessions?.size).toBe(3);
    expect([...(sessions?.keys() ?? [])]).toEqual(ids.slice(-3));

    for (const id of ids.slice(-3)) expect((await s.call(`/devino/rest/User/Balance?SessionID=${id}`)).status).toBe(200);
    const evicted = await s.call(`/devino/rest/User/Balance?SessionID=${ids[0]}`);
    expect(evicted.status).toBe(400);
    expect(await readJson(evicted)).toEqual({ Code: 3, Desc: 'Invalid session id' });
  });
});

function upload(bytes: number, name: string): RequestInit {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'audio/wav' }), name);
  return { method: 'POST', headers: auth(OTHER_KEY), body: form };
}

describe('Unibell media quotas per personal account', () => {
  it('refuses an upload past --media-quota-bytes and an object past --media-quota-files with invalidDataError', async () => {
    const defaults = ConfigSchema.parse({});
    expect([defaults.mediaQuotaBytes, defaults.mediaQuotaFiles]).toEqual([104_857_600, 10_000]);
    s = await startServer({ mediaQuotaBytes: 1000, mediaQuotaFiles: 3 });
    const folder = await readJson(await s.call('/unibell/media', postJson({ name: 'Папка' }, OTHER_KEY)));
    expect(folder.status).toBe('ok');
    expect((await s.call('/unibell/media', upload(600, 'a.wav'))).status).toBe(200);

    const tooBig = await s.call('/unibell/media', upload(600, 'b.wav'));
    expect(tooBig.status).toBe(400);
    const big = await readJson(tooBig);
    expect(big.status).toBe('invalidDataError');
    expect(big.errorReason).toMatch(/quota.*--media-quota-bytes/);

    expect((await s.call('/unibell/media', upload(400, 'c.wav'))).status).toBe(200);
    const tooMany = await s.call('/unibell/media', postJson({ name: 'Ещё папка' }, OTHER_KEY));
    expect(tooMany.status).toBe(400);
    const many = await readJson(tooMany);
    expect(many.status).toBe('invalidDataError');
    expect(many.errorReason).toMatch(/quota.*--media-quota-files/);
    // Nothing refused was stored.
    const listed = await readJson(await s.call('/unibell/media', { headers: auth(OTHER_KEY) }));
    expect(listed.media.map((m: { name: string }) => m.name)).toEqual(['Папка', 'a.wav', 'c.wav']);

    // Deleting frees its share; a reset frees everything.
    expect((await s.call(`/unibell/media/${folder.media.id}`, { method: 'DELETE', headers: auth(OTHER_KEY) })).status).toBe(200);
    expect((await s.call('/unibell/media', postJson({ name: 'Снова' }, OTHER_KEY))).status).toBe(200);
    await s.call('/_sim/reset', { method: 'POST' });
    expect((await s.call('/unibell/media', upload(1000, 'd.wav'))).status).toBe(200);
  });
});
