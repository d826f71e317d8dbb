// Issue 14, finding 12 (part): the admin token does not leak. Its comparison takes the same path
// whatever the length of the token given (SHA-256 digests, compared in constant time), and a token
// given in a query string (`/_sim/ui?token=…`) never reaches a log line or the journal, even at trace level.
import { timingSafeEqual as realTimingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.js';
import { startCli, stopCli, type SimProcess } from '../reliability/process.js';
import { sendRaw } from './rawSocket.js';

const compared = vi.hoisted(() => [] as [number, number][]);
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  return {
    ...crypto,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.push([a.byteLength, b.byteLength]);
      return crypto.timingSafeEqual(a, b);
    },
  };
});

const TOKEN = 'a-sixteen-chars!';

describe('the token comparison does not depend on the length of the token given', () => {
  let s: TestServer;
  beforeAll(async () => {
    // The setup file (test/helpers/validation.ts) loaded the simulator's modules before this file's
    // mock of node:crypto: load them afresh so the admin guard compares with the mocked function.
    vi.resetModules();
    const fresh = await import('../helpers/server.js');
    s = await fresh.startServer({ adminToken: TOKEN });
  });
  afterAll(() => s.close());

  it('every token given, of any length, is compared in constant time as a 32-byte digest', async () => {
    expect(realTimingSafeEqual).toBeTypeOf('function');
    const given = ['x', 'a-sixteen-chars', `${TOKEN}!`, 'y'.repeat(16), 'z'.repeat(4096), TOKEN];
    for (const token of given) {
      compared.length = 0;
      const res = await s.call('/_sim/clock', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(token === TOKEN ? 200 : 401);
      expect(compared, `token of ${token.length} characters`).toEqual([[32, 32]]);
    }
  });
});

describe('a token in the query string reaches no log line', () => {
  let p: SimProcess | undefined;
  afterAll(() => stopCli(p));

  // The first run builds dist/ (ensureBuilt), which can take a minute on a busy machine.
  it('at trace level: request lines, not-found lines, refusals, the journal', { timeout: 240_000 }, async () => {
    p = await startCli(['--log-level', 'trace', '--admin-token', TOKEN, '--clock', 'manual']);
    const auth = { authorization: `Bearer ${TOKEN}` };
    const targets = [
      `/_sim/ui?token=${TOKEN}`,
      `/_sim/ui?x=1&token=${TOKEN}&y=2`,
      `/_sim/records?token=${TOKEN}`,
      `/_sim/no-such-route?token=${TOKEN}`,
      `/no-such-route?TOKEN=${TOKEN}`,
      `//_sim/ui?token=${TOKEN}`,
      `http://whatever/_sim/ui?token=${TOKEN}`,
      `/_sim/ui?x-sim-admin-token=${TOKEN}`,
    ];
    for (const target of targets) await sendRaw(p.url, { method: 'GET', target });
    // A provider admin route is journalled; a refused form post is logged as an error answer.
    expect((await sendRaw(p.url, { method: 'GET', target: `/_sim/unibell/apps?token=${TOKEN}`, headers: auth })).status).toBe(200);
    expect((await sendRaw(p.url, { method: 'POST', target: `/_sim/reset?token=${TOKEN}`, headers: { ...auth, 'content-type': 'text/plain' }, body: 'x' })).status).toBe(415);
    const journal = await sendRaw(p.url, { method: 'GET', target: '/_sim/journal?limit=1000', headers: auth });
    expect(journal.status).toBe(200);
    expect(journal.body).toContain('token=[redacted]');
    expect(journal.body).not.toContain(TOKEN);

    p.child.kill('SIGTERM');
    await p.exited;
    const log = p.stdout() + p.stderr();
    // The lines were written (trace level logs every request), with the value masked.
    expect(log).toContain('"url":"/_sim/ui?token=[redacted]"');
    expect(log).toContain('?TOKEN=[redacted]');
    expect(log).toContain('not found');
    expect(log).not.toContain(TOKEN);
  });
});
