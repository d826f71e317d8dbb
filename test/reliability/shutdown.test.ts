// Closing the simulator (SIGTERM, `sim.close()`) must not wait on a client: a browser keeps
// preconnected sockets that never send a request, and Node's own close waits on those for ever.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/index.js';

describe('shutdown', () => {
  it('a connection that never sent a request does not hold the close', async () => {
    const sim = await startSimulator({ logLevel: 'silent' });
    const { port, hostname } = new URL(sim.url);
    const socket = connect(Number(port), hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    const ended = new Promise((resolve) => socket.once('close', resolve));
    // Before the fix this never resolved (the test's time-out failed it).
    await sim.close();
    await ended;
    expect(socket.destroyed).toBe(true);
  }, 15_000);
});
