// Issue 14, finding 10: without a token, a web page on another site must not change the simulator
// through a form. Every state-changing admin route (from the admin document, the provider admin
// routes included) refuses the three content types an HTML form can send, and a body without a
// content type, with a 415 that names what it accepts; a body-less request needs no content type.
import { describe, expect, it } from 'vitest';
import { API_DOCS } from '../../src/openapi/documents.js';
import { useSimulator } from '../helpers/useSimulator.js';
import { sendRaw } from './rawSocket.js';

const UNIBELL_KEY = 'd8ac9959r12b43545da9034';
const fill = (template: string) =>
  template.replace(/\{(\w+)\}/g, (_m, name: string) => ({ provider: 'devino', kind: 'sms', id: 'user', name: 'happy-path', accessKey: UNIBELL_KEY })[name] ?? 'x');

const STATE_CHANGING = API_DOCS.admin.operations.filter((op) => ['post', 'put', 'patch', 'delete'].includes(op.method.toLowerCase()));

/** What a cross-site form sends: its three encodings (JSON smuggled in text/plain included), and a body with no type. */
const FORM_BODIES: { type?: string; body: string }[] = [
  { type: 'application/x-www-form-urlencoded', body: 'ms=3600000&balance=5&state=delivered' },
  { type: 'multipart/form-data; boundary=----x', body: '------x\r\nContent-Disposition: form-data; name="ms"\r\n\r\n3600000\r\n------x--\r\n' },
  { type: 'text/plain', body: '{"ms":3600000,"balance":5,"by":"1h","name":"x","rules":[]}' },
  { type: 'text/plain;charset=UTF-8', body: '{"ms":3600000}' },
  { type: 'Application/X-WWW-Form-Urlencoded; charset=utf-8', body: 'ms=1' },
  { body: '{"ms":3600000,"balance":5}' },
];

describe('state-changing admin routes accept only what a cross-site form cannot send', () => {
  const s = useSimulator({ eachTest: 'keep' });

  it('covers every state-changing route of the admin document', () => {
    expect(STATE_CHANGING.map((op) => `${op.method.toUpperCase()} ${op.path}`)).toEqual(
      expect.arrayContaining(['POST /_sim/reset', 'POST /_sim/clock/advance', 'POST /_sim/scenarios', 'PATCH /_sim/accounts/{provider}/{id}', 'POST /_sim/devino/incoming', 'PATCH /_sim/unibell/apps/{accessKey}']),
    );
  });

  it.each(STATE_CHANGING.map((op) => [op.method.toUpperCase(), op.path] as const))('%s %s: 415 for form encodings and untyped bodies, nothing changes', async (method, template) => {
    const events: string[] = [];
    const off = s.sim.ctx.events.onAny((name) => events.push(name));
    // (The journal may list a refused request to a provider's admin route: a record of requests, not state.)
    const snapshot = async () =>
      JSON.stringify([
        s.sim.ctx.clock.state(),
        s.sim.ctx.accounts.list(),
        s.sim.scenarios.active(),
        s.sim.scenarios.list().length,
        s.sim.ctx.callbacks.list().length,
        await (await s.call('/_sim/unibell/apps')).text(),
      ]);
    const before = await snapshot();
    for (const { type, body } of FORM_BODIES) {
      for (const target of [fill(template), `http://whatever${fill(template)}`]) {
        const res = await sendRaw(s.url, { method, target, headers: type ? { 'content-type': type } : {}, body });
        expect(res.status, `${type} ${target}: ${res.body}`).toBe(415);
        const error = JSON.parse(res.body).error as string;
        expect(error).toContain('application/json');
        if (template === '/_sim/scenarios') expect(error).toContain('application/yaml');
      }
    }
    off();
    expect(events).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

  it('a body-less POST or DELETE needs no content type', async () => {
    const noBody = async (method: string, target: string) => (await sendRaw(s.url, { method, target, headers: { 'content-length': '0' } })).status;
    expect(await noBody('POST', '/_sim/reset')).toBe(200);
    expect(await noBody('POST', '/_sim/scenarios/happy-path/activate')).toBe(200);
    expect(await noBody('POST', '/_sim/scenarios/happy-path/deactivate')).toBe(200);
    expect(await noBody('DELETE', '/_sim/scenarios/active')).toBe(200);
    expect(await noBody('DELETE', '/_sim/journal')).toBe(200);
    expect(await noBody('POST', '/_sim/callbacks/cb-none/redeliver')).toBe(404);
    // Without Content-Length at all, as fetch sends a POST with no body.
    expect((await sendRaw(s.url, { method: 'POST', target: '/_sim/reset' })).status).toBe(200);
  });

  it('JSON is accepted, and YAML for a scenario upload (application/yaml, application/x-yaml, text/yaml)', async () => {
    const advance = await sendRaw(s.url, { method: 'POST', target: '/_sim/clock/advance', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"by":"1s"}' });
    expect(advance.status).toBe(200);
    for (const type of ['application/yaml', 'application/x-yaml', 'text/yaml', 'application/json']) {
      const body =
        type === 'application/json'
          ? JSON.stringify({ name: 'typed', rules: [{ match: { provider: 'devino' }, error: 'NotEnoughCredits' }] })
          : 'name: typed\nrules:\n  - match: { provider: devino }\n    error: NotEnoughCredits\n';
      const res = await sendRaw(s.url, { method: 'POST', target: '/_sim/scenarios', headers: { 'content-type': type }, body });
      expect(res.status, `${type}: ${res.body}`).toBe(201);
    }
    // YAML is only for the upload.
    const yamlElsewhere = await sendRaw(s.url, { method: 'POST', target: '/_sim/clock/advance', headers: { 'content-type': 'application/yaml' }, body: 'by: 1s\n' });
    expect(yamlElsewhere.status).toBe(415);
  });

  it('grants no cross-origin access: a preflight gets no Access-Control-Allow-Origin', async () => {
    const res = await sendRaw(s.url, {
      method: 'OPTIONS',
      target: '/_sim/clock/advance',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
