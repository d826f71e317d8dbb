// An adapter in another language, through a driver process: the kit spawns the command, speaks
// protocol 1 (JSON lines, docs/conformance-protocol.md) on its stdin and stdout, and turns each
// operation call into one message, one outstanding at a time. A driver that answers garbage, exits
// or does not answer in time fails every call from then on with that reason, so a run never hangs.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { contractOfProvider } from './contract.js';
import { CallbackRequestMessage, CallRequest, HelloReply, HelloRequest, PROTOCOL_VERSION, ResultReply } from './protocol.js';
import type { AdapterFactory, AdapterInit, CallbackRequest, Credentials, OperationAdapter, OperationParams } from './types.js';
import { ProviderCallError } from './wire.js';
import type { z } from 'zod';

export interface DriverOptions {
  /** The shell command that starts the driver, e.g. `python3 driver.py`. */
  command: string;
  cwd?: string;
  /** Real milliseconds a driver may take to answer one message (default 10 000). */
  callTimeoutMs?: number;
  /** Real milliseconds a driver may take to start and answer hello (default 30 000). */
  helloTimeoutMs?: number;
  /** Each line the driver writes to stderr (default: dropped; the last lines go into failure messages). */
  onLog?(line: string): void;
}

class DriverBroken extends Error {
  override name = 'DriverError';
}

const sameCredentials = (a: Credentials, b: Credentials) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

export async function driverAdapter(init: AdapterInit, options: DriverOptions): Promise<OperationAdapter> {
  const callTimeoutMs = options.callTimeoutMs ?? 10_000;
  const child: ChildProcess = spawn(options.command, { shell: true, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  const log: string[] = [];
  let broken: string | undefined;
  let waiting: { resolve(line: string): void; reject(err: Error): void } | undefined;
  const lines: string[] = [];

  const tail = () => (log.length ? `; its last log lines:\n  ${log.slice(-5).join('\n  ')}` : '');
  const breakWith = (reason: string) => {
    if (broken) return;
    broken = reason;
    waiting?.reject(new DriverBroken(`${reason}${tail()}`));
    waiting = undefined;
    if (child.exitCode === null) child.kill('SIGKILL');
  };

  createInterface({ input: child.stderr! }).on('line', (line) => {
    log.push(line);
    if (log.length > 50) log.shift();
    options.onLog?.(line);
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.trim()) return;
    if (waiting) {
      const w = waiting;
      waiting = undefined;
      w.resolve(line);
    } else lines.push(line);
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      breakWith(`the driver exited (${signal ?? `code ${code}`})`);
      resolve();
    }),
  );
  child.once('error', (err) => breakWith(`the driver could not start: ${err.message}`));
  child.stdin!.on('error', () => undefined);

  async function exchange<S extends z.ZodType>(message: unknown, schema: S, what: string, timeoutMs = callTimeoutMs): Promise<z.infer<S>> {
    if (broken) throw new DriverBroken(`${broken}${tail()}`);
    child.stdin!.write(`${JSON.stringify(message)}\n`);
    const line = lines.shift() ?? (await new Promise<string>((resolve, reject) => {
      if (broken) return reject(new DriverBroken(`${broken}${tail()}`));
      const timer = setTimeout(() => breakWith(`the driver did not answer ${what} within ${timeoutMs / 1000} s`), timeoutMs);
      waiting = {
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    }));
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      breakWith(`the driver answered ${what} with a line that is not JSON: ${line.slice(0, 200)}`);
      throw new DriverBroken(`${broken}${tail()}`);
    }
    const checked = schema.safeParse(parsed);
    if (!checked.success) {
      breakWith(`the driver answered ${what} with a message protocol ${PROTOCOL_VERSION} does not allow: ${line.slice(0, 200)} (${checked.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ')})`);
      throw new DriverBroken(`${broken}${tail()}`);
    }
    return checked.data;
  }

  const hello = await exchange(
    { type: 'hello', protocol: PROTOCOL_VERSION, provider: init.provider, baseUrl: init.baseUrl, credentials: init.credentials } satisfies z.infer<typeof HelloRequest>,
    HelloReply,
    'hello',
    options.helloTimeoutMs ?? 30_000,
  );
  const known = new Set(contractOfProvider(init.provider).operations.map((o) => o.operationId));
  const unknown = hello.operations.filter((op) => !known.has(op));
  if (unknown.length) {
    breakWith(`the driver declares operations ${init.provider} does not have: ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
    throw new DriverBroken(broken ?? '');
  }

  let nextId = 1;
  // One message outstanding at a time: a suite's concurrent calls wait their turn.
  let turn: Promise<unknown> = Promise.resolve();
  function result(message: { id: number }, what: string): Promise<unknown> {
    const mine = turn.then(() => exchangeResult(message, what));
    turn = mine.catch(() => undefined);
    return mine;
  }
  async function exchangeResult(message: { id: number }, what: string): Promise<unknown> {
    const reply = await exchange(message, ResultReply, what);
    if (reply.id !== message.id) {
      breakWith(`the driver answered ${what} with the id ${reply.id}`);
      throw new DriverBroken(broken ?? '');
    }
    if (reply.ok) return reply.value;
    const { code, message: text = '' } = reply.error;
    if (code === undefined) throw new Error(`the driver failed ${what}: ${text}`);
    throw new ProviderCallError(String(code), text);
  }

  return {
    operations: hello.operations,
    sessions: hello.sessions ?? 'explicit',
    callbacks: hello.callbacks ?? [],
    call(operation: string, params: OperationParams, credentials: Credentials) {
      const message: z.infer<typeof CallRequest> = { type: 'call', id: nextId++, operation, params };
      if (!sameCredentials(credentials, init.credentials)) message.credentials = credentials;
      return result(message, `call ${message.id} (${operation})`);
    },
    async parseCallback(callback: string, request: CallbackRequest) {
      const message: z.infer<typeof CallbackRequestMessage> = { type: 'callback', id: nextId++, callback, request };
      const value = await result(message, `callback ${message.id} (${callback})`);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`the driver parsed the ${callback} callback into ${JSON.stringify(value)}, not an object of its fields`);
      return value as Record<string, unknown>;
    },
    async close() {
      child.stdin!.end();
      const grace = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(grace);
    },
  };
}

/** The adapter factory of a driver command, for runConformance. */
export const driver = (options: DriverOptions): AdapterFactory => (init) => driverAdapter(init, options);

/**
 * The other side, for a driver written in JavaScript or TypeScript: serves protocol 1 on this
 * process's stdin and stdout with an adapter built on hello.
 */
export function serveDriver(factory: AdapterFactory, io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = { input: process.stdin, output: process.stdout }) {
  let adapter: OperationAdapter | undefined;
  let credentials: Credentials = {};
  const send = (message: unknown) => io.output.write(`${JSON.stringify(message)}\n`);
  const answer = async (id: number, run: () => Promise<unknown>) => {
    try {
      send({ type: 'result', id, ok: true, value: (await run()) ?? null });
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      send({ type: 'result', id, ok: false, error: { ...(code === undefined ? {} : { code: String(code) }), message: (err as Error).message } });
    }
  };
  let queue = Promise.resolve();
  createInterface({ input: io.input }).on('line', (line) => {
    queue = queue.then(async () => {
      const message = JSON.parse(line) as { type: string; id: number } & Record<string, unknown>;
      if (message.type === 'hello') {
        const hello = HelloRequest.parse(message);
        credentials = hello.credentials;
        adapter = await factory({ provider: hello.provider, baseUrl: hello.baseUrl, credentials });
        send({ type: 'hello', operations: adapter.operations, sessions: adapter.sessions ?? 'explicit', callbacks: adapter.callbacks ?? [] });
      } else if (message.type === 'call') {
        const call = CallRequest.parse(message);
        await answer(call.id, () => (adapter as OperationAdapter).call(call.operation, call.params, call.credentials ?? credentials));
      } else if (message.type === 'callback') {
        const cb = CallbackRequestMessage.parse(message);
        await answer(cb.id, async () => (adapter as OperationAdapter).parseCallback?.(cb.callback, cb.request));
      }
    });
  });
}
