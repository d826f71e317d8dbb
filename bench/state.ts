// Pre-generates a data file holding N delivered Devino SMS (far faster than sending them over HTTP),
// through the simulator's own store: one real SMS is sent and delivered, then copied N times into the
// Devino slice, and closing the simulator writes the data file. The longest event-loop block while it
// writes is the persistence figure at that size.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { buildSimulator } from '../src/app.js';
import { pushIndexed, type DevinoState, type SmsRecord } from '../src/providers/devino/store.js';
import type { Store } from '../src/core/store.js';

export async function generateState(file: string, fixtures: string, count: number): Promise<{ maxBlockMs: number; sampleId: string }> {
  const sim = await buildSimulator({ data: file, fixtures, clock: 'manual', logLevel: 'silent' });
  const sid = JSON.parse((await sim.app.inject({ url: '/devino/rest/User/SessionId?login=user&password=userpasswd' })).body) as string;
  const sent = await sim.app.inject({
    method: 'POST',
    url: '/devino/rest/Sms/Send',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ SessionID: sid, DestinationAddress: '79161002030', SourceAddress: 'DEVINO', Data: 'Hello from the benchmark' }).toString(),
  });
  const [firstId] = JSON.parse(sent.body) as string[];
  sim.ctx.clock.advance(60_000);
  // The slice as the Devino plugin registered it: a second registration would throw, so reach it through a probe store.
  const slice = devinoSlice(sim.ctx.store);
  const template = slice.state.sms.get(firstId) as SmsRecord;
  const now = sim.ctx.clock.now();
  const base = now - count - 60_000;
  for (let i = 0; i < count; i++) {
    const t = base + i;
    const id = `GW02${i.toString(16).toUpperCase().padStart(8, '0')}`;
    const rec: SmsRecord = {
      ...template,
      id,
      to: `7916${String(i % 10_000_000).padStart(7, '0')}`,
      createdAt: t,
      sendAt: t,
      expiresAt: t + 86_400_000,
      submittedAt: t + 1000,
      reportedAt: t + 6000,
      updatedAt: t + 6000,
      plan: { ...template.plan },
      // Flat [state, at, …]: every odd entry is a time.
      history: template.history.map((v, i) => (i % 2 === 1 ? v - template.createdAt + t : v)),
    };
    slice.state.sms.set(id, rec);
    pushIndexed(slice.state.smsByAccount, rec.account, rec);
  }
  slice.changed();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  await new Promise((r) => setTimeout(r, 20));
  loop.reset();
  await sim.close();
  loop.disable();
  return { maxBlockMs: loop.max / 1e6, sampleId: `GW02${Math.floor(count / 2).toString(16).toUpperCase().padStart(8, '0')}` };
}

/** The Devino slice of a built simulator's store. */
function devinoSlice(store: Store) {
  const slice = store.sliceOf<DevinoState>('devino');
  if (!slice) throw new Error('the simulator has no devino slice');
  return slice;
}

// `node --import tsx bench/state.ts <file> <fixtures> <count>`: generates in a process of its own, so
// the event-loop figure is the simulator's alone, not shaped by the bench process's earlier garbage.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, fixtures, count] = process.argv.slice(2);
  process.stdout.write(`${JSON.stringify(await generateState(file, fixtures, Number(count)))}\n`);
}
