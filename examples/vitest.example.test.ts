// Example: an application's vitest suite that sends SMS through Devino, run against the simulator
// in the test process. Copy it into your project and change the one import:
//   import { startSimulator, type RunningSimulator } from 'provider-sim';
// (here it imports the source, and test/inprocess.test.ts runs it with the project's suite).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../src/index.js';

/** Stands in for the application's code under test: logs in to Devino and sends one SMS. */
async function sendLoginCode(devinoBaseUrl: string, phone: string, code: string): Promise<string> {
  const login = await fetch(`${devinoBaseUrl}/User/SessionId?login=user&password=userpasswd`);
  const session = (await login.json()) as string;
  const res = await fetch(`${devinoBaseUrl}/Sms/Send`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ SessionID: session, SourceAddress: 'DEVINO', DestinationAddress: phone, Data: `Your code: ${code}` }),
  });
  const body = (await res.json()) as string[] | { Code: number; Desc: string };
  if (!Array.isArray(body)) throw new Error(`Devino error ${body.Code}: ${body.Desc}`);
  return body[0];
}

describe('example: login codes by SMS, against provider-sim in-process', () => {
  let sim: RunningSimulator;
  let devino: string;

  beforeAll(async () => {
    // Manual clock by default: time moves only when the test says so.
    sim = await startSimulator({ seed: 42 });
    devino = `${sim.url}/devino/rest`;
  });
  afterAll(() => sim.close());
  // Every test starts from the fixtures (and the start-up scenarios, here none).
  beforeEach(() => sim.reset());

  it('the code is delivered within seconds', async () => {
    const id = await sendLoginCode(devino, '79161234567', '4821');
    await sim.clock.advance('10s');
    const [sms] = await sim.messages({ provider: 'devino', kind: 'sms', id });
    expect(sms.state).toBe('0'); // Devino's «Доставлено абоненту»
    expect(sms.history.map((h) => h.state)).toEqual(['-2', '-1', '0']);
  });

  it('waits for the delivery event instead of polling', async () => {
    const id = await sendLoginCode(devino, '79161234567', '1111');
    const delivered = sim.waitFor('record.state', (e) => e.id === id && e.state === '0');
    await sim.clock.advance('1m');
    expect((await delivered).previous).toBe('-1');
  });

  it('a phone that is off: the SMS expires after its validity (magic number)', async () => {
    const id = await sendLoginCode(devino, '79990000002', '2222');
    await sim.clock.advance('2h');
    expect((await sim.messages({ id }))[0].state).toBe('-1');
    await sim.clock.advance('1d');
    expect((await sim.messages({ id }))[0].state).toBe('46'); // «Просрочено»
  });

  it('money runs out after three sends (a ready scenario)', async () => {
    sim.useScenario('out-of-money');
    for (let i = 0; i < 3; i++) await sendLoginCode(devino, '79161234567', String(i));
    await expect(sendLoginCode(devino, '79161234567', '3')).rejects.toThrow(/Devino error 5/);
  });
});
