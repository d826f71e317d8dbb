// A simulator (or a callback receiver) for the file or describe block that asks for one: the
// hooks that start, reset and stop it are registered here, so a test file says what it needs in
// one line instead of repeating `let s; beforeAll(start); afterAll(close); beforeEach(reset)`.
//
//   const s = useSimulator();                                     // one for the block, reset before each test
//   const s = useSimulator({ config: { bodyLimit: 2048 }, eachTest: 'keep' });
//   const s = useSimulator({ eachTest: 'fresh' });                // a new one for every test
//
// The object returned stands for the instance of the moment, so it is declared at describe level
// and used inside tests and hooks. Hooks, not vitest's `test.extend` fixtures: those hand the
// server to each test through its context argument, which would change every test's signature
// (and `it.each`'s argument order) and every helper that closes over `s`; hooks keep the tests as
// they are, and the usual hook order holds (before hooks in the order registered, after hooks in
// reverse: a block's own beforeEach runs after the fixture's, its afterEach before the close).
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startReceiver, type Receiver } from '../../src/conformance/receiver.js';
import type { ConfigInput } from '../../src/core/config.js';
import { startServer, type TestServer } from './server.js';

/**
 * Between two tests of the block: `reset` the one instance (the simulator's reset; a receiver
 * forgets its hits), `keep` it as the last test left it, or start a `fresh` one for every test.
 */
export type EachTest = 'reset' | 'keep' | 'fresh';

export interface SimulatorFixtureOptions {
  /** Configuration over startServer()'s test defaults; a function is called as the simulator starts (for a directory an earlier hook makes). */
  config?: ConfigInput | (() => ConfigInput);
  /** Default `reset`. */
  eachTest?: EachTest;
}

export interface ReceiverFixtureOptions {
  /** Read each request and never answer it (the sender's time-out ends the exchange). */
  hang?: boolean;
  /** Default `reset`. */
  eachTest?: EachTest;
}

interface Lifecycle<T> {
  what: string;
  start(): Promise<T>;
  stop(instance: T): Promise<void>;
  reset(instance: T): void;
}

/** Registers the hooks for one instance and returns a stand-in that reads the current one. */
function useInstance<T extends object>({ what, start, stop, reset }: Lifecycle<T>, eachTest: EachTest): T {
  let current: T | undefined;
  const up = async () => {
    current = await start();
  };
  const down = async () => {
    const instance = current;
    current = undefined;
    if (instance) await stop(instance);
  };
  if (eachTest === 'fresh') {
    beforeEach(up);
    afterEach(down);
  } else {
    beforeAll(up);
    afterAll(down);
    if (eachTest === 'reset')
      beforeEach(() => {
        if (current) reset(current);
      });
  }
  const now = (): T => {
    if (!current) throw new Error(`${what} exists only inside the tests and hooks of the block that asked for it`);
    return current;
  };
  return new Proxy({} as T, {
    get(_, key) {
      const instance = now();
      const value: unknown = Reflect.get(instance, key);
      return typeof value === 'function' ? value.bind(instance) : value;
    },
    has: (_, key) => key in now(),
  });
}

/** A simulator on a free loopback port (startServer()), for the calling file or describe block. */
export function useSimulator({ config = {}, eachTest = 'reset' }: SimulatorFixtureOptions = {}): TestServer {
  return useInstance(
    {
      what: 'useSimulator()',
      start: () => startServer(typeof config === 'function' ? config() : config),
      stop: (s) => s.close(),
      reset: (s) => s.sim.reset(),
    },
    eachTest,
  );
}

/** A local callback receiver (the conformance suite's), for the calling file or describe block. */
export function useReceiver({ hang, eachTest = 'reset' }: ReceiverFixtureOptions = {}): Receiver {
  return useInstance(
    {
      what: 'useReceiver()',
      start: () => startReceiver({ hang }),
      stop: (r) => r.close(),
      reset: (r) => {
        r.hits.length = 0;
      },
    },
    eachTest,
  );
}
