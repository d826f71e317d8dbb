// Bugs the bad-input fuzzing found, each pinned by its exact answer (the callback and admin-token
// bugs are pinned in callbacks.test.ts and isolation.test.ts), and the limits that sit below the
// providers (Node's HTTP parser, Fastify's router) with what they answer.
import { describe, expect, it } from 'vitest';
import { escapeBadPercent } from '../../src/core/hostRouting.js';
import { startServer } from '../helpers/server.js';
import { useSimulator } from '../helpers/useSimulator.js';
import { multipartBody } from './badRequests.js';
import { rawRequest } from './http.js';

const UNIBELL = { 'x-authorization': 'AccessKey d8ac9959r12b43545da9034' };

const s = useSimulator({ config: { bodyLimit: 4096, uploadLimit: 4096 }, eachTest: 'keep' });

describe('unibell: a multipart body busboy cannot read is invalidDataError, not a 500', () => {
  it.each([
    ['no boundary in the content type', 'multipart/form-data', Buffer.from('{"name":"x"}'), 'The multipart body is malformed (Multipart: Boundary not found)'],
    ['a body cut short', undefined, multipartBody('no-end', 0, 4096).body, /^The multipart body is malformed \(.*unexpected end of multipart data\)$/i],
    ['a broken part header', undefined, multipartBody('bad-part-header', 0, 4096).body, /^The multipart body (is malformed|has no file)/],
  ])('%s', async (_name, contentType, body, reason) => {
    const type = contentType ?? `multipart/form-data; boundary=${multipartBody('file', 0, 4096).boundary}`;
    const res = await rawRequest(s.url, { method: 'POST', path: '/unibell/media', headers: { ...UNIBELL, 'content-type': type }, body });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({ status: 'invalidDataError', errorReason: typeof reason === 'string' ? reason : expect.stringMatching(reason) });
  });

  it('keeps 413 for a file over the limit', async () => {
    const { body, boundary } = multipartBody('oversized-file', 0, 4096);
    const res = await rawRequest(s.url, { method: 'POST', path: '/unibell/media', headers: { ...UNIBELL, 'content-type': `multipart/form-data; boundary=${boundary}` }, body });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toMatchObject({ status: 'invalidDataError' });
  });
});

describe('a path whose percent-encoding does not decode gets the provider\'s own 404, not Fastify\'s 400', () => {
  it('unibell: no media with that id', async () => {
    const res = await rawRequest(s.url, { method: 'GET', path: '/unibell/media/%E0%A4%A', headers: UNIBELL });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toEqual({ status: 'invalidDataError', errorReason: 'No media object with id %E0%A4%A' });
  });

  it('devino, mobilgroup, voicepassword: an unknown resource in their envelopes', async () => {
    const devino = await rawRequest(s.url, { method: 'GET', path: '/devino/rest/Sms/%E0%A4%A' });
    expect(devino.status).toBe(404);
    expect(JSON.parse(devino.text)).toMatchObject({ Code: 6 });
    const mobilgroup = await rawRequest(s.url, { method: 'POST', path: '/mobilgroup/api/%/', body: '{}' });
    expect([mobilgroup.status, JSON.parse(mobilgroup.text)]).toEqual([404, { result: 'error', error_code: 'Error_Unknown_Request' }]);
    const vp = await rawRequest(s.url, { method: 'POST', path: '/voicepassword/api/voice-password/%C0/', body: '{}' });
    expect([vp.status, JSON.parse(vp.text)]).toEqual([404, { result: 'error', error_code: 'unknown_request' }]);
  });

  it('escapeBadPercent leaves good encodings and the query alone', () => {
    expect(escapeBadPercent('/unibell/media/65?page=%')).toBe('/unibell/media/65?page=%');
    expect(escapeBadPercent('/unibell/media/%D0%AF')).toBe('/unibell/media/%D0%AF');
    expect(escapeBadPercent('/unibell/media/%E0%A4%A?x=%')).toBe('/unibell/media/%25E0%25A4%25A?x=%');
    expect(escapeBadPercent('/a/%')).toBe('/a/%25');
  });
});

describe('JSON nested 100 000 deep (1 MB limit) overflows nothing', () => {
  it('each provider answers in its envelope', async () => {
    const big = await startServer();
    try {
      const deepArray = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
      const sid = (await (await big.call('/devino/rest/User/SessionId?login=user&password=userpasswd')).json()) as string;
      const cases: [string, Record<string, string>, string, (b: Record<string, unknown>) => boolean][] = [
        [`/devino/rest/Sms/Send?SessionID=${sid}`, {}, `{"DestinationAddress":${deepArray},"Data":${deepObject}}`, (b) => typeof b.Code === 'number'],
        ['/mobilgroup/api/send/', { authorization: 'demo-mobilgroup-key' }, `{"settings":${deepObject},"subscribers":${deepArray}}`, (b) => b.result === 'error'],
        ['/voicepassword/api/voice-password/send/', { authorization: 'demo-voicepassword-key' }, `{"number":${deepArray},"voice":${deepObject}}`, (b) => b.result === 'error'],
        ['/unibell/apps/activate', UNIBELL, `{"destAddr":${deepArray},"x":${deepObject}}`, (b) => b.status === 'invalidSchemeError' || b.status === 'requiredJsonError'],
      ];
      for (const [path, headers, body, isError] of cases) {
        const res = await rawRequest(big.url, { method: 'POST', path, headers: { ...headers, 'content-type': 'application/json' }, body });
        expect(res.status, path).toBeLessThan(500);
        expect(isError(JSON.parse(res.text) as Record<string, unknown>), `${path}: ${res.text.slice(0, 200)}`).toBe(true);
      }
    } finally {
      await big.close();
    }
  });
});

describe('limits below the providers', () => {
  it('a request line and headers over Node\'s 16 KiB answer 431 (JSON) and the server keeps serving', async () => {
    const res = await rawRequest(s.url, { method: 'GET', path: `/unibell/balance?${'a=b&'.repeat(5_000)}`, headers: { ...UNIBELL, connection: 'close' } });
    expect(res.status).toBe(431);
    expect(JSON.parse(res.text)).toMatchObject({ statusCode: 431 });
    expect((await s.call('/unibell/balance', { headers: UNIBELL })).status).toBe(200);
  });

  // Fastify's router would refuse a path parameter over `maxParamLength` in its own envelope; the
  // limit is set above Node's 16 KiB header cap, so a long id reaches the provider.
  it('unibell: a media id over 500 characters gets invalidDataError', async () => {
    const res = await rawRequest(s.url, { method: 'GET', path: `/unibell/media/${'7'.repeat(600)}`, headers: UNIBELL });
    expect(JSON.parse(res.text)).toMatchObject({ status: 'invalidDataError' });
  });
});
