// The CLI as a user runs it: the built dist/main.js in its own process (npm test builds first).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startCli } from './helpers/cli.js';

const run = promisify(execFile);
const MAIN = 'dist/main.js';

describe('provider-sim CLI', () => {
  it('--help lists every option with its environment variable and default, and exits 0', async () => {
    const { stdout } = await run(process.execPath, [MAIN, '--help']);
    for (const flag of ['--port', '--host', '--data', '--seed', '--fixtures', '--log-level', '--clock', '--pretty']) expect(stdout).toContain(flag);
    expect(stdout).toMatch(/--port <value>.*env PORT, default 4010/);
    expect(stdout).toMatch(/--host <value>.*default 127\.0\.0\.1/);
  });

  it('an unknown flag or a bad value exits 2 with a message naming it', async () => {
    const bad = (args: string[]) => run(process.execPath, [MAIN, ...args]).catch((e: { code: number; stderr: string }) => e);
    const unknown = await bad(['--prot', '4010']);
    expect(unknown).toMatchObject({ code: 2 });
    expect((unknown as { stderr: string }).stderr).toMatch(/Unknown option '--prot'/);
    const port = await bad(['--port', 'eighty']);
    expect(port).toMatchObject({ code: 2 });
    expect((port as { stderr: string }).stderr).toMatch(/--port \(PORT\)/);
    const clock = await bad(['--clock', 'fast']);
    expect((clock as { stderr: string }).stderr).toMatch(/--clock \(SIM_CLOCK\): must be real, manual or x<factor>/);
  });

  it('reads options from the environment too', async () => {
    const err = await run(process.execPath, [MAIN], { env: { ...process.env, PORT: 'nope' } }).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
  });

  it('starts, answers health, logs JSON lines, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [MAIN, '--port', '0', '--clock', 'manual'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_command: undefined } });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const health = await (await fetch(`${url}/_sim/health`)).json();
    expect(health).toMatchObject({ status: 'ok' });
    const firstLine = JSON.parse(out.split('\n')[0]);
    expect(firstLine).toMatchObject({ level: 30 });
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });

  it('--version prints the package version and exits 0', async () => {
    const { version } = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync('package.json', 'utf8'))) as { version: string };
    expect((await run(process.execPath, [MAIN, '--version'])).stdout).toBe(`${version}\n`);
    expect((await run(process.execPath, [MAIN, '-v'])).stdout).toBe(`${version}\n`);
  });

  it('an unknown flag suggests the closest one; an unknown command exits 2', async () => {
    const bad = (args: string[]) => run(process.execPath, [MAIN, ...args]).catch((e: { code: number; stderr: string }) => e);
    expect(((await bad(['--prot', '4010'])) as { stderr: string }).stderr).toMatch(/Did you mean --port\?/);
    expect(((await bad(['--senario', 'x'])) as { stderr: string }).stderr).toMatch(/Did you mean --scenario\?/);
    expect(((await bad(['--zzzzzz'])) as { stderr: string }).stderr).not.toMatch(/Did you mean/);
    const command = await bad(['frobnicate']);
    expect(command).toMatchObject({ code: 2 });
    expect((command as { stderr: string }).stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('an unknown --scenario exits 2 (a bad option), naming the known ones', async () => {
    const err = await run(process.execPath, [MAIN, '--port', '0', '--scenario', 'no-such']).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toMatch(/Unknown scenario "no-such" in --scenario \(SIM_SCENARIO\) \(known: .*happy-path/);
  });

  it('says where the UI, the admin API and each provider are, the clock mode and the active scenarios: one JSON line', async () => {
    const cli = await startCli(['--clock', 'x60', '--scenario', 'happy-path']);
    try {
      const [line] = await cli.waitForOutput(/\{[^\n]*"msg":"provider-sim ready"[^\n]*\}/);
      const ready = JSON.parse(line);
      expect(ready).toMatchObject({
        ui: `${cli.url}/_sim/ui`,
        admin: `${cli.url}/_sim`,
        providers: { devino: `${cli.url}/devino/rest`, mobilgroup: `${cli.url}/mobilgroup/api`, voicepassword: `${cli.url}/voicepassword/api/voice-password`, unibell: `${cli.url}/unibell` },
        clock: 'x60',
        scenarios: ['happy-path'],
      });
    } finally {
      await cli.stop();
    }
  });

  it('with --pretty, prints the same as readable lines', async () => {
    const cli = await startCli(['--clock', 'manual', '--pretty']);
    try {
      await cli.waitForOutput(/scenarios +\(none active\)/);
      const out = cli.output();
      expect(out).toContain(`provider-sim is listening on ${cli.url}`);
      expect(out).toMatch(new RegExp(`sandbox UI +${cli.url}/_sim/ui`));
      expect(out).toMatch(new RegExp(`devino +${cli.url}/devino/rest`));
      expect(out).toMatch(/clock +manual/);
    } finally {
      await cli.stop();
    }
  });

  it('logs one line per provider request at info: JSON fields, readable with --pretty, none with --request-log off', { timeout: 90_000 }, async () => {
    const login = (url: string) => fetch(`${url}/devino/rest/User/SessionId?login=user&password=userpasswd`).then((r) => r.text());
    const json = await startCli(['--clock', 'manual']);
    try {
      await login(json.url);
      const [line] = await json.waitForOutput(/\{[^\n]*"msg":"provider request"[^\n]*\}/);
      expect(JSON.parse(line)).toMatchObject({ level: 30, provider: 'devino', operation: 'User/SessionId', account: 'user', status: 200 });
    } finally {
      await json.stop();
    }
    const dir = mkdtempSync(join(tmpdir(), 'provider-sim-cli-'));
    writeFileSync(join(dir, 'two-failures.yaml'), 'name: two-failures\nrules:\n  - match: { provider: devino, operation: Sms/Send }\n    times: 2\n    error: NotEnoughCredits\n');
    const pretty = await startCli(['--clock', 'manual', '--pretty', '--scenarios', dir, '--scenario', 'two-failures']);
    try {
      const sid = JSON.parse(await login(pretty.url)) as string;
      await fetch(`${pretty.url}/devino/rest/Sms/Send`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `SessionID=${sid}&DestinationAddress=79161002030&SourceAddress=DEVINO&Data=x` });
      await pretty.waitForOutput(/devino User\/SessionId account=user → 200 in [\d.]+ ms/);
      await pretty.waitForOutput(/devino Sms\/Send account=\S+ → 403 in [\d.]+ ms \(scenario two-failures#1\)/);
    } finally {
      await pretty.stop();
    }
    const off = await startCli(['--clock', 'manual', '--request-log', 'off']);
    try {
      await login(off.url);
      // The health route is not a provider route: once it answers, the login's line would have been written.
      await off.waitForOutput(/provider-sim ready/);
      await fetch(`${off.url}/_sim/health`);
      expect(await off.stop()).toBe(0);
      expect(off.output()).not.toContain('provider request');
    } finally {
      await off.stop();
    }
  });

  it('started by npm or npx, it shuts down when that parent exits without passing the signal on', { timeout: 60_000 }, async () => {
    // A stand-in for npx: starts the CLI with npm's environment, prints the child's pid, and dies on SIGTERM.
    const starter = `const { spawn } = require('node:child_process');
      const c = spawn(process.execPath, ['dist/main.js', '--port', '0', '--clock', 'manual'], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, npm_command: 'exec' } });
      console.log('child ' + c.pid);`;
    const parent = spawn(process.execPath, ['-e', starter], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const [pid, url] = await new Promise<[number, string]>((resolve, reject) => {
      parent.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const p = /child (\d+)/.exec(out);
        const u = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
        if (p && u) resolve([Number(p[1]), u[1]]);
      });
      parent.on('exit', (code) => reject(new Error(`starter exited ${code}: ${out}`)));
    });
    expect((await fetch(`${url}/_sim/health`)).status).toBe(200);
    parent.kill('SIGTERM');
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toBe(false);
    await expect(fetch(`${url}/_sim/health`)).rejects.toThrow();
    expect(out).toMatch(/shutting down: flushing state/);
  });
});
