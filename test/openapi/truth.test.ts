// The published contracts tell the truth: each answer below, once off its own document, is checked
// against the document the simulator serves (operation, status, content type), each request the
// document called complete is now incomplete by the document exactly where the simulator refuses it,
// and no schema is left unconstrained.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocuments, DOCUMENT_SLUGS, type DocumentSlug } from '../../src/openapi/documents.js';
import { findOperation, loadValidationLibraries, requestErrors, responseErrors } from '../../src/openapi/responseValidation.js';
import { form, json, readJson } from '../helpers/server.js';
import { useSimulator } from '../helpers/useSimulator.js';
import { auth as unibellAuth, postJson as unibellPost } from '../providers/unibell/helpers.js';

type Json = Record<string, unknown>;
const docs = buildDocuments();

/** What the served document says is wrong with a real answer (empty: nothing). */
async function answerErrors(document: DocumentSlug, operationId: string, res: Response): Promise<string[]> {
  const op = findOperation(document, operationId);
  if (!op) throw new Error(`no operation ${document} ${operationId}`);
  const type = res.headers.get('content-type')?.split(';')[0].trim();
  const bytes = Buffer.from(await res.arrayBuffer());
  const payload = type && /json|text|html/.test(type) ? bytes.toString('utf8') : bytes;
  return responseErrors(op, res.status, type, payload);
}

const operationsOf = (doc: Json) =>
  Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

const MOBILGROUP = { authorization: 'demo-mobilgroup-key' };
const VP_KEY = { apiKey: 'demo-voicepassword-key' };

beforeAll(async () => {
  await loadValidationLibraries();
});
const s = useSimulator({ config: { bodyLimit: 2048 }, eachTest: 'keep' });

describe('answers that failed their own schema', () => {
  it('Mobilgroup /get/ with an empty list matches its 200 (the list answers overlap: anyOf, not oneOf)', async () => {
    const res = await s.call('/mobilgroup/api/get/', json({ request: 'templates', account: 'nobody-has-templates' }, MOBILGROUP));
    expect(await readJson(res.clone())).toEqual({ result: 'ok', data: [] });
    expect(await answerErrors('mobilgroup', 'get', res)).toEqual([]);
  });

  it('admin getRecord of a Unibell media folder and file matches (detail is optional: Unibell keeps none for media)', async () => {
    const folder = await readJson(await s.call('/unibell/media', unibellPost({ name: 'truth-folder' })));
    const res = await s.call(`/_sim/records/unibell/media-folder/${folder.media.id}`);
    expect(res.status).toBe(200);
    expect(await answerErrors('admin', 'getRecord', res)).toEqual([]);
  });
});

describe('content types', () => {
  it("Unibell getMedia answers a file with its own audio type, which the document lists", async () => {
    const body = new FormData();
    body.append('file', new Blob([Buffer.from('RIFF0000WAVEfmt ')], { type: 'audio/wav' }), 'hello.wav');
    const added = await readJson(await s.call('/unibell/media', { method: 'POST', headers: unibellAuth(), body }));
    const res = await s.call(`/unibell/media/${added.media.id}`, { headers: unibellAuth() });
    expect(res.headers.get('content-type')).toMatch(/^audio\/wav/);
    expect(await answerErrors('unibell', 'getMedia', res)).toEqual([]);
  });
});

describe('statuses real requests produce', () => {
  const big = 'x'.repeat(4096);

  it("Devino's body operations document their 413", async () => {
    const res = await s.call('/devino/rest/Sms/Send', form({ SessionID: 'x', Data: big }));
    expect(res.status).toBe(413);
    expect(await answerErrors('devino', 'sendSms', res)).toEqual([]);
  });

  it("Unibell's body operations document their 413", async () => {
    const res = await s.call('/unibell/apps/activate', unibellPost({ reference: big }));
    expect(res.status).toBe(413);
    expect(await answerErrors('unibell', 'activate', res)).toEqual([]);
  });

  it('admin listAccounts documents its 404 for an unknown provider', async () => {
    const res = await s.call('/_sim/accounts?provider=nope');
    expect(res.status).toBe(404);
    expect(await answerErrors('admin', 'listAccounts', res)).toEqual([]);
  });

  it('admin forceRecordState documents its 409 for a record that has ended', async () => {
    const sent = await readJson(await s.call('/voicepassword/api/voice-password/send/', json({ security: VP_KEY, number: '79161234567' })));
    const force = () => s.call(`/_sim/records/voicepassword/flashcall/${sent.id}/state`, json({ state: 'ANSWERED' }));
    expect((await force()).status).toBe(200);
    const res = await force();
    expect(res.status).toBe(409);
    expect(await answerErrors('admin', 'forceRecordState', res)).toEqual([]);
  });
});

describe('bodies with a schema', () => {
  it.each(DOCUMENT_SLUGS)('%s: every response of every operation describes its content', (slug) => {
    const bare = operationsOf(docs[slug]).flatMap(({ op }) =>
      Object.entries(op.responses as Record<string, Json>)
        .filter(([, r]) => !r.content)
        .map(([status]) => `${op.operationId} ${status}`),
    );
    expect(bare).toEqual([]);
  });

  it.each([
    ['unibellApp', '/_sim/unibell/apps/no-such-key', undefined, 404],
    ['unibellUpdateApp', '/_sim/unibell/apps/no-such-key', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{}' }, 404],
    ['unibellUpdateApp', '/_sim/unibell/apps/d8ac9959r12b43545da9034', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"startCallbackUrl":"ftp://x"}' }, 400],
    ['voicepasswordCall', '/_sim/voicepassword/calls/0', undefined, 404],
    ['openapiDocument', '/_sim/openapi/devino.json', undefined, 200],
    ['openapiDocument', '/_sim/openapi/nope.json', undefined, 404],
    ['openapiPage', '/_sim/openapi/', undefined, 200],
  ] as const)('admin %s %s answers what its document describes', async (operationId, path, init, status) => {
    const res = await s.call(path, init as RequestInit | undefined);
    expect(res.status).toBe(status);
    expect(await answerErrors('admin', operationId, res)).toEqual([]);
  });

  it('admin voicepasswordCall 200 has the call record schema', async () => {
    const sent = await readJson(await s.call('/voicepassword/api/voice-password/send/', json({ security: VP_KEY, number: '79161234568' })));
    const res = await s.call(`/_sim/voicepassword/calls/${sent.id}`);
    expect(res.status).toBe(200);
    expect(await answerErrors('admin', 'voicepasswordCall', res)).toEqual([]);
    const schema = (docs.admin.paths as Json)['/_sim/voicepassword/calls/{id}'] as Json;
    expect(JSON.stringify(schema)).toContain('VoicepasswordCallRecord');
  });
});

describe('error catalogues', () => {
  it("Unibell deleteMedia lists requiredJsonError, which a malformed body gets", async () => {
    const op = (docs.unibell.paths as Record<string, Record<string, Json>>)['/media/{id}'].delete;
    expect(op['x-provider-errors']).toContain('requiredJsonError');
    const res = await s.call('/unibell/media/1', { method: 'DELETE', headers: { ...unibellAuth(), 'content-type': 'application/json' }, body: '{' });
    expect(res.status).toBe(400);
    expect((await readJson(res.clone())).status).toBe('requiredJsonError');
    expect(await answerErrors('unibell', 'deleteMedia', res)).toEqual([]);
  });
});

describe('requests the document called complete but the simulator refuses', () => {
  const mg = (path: string, body: Json) => s.call(`/mobilgroup/api/${path}/`, json(body, MOBILGROUP));
  const vp = (path: string, body: Json) => s.call(`/voicepassword/api/voice-password/${path}/`, json({ security: VP_KEY, ...body }));
  const SUBSCRIBER = [{ phone: '79161234567' }];

  // [document, operation, body, the request, what the simulator answers (the provider's own error, unchanged)]
  const cases: [DocumentSlug, string, Json, () => Promise<Response>, (res: Response) => Promise<void>][] = [
    ['mobilgroup', 'send', { settings: { message: 'Привет' }, subscribers: SUBSCRIBER }, () => mg('send', { settings: { message: 'Привет' }, subscribers: SUBSCRIBER }), mgError('Error_No_AniPhone')],
    ['mobilgroup', 'send', { settings: { number: '74951234567' }, subscribers: SUBSCRIBER }, () => mg('send', { settings: { number: '74951234567' }, subscribers: SUBSCRIBER }), mgError('Error_No_Message')],
    [
      'mobilgroup',
      'send',
      { settings: { number: '74951234567', message: 'Привет' }, subscribers: [{}] },
      () => mg('send', { settings: { number: '74951234567', message: 'Привет' }, subscribers: [{}] }),
      mgError('Error_No_Subscribers'),
    ],
    ['mobilgroup', 'get', {}, () => mg('get', {}), mgError('Error_Unknown_Request')],
    ['mobilgroup', 'set', { account: 'crm-1', templates: [] }, () => mg('set', { account: 'crm-1', templates: [] }), mgError('Unknown_Request')],
    ['mobilgroup', 'set', { request: 'templates', templates: [] }, () => mg('set', { request: 'templates', templates: [] }), mgError('Account_field_is_empty')],
    [
      'mobilgroup',
      'set',
      { request: 'templates', account: 'crm-1', templates: [{ message: 'text' }] },
      () => mg('set', { request: 'templates', account: 'crm-1', templates: [{ message: 'text' }] }),
      templateResult('Name_field_is_empty'),
    ],
    [
      'mobilgroup',
      'set',
      { request: 'templates', account: 'crm-1', templates: [{ name: 'n' }] },
      () => mg('set', { request: 'templates', account: 'crm-1', templates: [{ name: 'n' }] }),
      templateResult('Message_field_is_empty'),
    ],
    ['voicepassword', 'send', { capacity: '4' }, () => vp('send', { capacity: '4' }), mgError('number_is_empty')],
    ['voicepassword', 'get', {}, () => vp('get', {}), mgError('unknown_request')],
    ['unibell', 'activate', { abonentListId: 13296 }, () => s.call('/unibell/apps/activate', unibellPost({ abonentListId: 13296 })), unibellError(400, 'invalidSchemeError')],
    ['admin', 'advanceClock', {}, () => s.call('/_sim/clock/advance', json({})), adminError(/exactly one/)],
    ['admin', 'advanceClock', { ms: 1, by: '1s' }, () => s.call('/_sim/clock/advance', json({ ms: 1, by: '1s' })), adminError(/exactly one/)],
    ['admin', 'patchAccount', {}, () => s.call('/_sim/accounts/devino/user', { ...json({}), method: 'PATCH' }), adminError(/balance and\/or disabled/)],
    [
      'admin',
      'uploadScenario',
      { name: 'no-effect', rules: [{ match: { provider: 'devino' } }] },
      () => s.call('/_sim/scenarios', json({ name: 'no-effect', rules: [{ match: { provider: 'devino' } }] })),
      adminError(/needs an effect/),
    ],
  ];

  it.each(cases.map((c) => [`${c[0]} ${c[1]} ${JSON.stringify(c[2])}`, ...c] as const))('%s', async (_name, document, operationId, body, send, answer) => {
    expect(requestErrors(document, operationId, body), 'the document calls this request incomplete').not.toEqual([]);
    await answer(await send());
  });

  it('complete requests still pass the documented schemas', () => {
    expect(requestErrors('mobilgroup', 'send', { settings: { number: '74951234567', phrase: '1' }, subscribers: SUBSCRIBER })).toEqual([]);
    expect(requestErrors('mobilgroup', 'set', { request: 'templates', account: 'a', templates: [{ name: 'n', message: 'm' }] })).toEqual([]);
    expect(requestErrors('voicepassword', 'send', { sms: { id: '1' } })).toEqual([]);
    expect(requestErrors('unibell', 'activate', { numberPoolId: 1, abonentListId: 13296 })).toEqual([]);
    expect(requestErrors('admin', 'advanceClock', { by: '2h' })).toEqual([]);
    expect(requestErrors('admin', 'patchAccount', { disabled: true })).toEqual([]);
  });
});

function mgError(code: string) {
  return async (res: Response) => {
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ result: 'error', error_code: code });
  };
}
function templateResult(result: string) {
  return async (res: Response) => expect((await readJson(res)).templates[0].result).toBe(result);
}
function unibellError(status: number, code: string) {
  return async (res: Response) => {
    expect(res.status).toBe(status);
    expect((await readJson(res)).status).toBe(code);
  };
}
function adminError(message: RegExp) {
  return async (res: Response) => {
    expect(res.status).toBe(400);
    expect((await readJson(res)).error).toMatch(message);
  };
}

describe('unconstrained schemas', () => {
  /** Paths of `{}` schemas among anyOf/oneOf alternatives. */
  function emptyAlternatives(value: unknown, path: string, out: string[]): string[] {
    if (Array.isArray(value)) value.forEach((v, i) => emptyAlternatives(v, `${path}/${i}`, out));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if ((k === 'anyOf' || k === 'oneOf') && Array.isArray(v)) v.forEach((alt, i) => alt && typeof alt === 'object' && Object.keys(alt).length === 0 && out.push(`${path}/${k}/${i}`));
        emptyAlternatives(v, `${path}/${k}`, out);
      }
    }
    return out;
  }

  it.each(DOCUMENT_SLUGS)('%s: no alternative of an anyOf or oneOf is the empty schema', (slug) => {
    expect(emptyAlternatives(docs[slug], '', [])).toEqual([]);
  });

  it("a scenario's latency and callbacks.delay are milliseconds or a {min, max} range as loaded", () => {
    const loaded = JSON.stringify((docs.admin.components as { schemas: Json }).schemas.ScenarioDocument);
    expect(loaded).not.toContain('"min":{}');
    expect(loaded).toMatch(/"latency":\{"description":"[^"]*","anyOf":\[\{"type":"number"/);
  });
});
