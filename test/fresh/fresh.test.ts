// A newcomer's first ten minutes, from a clean clone of what is committed (no node_modules, no
// dist): `npm install` (whose `prepare` builds once), `npm start` answering without a rebuild, the
// browser test skipped without a working Chromium, `npm pack` installed in a scratch project
// (`npx provider-sim`, `import('provider-sim')`), a git-URL install built by `prepare`, the README's
// background recipe stopping cleanly, and the CLI's flags. Slow: npm run test:fresh.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; never throws on a non-zero exit. */
function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd, env: options.env ?? cleanEnv(), timeout: options.timeoutMs ?? 600_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

const bash = (script: string, cwd: string, env?: NodeJS.ProcessEnv) => run('bash', ['-c', script], { cwd, env });

/** The environment of a newcomer's shell: none of the npm script variables of the process running this test. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'INIT_CWD' && k !== 'VITEST' && !k.startsWith('VITEST_')) env[k] = v;
  return { ...env, ...extra };
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function health(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/_sim/health`)).status === 200;
  } catch {
    return false;
  }
}

/** Polls until the port answers health (true) or `ms` real milliseconds pass (false). */
async function untilHealthy(port: number, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (await health(port)) return true;
    await sleep(50);
  }
  return false;
}

/** Polls until nothing listens on the port any more (true) or `ms` pass (false). */
async function untilClosed(port: number, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (!(await health(port))) return true;
    await sleep(100);
  }
  return false;
}

const SOURCE = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: fileURLToPath(new URL('.', import.meta.url)), encoding: 'utf8' }).stdout.trim();
const T = mkdtempSync(join(tmpdir(), 'provider-sim-fresh-'));
const CLONE = join(T, 'clone');
const VERSION = (JSON.parse(readFileSync(join(SOURCE, 'package.json'), 'utf8')) as { version: string }).version;
const NPM_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline'];
const started: number[] = [];
let install: Run;

beforeAll(async () => {
  const clone = await run('git', ['clone', '-q', SOURCE, CLONE], { cwd: T });
  if (clone.code !== 0) throw new Error(`git clone failed: ${clone.stderr}`);
  expect(existsSync(join(CLONE, 'node_modules'))).toBe(false);
  expect(existsSync(join(CLONE, 'dist'))).toBe(false);
  install = await run('npm', ['install', ...NPM_FLAGS], { cwd: CLONE });
});

afterAll(async () => {
  for (const pid of started) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(T, { recursive: true, force: true });
});

/** `npm start -- <args>` in its own process group, as a shell would run it in the background. */
function npmStart(args: string[]) {
  const child = spawn('npm', ['start', '--', ...args], { cwd: CLONE, env: cleanEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child.pid as number);
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, output: () => out, exited };
}

describe('quick start from a clean clone', () => {
  it('npm install succeeds and its `prepare` builds dist/ once', () => {
    expect(install.code, install.stderr).toBe(0);
    expect(existsSync(join(CLONE, 'dist', 'main.js'))).toBe(true);
    expect(existsSync(join(CLONE, 'dist', 'index.d.ts'))).toBe(true);
  });

  it('npm start answers /_sim/health without rebuilding, and stops when npm is killed', async () => {
    const stamp = statSync(join(CLONE, 'dist', '.build-stamp')).mtimeMs;
    for (const round of ['first', 'second']) {
      const port = await freePort();
      const began = performance.now();
      const sim = npmStart(['--port', String(port), '--log-level', 'warn']);
      expect(await untilHealthy(port, 60_000), `${round} start: ${sim.output()}`).toBe(true);
      const ms = Math.round(performance.now() - began);
      process.stderr.write(`fresh: npm start (${round}) answered health after ${ms} ms\n`);
      expect(sim.output()).not.toMatch(/building dist/);
      // What `kill $!` does to `npm start … &`: SIGTERM to npm alone.
      sim.child.kill('SIGTERM');
      await sim.exited;
      expect(await untilClosed(port, 10_000), `still listening on ${port} after npm was killed`).toBe(true);
    }
    expect(statSync(join(CLONE, 'dist', '.build-stamp')).mtimeMs).toBe(stamp);
  });

  it('npm start rebuilds once when a source changed', async () => {
    const file = join(CLONE, 'src', 'main.ts');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
    const port = await freePort();
    const sim = npmStart(['--port', String(port), '--log-level', 'warn']);
    expect(await untilHealthy(port, 240_000), sim.output()).toBe(true);
    expect(sim.output()).toMatch(/sources changed since the last build; building dist/);
    sim.child.kill('SIGTERM');
    await sim.exited;
    expect(await untilClosed(port, 10_000)).toBe(true);
  });
});

describe('the browser test on a machine without a working Chromium', () => {
  const browserTest = (env: NodeJS.ProcessEnv, mask: boolean) =>
    mask
      ? run('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs none /usr/lib/chromium && exec npx vitest run test/ui/ui.browser.test.ts'], { cwd: CLONE, env })
      : run('npx', ['vitest', 'run', 'test/ui/ui.browser.test.ts'], { cwd: CLONE, env });
  /** A newcomer's shell (neither CI nor SIM_REQUIRE_BROWSER), plus `extra`. */
  const noCi = (extra: NodeJS.ProcessEnv = {}) => {
    const env = cleanEnv();
    delete env.CI;
    delete env.SIM_REQUIRE_BROWSER;
    delete env.CHROMIUM_PATH;
    return { ...env, ...extra };
  };
  const canMask = existsSync('/usr/lib/chromium') && spawnSync('unshare', ['-m', 'true']).status === 0;

  it('no Chromium at all: skipped with one line saying how to enable it; with SIM_REQUIRE_BROWSER=1 or CI=true it fails', async () => {
    const skipped = await browserTest(noCi({ CHROMIUM_PATH: '/nonexistent/chromium' }), false);
    expect(skipped.code, skipped.stdout + skipped.stderr).toBe(0);
    const lines = (skipped.stdout + skipped.stderr).split('\n').filter((l) => l.includes('Skipping the sandbox UI browser test'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/no Chromium at \/nonexistent\/chromium.*apt-get install -y chromium.*SIM_REQUIRE_BROWSER=1/);
    for (const required of [{ SIM_REQUIRE_BROWSER: '1' }, { CI: 'true' }]) {
      const failed = await browserTest(noCi({ CHROMIUM_PATH: '/nonexistent/chromium', ...required }), false);
      expect(failed.code, JSON.stringify(required)).not.toBe(0);
      expect(failed.stdout + failed.stderr).toMatch(/The browser test needs a working Chromium/);
    }
  });

  it.skipIf(!canMask)('a Chromium that exists but cannot start (its files masked) counts as missing', async () => {
    const skipped = await browserTest(noCi(), true);
    expect(skipped.code, skipped.stdout + skipped.stderr).toBe(0);
    expect(skipped.stdout + skipped.stderr).toMatch(/Skipping the sandbox UI browser test: Chromium at \/usr\/bin\/chromium does not start/);
    const failed = await browserTest(noCi({ SIM_REQUIRE_BROWSER: '1' }), true);
    expect(failed.code).not.toBe(0);
  });
});

describe('installed as a package', () => {
  let scratch: string;
  let tarball: string;

  beforeAll(async () => {
    const pack = await run('npm', ['pack', '--json', '--pack-destination', T], { cwd: CLONE });
    expect(pack.code, pack.stderr).toBe(0);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(T, info.filename);
    const paths = info.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'LICENSE', 'README.md', 'dist/main.js', 'dist/index.js', 'dist/index.d.ts', 'fixtures/devino.json', 'scenarios/happy-path.yaml']));
    expect(paths.filter((p) => p.startsWith('src/') || p.startsWith('test/') || p === 'dist/.build-stamp')).toEqual([]);
    scratch = join(T, 'scratch');
    mkdirSync(scratch);
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, type: 'module' }));
    const installed = await run('npm', ['install', '-D', tarball, ...NPM_FLAGS], { cwd: scratch });
    expect(installed.code, installed.stderr).toBe(0);
  });

  it('package.json is ready to publish: types, exports, engines, license, files', () => {
    const pkg = JSON.parse(readFileSync(join(scratch, 'node_modules', 'provider-sim', 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ license: 'MIT', engines: { node: '>=20.19' }, types: './dist/index.d.ts', bin: { 'provider-sim': 'dist/main.js' } });
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(existsSync(join(scratch, 'node_modules', 'provider-sim', pkg.types))).toBe(true);
  });

  it('npx provider-sim: --version, --help, and a bad option exits 2 with a suggestion', async () => {
    expect((await run('npx', ['provider-sim', '--version'], { cwd: scratch })).stdout.trim()).toBe(VERSION);
    expect((await run('npx', ['provider-sim', '--help'], { cwd: scratch })).stdout).toMatch(/--request-log <value>/);
    const bad = await run('npx', ['provider-sim', '--prot', '4010'], { cwd: scratch });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--prot'\. Did you mean --port\?/);
    const scenario = await run('npx', ['provider-sim', '--scenario', 'no-such', '--port', '0'], { cwd: scratch });
    expect(scenario.code).toBe(2);
  });

  it("import('provider-sim') starts a simulator in process", async () => {
    const script = `const { startSimulator } = await import('provider-sim');
      const sim = await startSimulator({ seed: 42 });
      const res = await fetch(sim.url + '/_sim/health');
      console.log('health', res.status);
      await sim.close();`;
    const result = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: scratch });
    expect(result.stdout + result.stderr).toContain('health 200');
  });

  it("the README's background recipe, as written, leaves nothing listening once the script ends", async () => {
    const readme = readFileSync(join(CLONE, 'README.md'), 'utf8');
    const block = /### `npx provider-sim` in a script[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, 'the README has the recipe').toBeDefined();
    const port = await freePort();
    // The recipe as written; the project's own test command (the last line) becomes a health check.
    const lines = (block as string).replaceAll('4010', String(port)).trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/npm test$/);
    const script = [...lines.slice(0, -1), `curl -sf http://127.0.0.1:${port}/_sim/health`].join('\n');
    const result = await bash(script, scratch);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('"status":"ok"');
    expect(await untilClosed(port, 10_000), `something still listens on ${port} after the recipe ended`).toBe(true);
  });
});

describe('installed from a git URL', () => {
  it('npm i git+file://… runs `prepare`, so dist/ is there: npx provider-sim and import work', async () => {
    const scratch = join(T, 'git-scratch');
    mkdirSync(scratch);
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'git-scratch', version: '1.0.0', private: true, type: 'module' }));
    const installed = await run('npm', ['install', '-D', `git+file://${CLONE}`, ...NPM_FLAGS], { cwd: scratch });
    expect(installed.code, installed.stderr).toBe(0);
    expect(existsSync(join(scratch, 'node_modules', 'provider-sim', 'dist', 'main.js'))).toBe(true);
    expect((await run('npx', ['provider-sim', '--version'], { cwd: scratch })).stdout.trim()).toBe(VERSION);
    const imported = await run(process.execPath, ['--input-type=module', '-e', "const m = await import('provider-sim'); console.log(typeof m.startSimulator);"], { cwd: scratch });
    expect(imported.stdout.trim()).toBe('function');
  });
});
