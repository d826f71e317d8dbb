#!/usr/bin/env node
// `npm start`: build only if a source changed since the last build (`npm install` built once, through
// `prepare`), then run the CLI in this same process. One process: npm's signal, or npm's own exit,
// reaches the simulator directly (see parentWatch in src/main.ts). `npm run dev` watches instead.
import { ensureBuilt } from './build.mjs';

try {
  await ensureBuilt();
} catch (err) {
  process.stderr.write(`provider-sim: build failed: ${err.message}\n`);
  process.exit(1);
}
// A person at a terminal reads the readable form; a pipe (CI, a log collector) keeps JSON lines.
if (process.stdout.isTTY && process.env.SIM_PRETTY === undefined && !process.argv.includes('--pretty')) process.argv.push('--pretty');
await import('../dist/main.js');
