// The media library over HTTP: tree listing, pagination, folders, binary upload and download,
// rename, recursive delete, tenant isolation and bytes kept next to the data file.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startServer } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { formatMsk } from '../../../src/providers/unibell/dates.js';
import { auth, OTHER_KEY, postJson } from './helpers.js';

/** Every byte value, then a pseudo-random tail: a file that survives no text conversion. */
function binaryFile(size: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = 12345;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = i < 256 ? i : x >>> 24;
  }
  return out;
}

function uploadInit(bytes: Uint8Array, filename: string, type: string, fields: Record<string, string> = {}, key?: string): RequestInit {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([bytes], { type }), filename);
  return { method: 'POST', headers: auth(key), body: form };
}

describe('unibell media library', () => {
  const s = useSimulator({ config: { bodyLimit: 200_000, uploadLimit: 250_000 }, eachTest: 'fresh' });

  const get = async (path: string, key?: string) => {
    const res = await s.call(path, { headers: auth(key) });
    return { status: res.status, body: await readJson(res) };
  };

  it('lists the root and a folder as in the spec', async () => {
    expect(await get('/unibell/media')).toEqual({
      status: 200,
      body: {
        status: 'ok',
        pagination: { totalItems: 2, currentPage: 1, totalPages: 1 },
        media: [
          { id: 65, name: 'Гимны', createdDateTime: '2020-02-12 18:09:10', isFolder: 1 },
          { id: 74, name: 'Такой молодой.wav', createdDateTime: '2020-03-04 13:17:47', isFolder: 0 },
        ],
      },
    });
    const folder = await get('/unibell/media/65');
    expect(folder.body.pagination).toEqual({ totalItems: 2, currentPage: 1, totalPages: 1 });
    expect(folder.body.media.map((m: { id: number }) => m.id)).toEqual([67, 68]);
  });

  it('pages: a last page, a page past the end, an empty folder and disabled pagination', async () => {
    for (let i = 0; i < 3; i++) await s.call('/unibell/media', postJson({ name: `f${i}` }));
    const last = await get('/unibell/media?page=3&per_page=2');
    expect(last.body.pagination).toEqual({ totalItems: 5, currentPage: 3, totalPages: 3 });
    expect(last.body.media.map((m: { name: string }) => m.name)).toEqual(['f2']);
    const past = await get('/unibell/media?page=4&per_page=2');
    expect(past.body).toEqual({ status: 'ok', pagination: { totalItems: 5, currentPage: 4, totalPages: 3 }, media: [] });
    const made = await readJson(await s.call('/unibell/media', postJson({ name: 'empty' })));
    const empty = await get(`/unibell/media/${made.media.id}`);
    expect(empty.body).toEqual({ status: 'ok', pagination: { totalItems: 0, currentPage: 1, totalPages: 0 }, media: [] });
    const all = await get('/unibell/media?per_page=1&page=2&disable_pagination=1');
    expect(all.body.pagination).toEqual({ totalItems: 6, currentPage: 1, totalPages: 1 });
    expect(all.body.media).toHaveLength(6);
    const perPageDefault = await get('/unibell/media?disable_pagination=0&page=1');
    expect(perPageDefault.body.media).toHaveLength(6);
  });

  it('rejects bad pagination parameters with invalidDataError', async () => {
    for (const q of ['page=0', 'page=abc', 'per_page=0', 'per_page=-1', 'per_page=1001', 'disable_pagination=maybe']) {
      const r = await get(`/unibell/media?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.status).toBe('invalidDataError');
    }
  });

  it('creates a folder at the root and inside a folder, stamped with the simulator clock', async () => {
    const res = await s.call('/unibell/media', postJson({ name: 'asdasd' }));
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body).toEqual({ status: 'ok', media: { id: 100, name: 'asdasd', createdDateTime: formatMsk(s.sim.ctx.clock.now()), isFolder: 1 } });
    const sub = await readJson(await s.call('/unibell/media/100', postJson({ name: 'вложенная' })));
    expect(sub.media).toMatchObject({ id: 101, isFolder: 1 });
    expect((await get('/unibell/media/100')).body.media.map((m: { id: number }) => m.id)).toEqual([101]);
  });

  it('uploads a binary file to the root and to a folder and serves it byte for byte', async () => {
    const bytes = binaryFile(70_000);
    const up = await s.call('/unibell/media', uploadInit(bytes, 'такой молодой.mp3', 'audio/mpeg'));
    expect(up.status).toBe(200);
    const made = await readJson(up);
    expect(made).toEqual({ status: 'ok', media: { id: 100, name: 'такой молодой.mp3', createdDateTime: formatMsk(s.sim.ctx.clock.now()), isFolder: 0 } });

    const down = await s.call('/unibell/media/100', { headers: auth() });
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toBe('audio/mpeg');
    expect(down.headers.get('content-disposition')).toContain(encodeURIComponent('такой молодой.mp3'));
    expect(Buffer.from(await down.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);

    const inFolder = await readJson(await s.call('/unibell/media/65', uploadInit(bytes.subarray(0, 1000), 'raw.bin', 'application/x-custom', { name: 'test' })));
    expect(inFolder.media).toMatchObject({ id: 101, name: 'test', isFolder: 0 });
    const folder = await get('/unibell/media/65');
    expect(folder.body.media.map((m: { id: number }) => m.id)).toEqual([67, 68, 101]);
    const raw = await s.call('/unibell/media/101', { headers: auth() });
    expect(raw.headers.get('content-type')).toBe('application/x-custom');
    expect(Buffer.from(await raw.arrayBuffer()).equals(Buffer.from(bytes.subarray(0, 1000)))).toBe(true);
  });

  it('serves fixture files as real WAV audio', async () => {
    const res = await s.call('/unibell/media/67', { headers: auth() });
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const b = Buffer.from(await res.arrayBuffer());
    expect(b.toString('ascii', 0, 4)).toBe('RIFF');
    expect(b.toString('ascii', 8, 12)).toBe('WAVE');
  });

  it('rejects uploads into a file or an unknown folder, without a file, and over the upload limit', async () => {
    const small = binaryFile(10);
    const intoFile = await s.call('/unibell/media/74', uploadInit(small, 'a.bin', 'application/octet-stream'));
    expect(intoFile.status).toBe(400);
    expect((await readJson(intoFile)).status).toBe('invalidDataError');
    const unknown = await s.call('/unibell/media/9999', uploadInit(small, 'a.bin', 'application/octet-stream'));
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).status).toBe('invalidDataError');
    const form = new FormData();
    form.append('name', 'no file');
    const noFile = await s.call('/unibell/media', { method: 'POST', headers: auth(), body: form });
    expect(noFile.status).toBe(400);
    expect((await readJson(noFile)).status).toBe('invalidDataError');
    const big = await s.call('/unibell/media', uploadInit(binaryFile(300_000), 'big.bin', 'application/octet-stream'));
    expect(big.status).toBe(413);
    expect((await readJson(big)).status).toBe('invalidDataError');
    expect((await get('/unibell/media')).body.pagination.totalItems).toBe(2);
  });

  it('renames files and folders; bad names and unknown ids get their statuses', async () => {
    const put = (id: number | string, body: unknown) => s.call(`/unibell/media/${id}`, { ...postJson(body), method: 'PUT' });
    const ok = await readJson(await put(65, { name: 'asdasd' }));
    expect(ok).toEqual({ status: 'ok', media: { id: 65, name: 'asdasd', createdDateTime: '2020-02-12 18:09:10', isFolder: 1 } });
    expect((await get('/unibell/media')).body.media[0].name).toBe('asdasd');
    const noName = await put(65, { title: 'x' });
    expect(noName.status).toBe(400);
    expect((await readJson(noName)).status).toBe('invalidSchemeError');
    for (const name of ['', '   ', 'a/b', 'x'.repeat(256), 'tab\there']) {
      const bad = await put(65, { name });
      expect(bad.status, name).toBe(400);
      expect((await readJson(bad)).status).toBe('invalidDataError');
    }
    const unknown = await put(424242, { name: 'x' });
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).status).toBe('invalidDataError');
    const notNumeric = await put('abc', { name: 'x' });
    expect(notNumeric.status).toBe(404);
  });

  it('deletes a file, and a folder with everything in it', async () => {
    await s.call('/unibell/media/65', postJson({ name: 'deep' }));
    const del = await s.call('/unibell/media/65', { method: 'DELETE', headers: auth() });
    expect(del.status).toBe(200);
    expect(await readJson(del)).toEqual({ status: 'ok' });
    for (const id of [65, 67, 68, 100]) expect((await get(`/unibell/media/${id}`)).status).toBe(404);
    expect((await get('/unibell/media')).body.media.map((m: { id: number }) => m.id)).toEqual([74]);
    const again = await s.call('/unibell/media/65', { method: 'DELETE', headers: auth() });
    expect(again.status).toBe(404);
    expect((await readJson(again)).status).toBe('invalidDataError');
  });

  it('keeps accounts apart: another account neither sees nor changes the tree', async () => {
    expect((await get('/unibell/media', OTHER_KEY)).body.media).toEqual([]);
    expect((await get('/unibell/media/65', OTHER_KEY)).status).toBe(404);
    const del = await s.call('/unibell/media/74', { method: 'DELETE', headers: auth(OTHER_KEY) });
    expect(del.status).toBe(404);
    const up = await s.call('/unibell/media/65', uploadInit(binaryFile(5), 'x.bin', 'application/octet-stream', {}, OTHER_KEY));
    expect(up.status).toBe(404);
    expect((await s.call('/unibell/media/74', { headers: auth() })).status).toBe(200);
  });
});

describe('unibell media with a data file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'unibell-media-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes uploads next to the data file, serves them after a restart and forgets them on reset', async () => {
    const data = join(dir, 'sim.json');
    const bytes = binaryFile(5000);
    let s = await startServer({ data, persistDebounceMs: 0 });
    const made = await readJson(await s.call('/unibell/media', uploadInit(bytes, 'voice.wav', 'audio/wav')));
    const file = join(`${data}.media`, 'unibell', String(made.media.id));
    expect(readFileSync(file).equals(Buffer.from(bytes))).toBe(true);
    await s.close();

    s = await startServer({ data, persistDebounceMs: 0 });
    const res = await s.call(`/unibell/media/${made.media.id}`, { headers: auth() });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);

    await s.call('/_sim/reset', { method: 'POST' });
    expect(existsSync(file)).toBe(false);
    expect((await s.call(`/unibell/media/${made.media.id}`, { headers: auth() })).status).toBe(404);
    await s.close();
  });
});
