// The simulator as a user runs it: the built CLI (`node dist/main.js`) in its own process on a free
// port with a manual clock. Tests that need the build (exports, processes) rebuild it here when stale.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `npm test` builds before vitest; a bare `vitest run` after a source change rebuilds here (the same build as `npm run build`: library, CLI and the UI bundle) so the process runs today's code. */
export function ensureBuilt() {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--if-stale'], { cwd: ROOT, stdio: 'pipe' });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RunningSimulator {
  url: string;
  stop(): Promise<void>;
}

export async function startBuiltSimulator(): Promise<RunningSimulator> {
  ensureBuilt();
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'dist/main.js'), '--port', String(port), '--host', '127.0.0.1', '--clock', 'manual', '--seed', '7', '--log-level', 'warn'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SIM_ADMIN_TOKEN: '', SIM_SCENARIO: '', SIM_DATA: '' } },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the simulator exited with ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`${url}/_sim/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the simulator did not become healthy: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}


