// The sandbox UI's files over HTTP: what a browser gets, with and without an admin token.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSimulator } from '../helpers/useSimulator.js';
import { clientBundle } from '../../src/ui/client.js';
import { ROOT, startBuiltSimulator } from '../helpers/built.js';
import { startServer, type TestServer } from '../helpers/server.js';

describe('/_sim/ui files', () => {
  const s = useSimulator({ eachTest: 'keep' });

  it('GET / redirects (302) to the sandbox UI', async () => {
    const res = await s.call('/', { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/_sim/ui');
  });

  it('serves the page, its script and stylesheet from this origin under a strict CSP', async () => {
    const page = await s.call('/_sim/ui');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script src="/_sim/ui/app.js" defer></script>');
    expect(html).toContain('<link rel="stylesheet" href="/_sim/ui/app.css">');
    // Nothing inline: the CSP would block it.
    expect(html).not.toMatch(/<script>|<style>|\son[a-z]+="/);

    const js = await s.call('/_sim/ui/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const script = await js.text();
    // The script parses, and carries Devino's state descriptions.
    expect(() => new Function(script)).not.toThrow();
    expect(script).toContain('"devino/sms":{"0":"Доставлено абоненту"');
    expect((await s.call('/_sim/ui/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await s.call('/_sim/ui/nope.js')).status).toBe(404);
  });
});

describe('/_sim/ui with an admin token', () => {
  const s = useSimulator({ config: { adminToken: 'ui-secret' }, eachTest: 'keep' });

  it('the page shell loads without the token (it holds no data); the API it reads still needs it', async () => {
    expect((await s.call('/_sim/ui')).status).toBe(200);
    expect((await s.call('/_sim/UI/')).status).toBe(200);
    expect((await s.call('/_sim/ui/app.js')).status).toBe(200);
    expect((await s.call('/_sim/ui/app.css')).status).toBe(200);
    expect((await s.call('/_sim/records')).status).toBe(401);
    expect((await s.call('/_sim/events')).status).toBe(401);
    // Only the three shell files are let through, nothing else under /_sim/ui.
    expect((await s.call('/_sim/ui/anything')).status).toBe(401);
    expect((await s.call('/_sim/records', { headers: { authorization: 'Bearer ui-secret' } })).status).toBe(200);
  });
});

describe('/_sim/ui/app.js from the build', () => {
  it('the built CLI serves the bundle `npm run build` wrote (dist/ui/app.js), with the state labels first', async () => {
    const sim = await startBuiltSimulator();
    try {
      const script = await (await fetch(`${sim.url}/_sim/ui/app.js`)).text();
      const bundle = readFileSync(join(ROOT, 'dist/ui/app.js'), 'utf8');
      expect(script.startsWith('globalThis.SIM_LABELS = {"devino/sms":')).toBe(true);
      expect(script.endsWith(bundle)).toBe(true);
    } finally {
      await sim.stop();
    }
  }, 180_000);
});

describe('/_sim/ui/app.js from the sources', () => {
  it('is the typed client (src/ui/app/main.ts) bundled in memory, built once per process', async () => {
    const [first, second] = await Promise.all([clientBundle(), clientBundle()]);
    expect(first).toBe(second);
    // The bundle holds the client's own words, not a hand-written script.
    expect(first).toContain('record-row');
    expect(first).toContain('copy-curl');
    expect(() => new Function(first)).not.toThrow();
  });
});
