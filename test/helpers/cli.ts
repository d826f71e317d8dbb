// The built CLI (dist/main.js) in a process of its own, as a user runs it: start it, wait until it
// listens, read what it printed, stop it.
import { spawn, type ChildProcess } from 'node:child_process';

export interface CliProcess {
  child: ChildProcess;
  url: string;
  /** Everything printed on stdout so far. */
  output(): string;
  /** Waits until stdout matches, or fails after `timeoutMs` real time. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<number | null>;
}

export async function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliProcess> {
  const child = spawn(process.execPath, ['dist/main.js', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_command: undefined, ...env } });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const l of listeners) l();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const waitForOutput = (pattern: RegExp, timeoutMs = 15_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(out);
        if (!m) return;
        finish();
        resolve(m);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no ${pattern} in output within ${timeoutMs} ms:\n${out}\n${err}`));
      }, timeoutMs);
      const onExit = (code: number | null) => {
        finish();
        reject(new Error(`exited ${code} before ${pattern}:\n${out}\n${err}`));
      };
      const finish = () => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off('exit', onExit);
      };
      listeners.add(check);
      child.on('exit', onExit);
      check();
    });
  const [, url] = await waitForOutput(/(http:\/\/127\.0\.0\.1:\d+)/);
  return {
    child,
    url,
    output: () => out,
    waitForOutput,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.on('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}
