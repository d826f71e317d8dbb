// Generated fixtures (`provider-sim fixtures generate`): byte-identical by seed, valid against the
// providers' fixture schemas, realistic (Russian names, Latin senders, every operator) and a
// directory the simulator starts on.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildSimulator } from '../../src/app.js';
import { credentialsTable, fixtures } from '../../src/cli/fixtures.js';
import { loadFixture } from '../../src/core/fixtures.js';
import { createNumbering, NumberingFixture } from '../../src/core/phone.js';
import { fixtureSchemas, generateFixtures, MAX_GENERATED_ACCOUNTS } from '../../src/core/generate/fixtures.js';
import { providers } from '../../src/providers/index.js';
import { DevinoFixture } from '../../src/providers/devino/schemas.js';
import { MobilgroupFixture } from '../../src/providers/mobilgroup/schemas.js';
import { UnibellFixture } from '../../src/providers/unibell/schemas.js';
import { ROOT } from '../helpers/built.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-fixtures-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs the subcommand in-process, capturing what it prints. */
async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await fixtures(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const read = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));
const CYRILLIC = /[А-Яа-яЁё]/;

describe('fixtures generate', () => {
  it('the same seed writes byte-identical files; another seed writes other accounts', async () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    expect((await run(['generate', '--accounts', '25', '--seed', '42', '--out', a])).code).toBe(0);
    expect((await run(['generate', '--accounts', '25', '--seed', '42', '--out', b])).code).toBe(0);
    expect((await run(['generate', '--accounts', '25', '--seed', '43', '--out', c])).code).toBe(0);
    const [filesA, filesB, filesC] = [read(a), read(b), read(c)];
    expect(Object.keys(filesA)).toEqual(['devino.json', 'mobilgroup.json', 'numbering.json', 'unibell.json', 'voicepassword.json']);
    for (const name of Object.keys(filesA)) expect(filesB[name].equals(filesA[name]), name).toBe(true);
    expect(filesC['devino.json'].equals(filesA['devino.json'])).toBe(false);
  });

  it("every generated file passes its provider's fixture schema, with N accounts each", () => {
    const { files } = generateFixtures(providers, { accounts: 40, seed: 7 });
    for (const [name, text] of files) {
      const parsed = (fixtureSchemas(providers).get(name) as z.ZodType).safeParse(JSON.parse(text));
      expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true);
    }
    for (const name of ['devino.json', 'mobilgroup.json', 'voicepassword.json', 'unibell.json']) {
      expect((JSON.parse(files.get(name) as string) as { accounts: unknown[] }).accounts).toHaveLength(40);
    }
  });

  it('Russian company names, Latin sender names within Devino limits, subscribers of every operator, unique credentials', () => {
    const { files, credentials } = generateFixtures(providers, { accounts: 200, seed: 3 });
    const dir = tempDir();
    for (const [name, text] of files) writeFileSync(join(dir, name), text);
    const devino = loadFixture(dir, 'devino', DevinoFixture);
    const mobilgroup = loadFixture(dir, 'mobilgroup', MobilgroupFixture);
    const unibell = loadFixture(dir, 'unibell', UnibellFixture);
    const numbering = createNumbering(loadFixture(dir, 'numbering', NumberingFixture));

    expect(credentials.every((c) => CYRILLIC.test(c.company))).toBe(true);
    expect(unibell.apps.every((a) => CYRILLIC.test(a.name))).toBe(true);
    expect(mobilgroup.accounts.every((a) => a.templates.every((t) => CYRILLIC.test(t.message)))).toBe(true);
    // Devino: up to 11 Latin characters (with at least one letter) or up to 15 digits.
    for (const a of devino.accounts) for (const sender of a.senders) expect(sender).toMatch(/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$|^\d{1,15}$/);
    expect(new Set(devino.accounts.map((a) => a.login)).size).toBe(200);
    expect(new Set(mobilgroup.accounts.map((a) => a.apiKey)).size).toBe(200);
    expect(new Set(unibell.apps.map((a) => a.accessKey)).size).toBe(200);
    const subscribers = unibell.abonentLists.flatMap((l) => l.numbers);
    const operators = new Set(subscribers.map((n) => numbering.operatorOf(n)));
    expect([...operators].sort()).toEqual(['beeline', 'megafon', 'mts', 'tele2']);
    expect(subscribers.some((n) => n.startsWith('7999000'))).toBe(false); // never a magic number
    expect(devino.accounts.some((a) => a.balance === 0)).toBe(true); // a few are out of money, as in life
  });

  it('the simulator starts on the generated directory and each provider takes a generated credential', async () => {
    const dir = tempDir();
    const { code, out } = await run(['generate', '--accounts', '5', '--out', dir, '--json']);
    expect(code).toBe(0);
    const { credentials } = JSON.parse(out) as { credentials: { provider: string; credentials: Record<string, string> }[] };
    const of = (p: string) => (credentials.find((c) => c.provider === p) as { credentials: Record<string, string> }).credentials;
    const sim = await buildSimulator({ logLevel: 'silent', clock: 'manual', fixtures: dir });
    try {
      const d = of('devino');
      const login = await sim.app.inject({ url: `/devino/rest/User/SessionId?login=${d.login}&password=${d.password}` });
      expect(login.statusCode).toBe(200);
      const sent = await sim.app.inject({
        method: 'POST',
        url: '/devino/rest/Sms/Send',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ SessionID: login.json(), DestinationAddress: '79161234567', SourceAddress: d.sender, Data: 'Привет' }).toString(),
      });
      expect(sent.statusCode).toBe(200);
      const mg = await sim.app.inject({ method: 'POST', url: '/mobilgroup/api/get/', headers: { authorization: of('mobilgroup').apiKey }, payload: { request: 'balance' } });
      expect(mg.json()).toMatchObject({ result: 'ok' });
      const vp = await sim.app.inject({ method: 'POST', url: '/voicepassword/api/voice-password/get/', payload: { security: { apiKey: of('voicepassword').apiKey }, request: 'balance' } });
      expect(vp.json()).toMatchObject({ result: 'ok' });
      const ub = await sim.app.inject({ url: '/unibell/balance', headers: { 'x-authorization': `AccessKey ${of('unibell').accessKey}` } });
      expect(ub.statusCode).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('prints the credentials as a table by default', async () => {
    const { code, out } = await run(['generate', '--accounts', '2', '--out', tempDir()]);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^provider\s+account\s+credentials\s+balance\s+company$/);
    expect(lines.filter((l) => /^(devino|mobilgroup|voicepassword|unibell)\s/.test(l))).toHaveLength(8);
    expect(out).toMatch(/start with: provider-sim --fixtures /);
    expect(credentialsTable([])).toBe('provider  account  credentials  balance  company');
  });

  it('refuses a bad option with exit 2 naming the limit', async () => {
    const big = await run(['generate', '--accounts', String(MAX_GENERATED_ACCOUNTS + 1), '--out', tempDir()]);
    expect(big.code).toBe(2);
    expect(big.err).toContain(`--accounts must be a whole number from 1 to ${MAX_GENERATED_ACCOUNTS}`);
    expect((await run(['generate', '--accounts', '3'])).err).toContain('--out is required');
    expect((await run(['generate', '--accounts', '3', '--out', tempDir(), '--locale', 'de'])).err).toContain('--locale must be ru or en');
    expect((await run(['make', '--accounts', '3', '--out', tempDir()])).err).toContain('expected the subcommand "generate"');
  });

  // dist/ is built by `npm test` before vitest (as for test/cli.test.ts).
  it('is a subcommand of the built CLI', () => {
    const dir = tempDir();
    const out = execFileSync(process.execPath, [join(ROOT, 'dist/main.js'), 'fixtures', 'generate', '--accounts', '1', '--out', dir, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out).credentials).toHaveLength(4);
    expect(readdirSync(dir)).toHaveLength(5);
  });
});
