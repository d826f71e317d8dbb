// The CLI as a user runs it: the built dist/main.js in its own process (npm test builds first).
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

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
    const child = spawn(process.execPath, [MAIN, '--port', '0', '--clock', 'manual'], { stdio: ['ignore', 'pipe', 'pipe'] });
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
});
