// Unibell through its adapter: the media library (pages, folders, multipart upload, bytes back,
// rename, delete), single calls and campaigns with repeats, start and end callbacks for every end
// state and error code (with Basic auth from the URL), recordings, balance, the three ways to send
// the access key, and every status of the catalogue.
import type { UnibellClient } from '../../clients/unibell/index.js';
import { expect } from '../expect.js';
import { callbackRequest } from '../receiver.js';
import type { SuiteContext } from '../suiteContext.js';

/** 12:00 Moscow time. */
const T0 = Date.parse('2030-03-01T09:00:00Z');
const KEY = 'd8ac9959r12b43545da9034';
const SINGLE_ONLY_KEY = 'a1c4e7f0b2d5a8c1e4f7b0d';
const ZERO_BALANCE_KEY = 'b7a6c5d4e3f2019283746ab';
const DISABLED_KEY = 'c9d8e7f6a5b4c3d2e1f0a9b';

const ascii = (bytes: Uint8Array, from: number, to: number) => new TextDecoder().decode(bytes.slice(from, to));

export function unibellSuite({ env, cover }: SuiteContext) {
  let ub: UnibellClient;
  const base = () => `${env().url}/unibell`;
  const as = (key: string, via?: 'x-authorization' | 'basic' | 'query') => env().adapters.unibell(base(), key, via);
  const c = (ops: string | string[], name: string, fn: () => Promise<void>) => cover.case('unibell', ops, name, fn);
  const err = (p: Promise<unknown>, code: string) => cover.expectError('unibell', p, code);
  const advance = (by: string | number) => env().admin.advance(by);
  /** Straight to the simulator, for checks beside the operations a case names. */
  const direct = () => env().ref.unibell(base(), KEY);
  /** Points the app's callbacks at `/ub/<name>/start` and `/ub/<name>/end` of the receiver (with credentials when asked). */
  const hooks = async (name: string, credentials = '') => {
    const url = new URL(env().receiver.url);
    const root = `${url.protocol}//${credentials}${url.host}/ub/${name}`;
    await env().admin.unibell.setCallbacks(KEY, { startCallbackUrl: `${root}/start`, endCallbackUrl: `${root}/end` });
  };
  const ends = (name: string, count: number) => env().receiver.waitFor(count, { path: `/ub/${name}/end`, timeoutMs: 5000 });

  cover.setup('unibell', async () => {
    await env().admin.reset();
    await env().setTime(T0);
    ub = as(KEY);
  });

  c('getBalance', 'the balance of the personal account, with the key in each accepted place', async () => {
    expect(await ub.balance()).toEqual({ status: 'ok', personalAccountId: '0000000000', balance: '100.0' });
    expect((await as(KEY, 'basic').balance()).personalAccountId).toBe('0000000000');
    expect((await as(KEY, 'query').balance()).personalAccountId).toBe('0000000000');
    await err(as('wrong-key-0000000').balance(), 'invalidAccessKeyError');
  });

  c(['listMedia', 'getMedia'], 'the root page by page, a folder, a file as bytes', async () => {
    const all = await ub.listMedia();
    expect(all.pagination).toEqual({ totalItems: 2, currentPage: 1, totalPages: 1 });
    expect(all.media.map((m) => [m.id, m.name, m.isFolder])).toEqual([
      [65, 'Гимны', 1],
      [74, 'Такой молодой.wav', 0],
    ]);
    const second = await ub.listMedia({ page: 2, perPage: 1 });
    expect(second.pagination).toEqual({ totalItems: 2, currentPage: 2, totalPages: 2 });
    expect(second.media.map((m) => m.id)).toEqual([74]);
    expect((await ub.listAllMedia(65)).map((m) => m.name)).toEqual(['Гимн пионеров.wav', 'Гимн СССР.wav']);
    const folder = await ub.getMedia(65);
    expect(folder.kind === 'folder' && folder.page.media.length).toBe(2);
    const file = await ub.getMedia(67);
    expect(file.kind).toBe('file');
    if (file.kind === 'file') {
      expect(file.contentType).toMatch(/^audio\/(x-)?wav/);
      expect(ascii(file.bytes, 0, 4)).toBe('RIFF');
    }
  });

  c(['addMedia', 'addMediaToFolder', 'renameMedia', 'deleteMedia', 'getMedia', 'listMedia'], 'folders and a multipart upload: stored, listed, read back, renamed, deleted', async () => {
    const folder = await ub.createFolder('Напоминания');
    expect(folder).toMatchObject({ name: 'Напоминания', isFolder: 1 });
    const sub = await ub.createFolder('2030', folder.id);
    expect(sub.isFolder).toBe(1);
    const bytes = new Uint8Array([0x49, 0x44, 0x33, 1, 2, 3, 4, 5]);
    const file = await ub.upload({ file: bytes, filename: 'remind.mp3', contentType: 'audio/mpeg', name: 'Напоминание.mp3', folderId: folder.id });
    expect(file).toMatchObject({ name: 'Напоминание.mp3', isFolder: 0 });
    expect(file.createdDateTime).toMatch(/^2030-03-01 12:00:\d\d$/);
    const atRoot = await ub.upload({ file: new Blob([bytes]), filename: 'root.mp3' });
    expect(atRoot.name).toBe('root.mp3');
    expect((await ub.listAllMedia(folder.id)).map((m) => m.name).sort()).toEqual(['2030', 'Напоминание.mp3']);
    const back = await ub.getMedia(file.id);
    expect(back.kind === 'file' && [...back.bytes]).toEqual([...bytes]);
    expect((await ub.rename(file.id, 'Новое имя.mp3')).name).toBe('Новое имя.mp3');
    await ub.deleteMedia(folder.id);
    await ub.deleteMedia(atRoot.id);
    await err(ub.getMedia(file.id), 'invalidDataError');
    expect((await ub.listMedia()).pagination.totalItems).toBe(2);
  });

  c(['listMedia', 'getMedia', 'addMedia', 'addMediaToFolder', 'renameMedia', 'deleteMedia'], 'errors: bad page, unknown id, empty name, another account, wrong key', async () => {
    await err(ub.listMedia({ page: 0 }), 'invalidDataError');
    await err(ub.getMedia(999999), 'invalidDataError');
    await err(ub.createFolder('  '), 'invalidDataError');
    await err(ub.createFolder('x', 999999), 'invalidDataError');
    await err(as('f0e1d2c3b4a5968778695a4').rename(74, 'чужой'), 'invalidDataError');
    await err(as('f0e1d2c3b4a5968778695a4').deleteMedia(74), 'invalidDataError');
    await err(as('nope-nope-nope').listMedia(), 'invalidAccessKeyError');
  });

  c(['activate', 'dialogRecord'], 'a single call: start callback, end callback (state 2) with Basic auth from the URL, a recording', async () => {
    await hooks('single', 'crm:s3cret@');
    await ub.activate({ reference: 'order-42', sourceAddr: '74952120000', destAddr: '79161234567', scenarioData: 'text=Ваш заказ готов' });
    await advance('1m');
    const [end] = await ends('single', 1);
    const [start] = await env().receiver.waitFor(1, { path: '/ub/single/start', timeoutMs: 5000 });
    expect(start.query).toEqual({ type: 'startCallback', reference: 'order-42' });
    expect(end.method).toBe('GET');
    expect(end.query).toEqual({ reference: 'order-42', type: 'endCallback', state: '2', error: '0', duration: '12', appKey: KEY });
    expect(end.authorization).toBe(`Basic ${Buffer.from('crm:s3cret').toString('base64')}`);
    await cover.sawCallback('unibell', 'startCallback', 'dialling', callbackRequest(start));
    await cover.sawCallback('unibell', 'endCallback', 'state 2, error 0', callbackRequest(end));
    const rec = await ub.recording('order-42');
    expect(rec?.contentType).toMatch(/^audio\/wav/);
    expect(ascii(rec?.bytes ?? new Uint8Array(), 0, 4)).toBe('RIFF');
    expect(await ub.recording('never-called')).toBeNull();
    expect((await direct().balance()).balance).toBe('98.5');
  });

  c('activate', 'every end state and error code: 16, 17, 19, 34, 1001, 1002, 1017, 1003', async () => {
    await hooks('errors');
    const numbers: Record<string, string> = {
      '16': '79990000016',
      '17': '79990000017',
      '19': '79990000019',
      '34': '79990000034',
      '1001': '79990001001',
      '1002': '79990001002',
      '1017': '79990001017',
      '1003': '79990001003',
    };
    for (const [code, destAddr] of Object.entries(numbers)) await ub.activate({ reference: `err-${code}`, destAddr });
    await ub.activate({ reference: 'no-file', destAddr: '79161234567', scenarioData: 'fileId=999999' });
    await advance('2m');
    const got = await ends('errors', 9);
    for (const code of Object.keys(numbers)) {
      const hit = got.find((h) => h.query.reference === `err-${code}`);
      expect(hit?.query, code).toMatchObject({ state: '5', error: code });
      if (hit) await cover.sawCallback('unibell', 'endCallback', `state 5, error ${code}`, callbackRequest(hit));
    }
    expect(got.find((h) => h.query.reference === 'no-file')?.query).toMatchObject({ state: '5', error: '1001' });
    expect(await direct().recording('err-17')).toBeNull();
  });

  c('activate', 'a campaign over an abonent list: requestId, one call per abonent, a busy abonent repeated', async () => {
    await hooks('campaign');
    const requestId = await ub.activateCampaign({ numberId: 14019763, abonentListId: 13296, isRepeat: 1, repeatBusy: 1, repeatBusyCount: 1, repeatBusyInt: 60 });
    expect(requestId).toMatch(/^[0-9a-f]{32}$/);
    await advance('5m');
    const got = await ends('campaign', 3);
    // The busy abonent's first attempt is repeated: only its last says "busy, attempts exhausted" (17).
    expect(got.map((h) => h.query.reference).sort()).toEqual([`${requestId}-1-1`, `${requestId}-2-2`, `${requestId}-3-1`].sort());
    expect(got.find((h) => h.query.reference === `${requestId}-2-2`)?.query).toMatchObject({ state: '5', error: '17' });
  });

  c('activate', 'a campaign from a number pool waits for its start time inside the work window', async () => {
    await hooks('window');
    const requestId = await ub.activateCampaign({ numberPoolId: 701, abonentListId: 13296, startDateTime: '2030-03-02 10:00:00', workStartTime: '09:00:00', workEndTime: '18:00:00' });
    await advance('1h');
    expect(env().receiver.hits.filter((h) => h.path === '/ub/window/end')).toHaveLength(0);
    const now = (await env().admin.clock()).epochMs;
    await advance(Date.parse('2030-03-02T07:05:00Z') - now);
    const got = await ends('window', 3);
    expect(got.map((h) => h.query.reference).sort()).toEqual([1, 2, 3].map((i) => `${requestId}-${i}-1`));
  });

  c('activate', 'errors: scheme, data, app permission, service state, platform failure', async () => {
    await err(ub.activateCampaign({ abonentListId: 13296 }), 'invalidSchemeError');
    await err(ub.activateCampaign({ numberId: 14019763, abonentListId: 13400 }), 'invalidDataError');
    await err(ub.activate({ destAddr: 'not-a-number' }), 'invalidDataError');
    await err(as(SINGLE_ONLY_KEY).activateCampaign({ numberId: 14019763, abonentListId: 13296 }), 'prohibitedForAppError');
    await err(as(ZERO_BALANCE_KEY).activate({ destAddr: '79161234567' }), 'prohibitedForServiceError');
    await err(as(DISABLED_KEY).activate({ destAddr: '79161234567' }), 'prohibitedForServiceError');
    await err(ub.activate({ destAddr: '79990000500' }), 'rpcError');
    await err(as('nope-nope-nope').activate({ destAddr: '79161234567' }), 'invalidAccessKeyError');
  });

  c('dialogRecord', 'a blank reference is invalidDataError; a wrong key invalidAccessKeyError', async () => {
    await err(ub.recording(''), 'invalidDataError');
    await err(as('nope-nope-nope').recording('order-42'), 'invalidAccessKeyError');
  });

  cover.unreachable('unibell', 'requiredJsonError', 'an operation call has no body encoding: the adapter chooses JSON (test/providers/unibell covers bodies that are not JSON)');
}
