#!/usr/bin/env node
// Builds dist/ (tsc for the library and its types, then esbuild for the one-file CLI and the sandbox
// UI's script) and leaves a
// stamp. `--if-stale` builds only when a source file is newer than the stamp, so `npm start` and
// `npm test` after `npm install` (whose `prepare` built once) cost a directory walk, not a build.
// In an installed package there is no src/: nothing to do.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(root, 'dist', '.build-stamp');
const INPUTS = ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

function newestMtime(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted or renamed file changes its directory's time
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/ is missing or older than a source file. */
export function isStale() {
  const stamp = statSync(STAMP, { throwIfNoEntry: false });
  if (!stamp || !existsSync(join(root, 'dist', 'main.js'))) return true;
  return Math.max(...INPUTS.map((p) => newestMtime(join(root, p)))) > stamp.mtimeMs;
}

export async function build() {
  const require = createRequire(import.meta.url);
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error(`tsc failed (exit ${tsc.status})`);
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(root, 'src', 'main.ts')],
    outfile: join(root, 'dist', 'main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    allowOverwrite: true,
    logLevel: 'warning',
  });
  // The sandbox UI's script (src/ui/client.ts builds it the same way in memory when run from src/).
  await esbuild.build({
    entryPoints: [join(root, 'src', 'ui', 'app', 'main.ts')],
    outfile: join(root, 'dist', 'ui', 'app.js'),
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    allowOverwrite: true,
    logLevel: 'warning',
  });
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

/** Builds when needed; false when there is nothing to build from (an installed package). */
export async function ensureBuilt({ quiet = false } = {}) {
  if (!existsSync(join(root, 'src'))) return false;
  if (!isStale()) return true;
  if (!quiet) process.stderr.write('provider-sim: sources changed since the last build; building dist/ …\n');
  await build();
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifStale = process.argv.includes('--if-stale');
  try {
    if (ifStale) await ensureBuilt({ quiet: true });
    else await build();
  } catch (err) {
    process.stderr.write(`build: ${err.message}\n`);
    process.exit(1);
  }
}
