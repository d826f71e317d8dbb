// The built CLI in its own process, as a user runs it: `node dist/main.js --data <file> …`, with
// its exit code, signal and stderr kept for the test to inspect.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from '../helpers/built.js';

export interface SimProcess {
  url: string;
  child: ChildProcess;
  stderr(): string;
  stdout(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startCli(args: string[], port?: number): Promise<SimProcess> {
  ensureBuilt();
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, [join(ROOT, 'dist/main.js'), '--port', String(p), '--host', '127.0.0.1', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SIM_ADMIN_TOKEN: '', SIM_SCENARIO: '', SIM_DATA: '', SIM_CLOCK: '' },
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${p}`;
  const deadline = performance.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the simulator exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/_sim/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the simulator did not become healthy: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { url, child, stderr: () => stderr, stdout: () => stdout, exited };
}

/** Stops a process the test started, whatever state it is in. */
export async function stopCli(p: SimProcess | undefined) {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGKILL');
  await p.exited;
}
