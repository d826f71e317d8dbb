// The fixtures keep their promise between tests: `reset` shares one instance and forgets what a test
// changed, `keep` shares it as left, `fresh` starts a new one; outside a test the stand-in says why
// it has nothing to give. (The tests of each block run in order and depend on it.)
import { describe, expect, it } from 'vitest';
import { readJson, type TestServer } from './server.js';
import { useReceiver, useSimulator } from './useSimulator.js';

const active = async (s: TestServer): Promise<string[]> => (await readJson(await s.call('/_sim/scenarios'))).active;
const activate = (s: TestServer) => s.call('/_sim/scenarios/happy-path/activate', { method: 'POST' });

describe("eachTest: 'reset'", () => {
  const s = useSimulator();
  const rx = useReceiver();
  const seen: string[] = [];

  it('a test changes the state and the receiver gets a hit', async () => {
    seen.push(s.url);
    await activate(s);
    expect(await active(s)).toEqual(['happy-path']);
    await fetch(`${rx.url}/x`);
    expect(rx.hits).toHaveLength(1);
  });

  it('the next test has the same simulator, reset, and a receiver with no hits', async () => {
    expect(s.url).toBe(seen[0]);
    expect(await active(s)).toEqual([]);
    expect(rx.hits).toEqual([]);
  });
});

describe("eachTest: 'keep'", () => {
  const s = useSimulator({ eachTest: 'keep' });

  it('a test changes the state', async () => {
    await activate(s);
  });

  it('the next test finds it as it was left', async () => {
    expect(await active(s)).toEqual(['happy-path']);
  });
});

describe("eachTest: 'fresh', with a configuration made when the simulator starts", () => {
  let made = 0;
  const s = useSimulator({ config: () => ({ seed: ++made }), eachTest: 'fresh' });
  const seen: string[] = [];

  it('a test changes the state', async () => {
    seen.push(s.url);
    await activate(s);
    expect(s.sim.ctx.config.seed).toBe(1);
  });

  it('the next test has a new simulator', async () => {
    expect(s.url).not.toBe(seen[0]);
    expect(await active(s)).toEqual([]);
    expect(s.sim.ctx.config.seed).toBe(2);
  });
});

describe('outside the tests and hooks', () => {
  const s = useSimulator({ eachTest: 'fresh' });
  const early = (() => {
    try {
      return s.url;
    } catch (error) {
      return (error as Error).message;
    }
  })();

  it('the stand-in says where the simulator exists', () => {
    expect(early).toBe('useSimulator() exists only inside the tests and hooks of the block that asked for it');
  });
});
