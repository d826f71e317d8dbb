// The kit as an installed package: `npm pack`, then `npm install <tarball>` (with vitest) in a
// scratch project, then what a user does there: type-check and run a vitest file that imports
// `provider-sim/conformance`, read `npx provider-sim conform --help`, and run the Python example
// driver through the installed CLI. Slow (an npm install), so it is one test in a file of its own.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../helpers/built.js';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'provider-sim-kit-'));
// Deleting a node_modules tree is slow on a loaded machine.
afterAll(() => rm(scratch, { recursive: true, force: true }), 120_000);

const USER_TEST = `import { beforeAll, describe, expect, it } from 'vitest';
import { referenceAdapter, registerConformance, type AdapterFactory, type ConformanceReport } from 'provider-sim/conformance';

// A partial adapter: only the balance.
const unibell: AdapterFactory = ({ baseUrl }) => ({ ...referenceAdapter('unibell', { baseUrl }), operations: ['getBalance'] });
let report: ConformanceReport | undefined;
registerConformance({ unibell }, { describe, it, beforeAll }, { onReport: (r) => (report = r) });
it('the report says what ran', () => {
  expect(report?.ok).toBe(true);
  expect(report?.passed).toBeGreaterThan(0);
  expect(report?.notCovered).toBeGreaterThan(0);
});
`;

it('installs from a tarball: typed imports of provider-sim/conformance, vitest in the user project, the conform command', async () => {
  ensureBuilt();
  const { stdout: packed } = await run('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: ROOT });
  const tarball = join(scratch, packed.trim().split('\n').pop() ?? '');
  const project = join(scratch, 'project');
  mkdirSync(join(project, 'test'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', type: 'module', private: true }));
  writeFileSync(join(project, 'test/kit.test.ts'), USER_TEST);
  const vitestVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/vitest/package.json'), 'utf8')) as { version: string }).version;
  await run('npm', ['install', tarball, `vitest@${vitestVersion}`, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: project });

  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const typeRoots = join(ROOT, 'node_modules/@types');
  const npx = (args: string[]) => run('npx', args, { cwd: project, maxBuffer: 16 << 20 });
  const [types, vitest, help, conform] = await Promise.all([
    run(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', '--typeRoots', typeRoots, 'test/kit.test.ts'], { cwd: project }).then(
      () => 'ok',
      (err: { stdout?: string }) => err.stdout ?? String(err),
    ),
    npx(['vitest', 'run']),
    npx(['provider-sim', 'conform', '--help']),
    npx(['provider-sim', 'conform', '--provider', 'devino', '--driver', `python3 ${join(ROOT, 'examples/conformance/devino_driver.py')}`, '--quiet']),
  ]);
  expect(types).toBe('ok');
  expect(vitest.stdout).toMatch(/Tests\s+.*2 passed/);
  for (const flag of ['--driver', '--provider', '--url', '--junit']) expect(help.stdout).toContain(`  ${flag} `);
  expect(conform.stdout).toMatch(/\d+ passed, 0 failed, \d+ not covered\n/);
}, 300_000);
