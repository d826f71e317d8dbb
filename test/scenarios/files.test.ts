// Scenario files: the shipped ones load and their JSON Schema is published; invalid files are
// refused naming file, rule and field (and the server does not start); scenario and fixture files
// are reloaded when they change, a broken edit keeping the last good version.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSimulator } from '../../src/app.js';
import { DEFAULT_FIXTURES, DEFAULT_SCENARIOS } from '../../src/core/config.js';
import { providers } from '../../src/providers/index.js';
import { readScenarioDir } from '../../src/scenarios/loader.js';
import { scenarioJsonSchema } from '../../src/scenarios/schema.js';
import { json, readJson, startServer, type TestServer } from '../helpers/server.js';
import { send } from './helpers.js';

const bySlug = new Map(providers.map((p) => [p.slug, p]));
const dirs: string[] = [];
const servers: TestServer[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sim-scenarios-'));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Polls (real time, briefly) until the file watcher has picked up a change. */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = performance.now() + 3000;
  for (;;) {
    const v = await read();
    if (ok(v) || performance.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('shipped scenarios', () => {
  it('load, cover the promised situations, and match the published JSON Schema', () => {
    const names = readScenarioDir(DEFAULT_SCENARIOS, bySlug).map((s) => s.name);
    for (const n of ['happy-path', 'session-expiry-storm', 'out-of-money', 'slow-provider', 'flaky-network', 'every-call-busy', 'callbacks-duplicated-late', 'scheduled-send-backlog']) {
      expect(names).toContain(n);
    }
    const published = JSON.parse(readFileSync(join(DEFAULT_SCENARIOS, 'schema.json'), 'utf8'));
    expect(published).toEqual(scenarioJsonSchema());
    expect(readdirSync(DEFAULT_SCENARIOS).filter((f) => f.endsWith('.yaml'))[0]).toBeDefined();
  });

  it('out-of-money: the first three sends pass, then the provider says there is no money', async () => {
    const s = await startServer({ scenario: 'out-of-money' });
    servers.push(s);
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await readJson(await send(s, 'mobilgroup'))).result);
    expect(results).toEqual(['ok', 'ok', 'ok', 'error', 'error']);
  });
});

describe('invalid scenario files', () => {
  const problems = (text: string, name = 'bad.yaml') => {
    const d = tempDir();
    writeFileSync(join(d, name), text);
    try {
      readScenarioDir(d, bySlug);
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error('expected the file to be refused');
  };

  it('name the file, the rule and the field', () => {
    expect(problems('name: x\nrules:\n  - name: no money\n    match: { provider: devino }\n    error: NoMoney\n')).toMatch(
      /^Scenario file .*bad\.yaml is invalid: rule 1 \("no money"\) field error\.code: devino has no error "NoMoney" \(known: 1 \(ArgumentCanNotBeNullOrEmpty\).*5 \(NotEnoughCredits\)/,
    );
    expect(problems('name: x\nrules:\n  - latency: 10\n  - times: 0\n    fault: reset\n')).toMatch(/rule 2 field times: Too small/);
    expect(problems('name: x\nrules:\n  - match: { provider: sms-ru }\n    latency: 1\n')).toMatch(/rule 1 field match\.provider: unknown provider "sms-ru"/);
    expect(problems('name: x\nrules:\n  - error: 5\n')).toMatch(/rule 1 field error: .*match\.provider must name exactly one provider/);
    expect(problems('name: x\nrules:\n  - outcome: { state: busy }\n    latency: 5\n')).toMatch(/rule 1: request effects .* separate rules/);
    expect(problems('name: x\nrules:\n  - match: { number: "/[/" }\n    latency: 1\n')).toMatch(/rule 1 field match\.number: bad regular expression/);
    expect(problems('name: x\nrules:\n  - latency: soon\n')).toMatch(/rule 1 field latency/);
    expect(problems('name: x\nrules: [\n')).toMatch(/bad\.yaml is invalid: not valid YAML/);
    expect(problems('{"name": "x", "rules": [{"fault": "explode"}]}', 'bad.json')).toMatch(/bad\.json is invalid: rule 1 field fault/);
  });

  it('stop the simulator from starting (in-process and from the CLI)', async () => {
    const d = tempDir();
    writeFileSync(join(d, 'broken.yaml'), 'name: broken\nrules:\n  - name: typo\n    match: { provider: mobilgroup }\n    error: Error_No_Money\n');
    await expect(buildSimulator({ logLevel: 'silent', scenarios: d })).rejects.toThrow(/broken\.yaml is invalid: rule 1 \("typo"\) field error\.code/);
    const err = await promisify(execFile)(process.execPath, ['dist/main.js', '--port', '0', '--scenarios', d]).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toMatch(/could not start: Scenario file .*broken\.yaml is invalid: rule 1 \("typo"\) field error\.code: mobilgroup has no error "Error_No_Money"/);
  });
});

describe('reloading on change', () => {
  it('reloads a changed scenario; a broken edit is reported and the last good version stays', async () => {
    const d = tempDir();
    const file = join(d, 'live.yaml');
    writeFileSync(file, 'name: live\nrules:\n  - match: { provider: voicepassword }\n    error: user_disabled\n');
    const s = await startServer({ scenarios: d, scenario: 'live' });
    servers.push(s);
    const code = async () => (await readJson(await send(s, 'voicepassword'))).error_code;
    expect(await code()).toBe('user_disabled');

    writeFileSync(file, 'name: live\nrules:\n  - match: { provider: voicepassword }\n    error: number_not_permitted\n');
    expect(await eventually(code, (c) => c === 'number_not_permitted')).toBe('number_not_permitted');

    writeFileSync(file, 'name: live\nrules:\n  - match: { provider: voicepassword }\n    error: no_such_error\n');
    const listed = await eventually(async () => readJson(await s.call('/_sim/scenarios')), (l) => l.errors.length > 0);
    expect(listed.errors[0]).toMatchObject({ file });
    expect(listed.errors[0].error).toMatch(/rule 1 field error\.code: voicepassword has no error "no_such_error"/);
    expect(listed.active).toEqual(['live']);
    expect(await code()).toBe('number_not_permitted');

    writeFileSync(join(d, 'added.json'), JSON.stringify({ name: 'added', rules: [{ latency: 1 }] }));
    const names = await eventually(async () => (await readJson(await s.call('/_sim/scenarios'))).scenarios.map((x: { name: string }) => x.name), (n) => n.includes('added'));
    expect(names).toContain('added');
  });

  it('reloads a changed fixture file: a new magic number works at once; a broken edit keeps the last good one', async () => {
    const d = tempDir();
    cpSync(DEFAULT_FIXTURES, d, { recursive: true });
    const s = await startServer({ fixtures: d });
    servers.push(s);
    const file = join(d, 'voicepassword.json');
    const fixture = JSON.parse(readFileSync(file, 'utf8'));
    fixture.outcomes['79161234567'] = { call: 'BUSY' };
    writeFileSync(file, JSON.stringify(fixture));
    const stateAfterCall = async () => {
      const { id } = await readJson(await send(s, 'voicepassword', '79161234567'));
      await s.advance('1m');
      return (await readJson(await s.call(`/_sim/records/voicepassword/flashcall/${id}`))).state;
    };
    expect(await eventually(stateAfterCall, (st) => st === 'BUSY')).toBe('BUSY');
    writeFileSync(file, '{ "accounts": ');
    const errors = await eventually(async () => (await readJson(await s.call('/_sim/scenarios'))).errors, (e) => e.length > 0);
    expect(errors[0].error).toMatch(/voicepassword\.json is invalid: not valid JSON/);
    expect(await stateAfterCall()).toBe('BUSY');
  });
});

describe('uploads through the admin API', () => {
  it('takes YAML and JSON, and refuses an invalid one with the rule and field', async () => {
    const s = await startServer();
    servers.push(s);
    const yaml = await s.call('/_sim/scenarios', { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: 'name: up\nrules:\n  - latency: 5ms\n' });
    expect(yaml.status).toBe(201);
    expect(await readJson(yaml)).toEqual({ name: 'up', rules: 1, active: false });
    const bad = await s.call('/_sim/scenarios', json({ name: 'up2', rules: [{ match: { provider: 'unibell' }, error: 'oops' }] }));
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error).toMatch(/^Scenario file \(uploaded\) is invalid: rule 1 field error\.code: unibell has no error "oops"/);
    expect(await readJson(await s.call('/_sim/scenarios/up'))).toEqual({ name: 'up', rules: [{ match: {}, after: 0, latency: 5 }] });
  });

  it("a form-type upload (curl --data-binary's default) is refused with the content types that are accepted", async () => {
    const s = await startServer();
    servers.push(s);
    const res = await s.call('/_sim/scenarios', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name: two-failures\nrules:\n  - latency: 5ms\n' });
    expect(res.status).toBe(415);
    const { error } = await readJson(res);
    expect(error).toMatch(/Content-Type application\/x-www-form-urlencoded: this admin route accepts a body only as/);
    expect(error).toMatch(/application\/json/);
    expect(error).toMatch(/application\/yaml/);
    expect((await readJson(await s.call('/_sim/scenarios'))).scenarios.map((x: { name: string }) => x.name)).not.toContain('two-failures');
  });
});
