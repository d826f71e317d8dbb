// A bounded soak: mixed traffic from all four providers at a steady rate against a simulator with a
// data file and a real clock (lifecycles run, callbacks go to a local receiver, some of them to one
// that answers 500 so retries pile up), for SOAK_SECONDS (default 120), loopback only. Then it stops
// the simulator (SIGTERM's path: flush and close), starts a new one on the same file and checks that
// every record made during the run and every balance came back.
// Passes (exit 0) when: no request got an unexpected answer; nothing was logged at error level; the
// bounded structures stayed within their limits; the heap grew with the stored records only (no
// faster in the second half than in the first); no state was lost across the restart.
// Run: npm run soak   (SOAK_SECONDS=30 SOAK_RATE=100 npm run soak for a shorter one)
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSimulator, type Simulator } from '../src/app.js';
import { providers } from '../src/providers/index.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 120);
const RATE = Number(process.env.SOAK_RATE ?? 200);
const MAX_IN_FLIGHT = 64;
const SAMPLE_MS = 5_000;
const JOURNAL_SIZE = 1_000;

const gc = (globalThis as { gc?: () => void }).gc;
const heapNow = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const pct = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]);

async function receiver(status: number): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    req.resume();
    req.on('end', () => res.writeHead(status).end(status === 200 ? 'OK' : 'nope'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`, hits: () => hits };
}

async function start(data: string): Promise<{ sim: Simulator; url: string }> {
  const sim = await buildSimulator({ data, logLevel: 'warn', clock: 'real', journalSize: JOURNAL_SIZE, port: 0 });
  const url = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  return { sim, url };
}

interface Op {
  provider: string;
  name: string;
  run(): Promise<boolean>;
}

async function main() {
  if (!gc) process.stderr.write('soak: run with --expose-gc (npm run soak does) for exact heap figures\n');
  const dir = await mkdtemp(join(tmpdir(), 'provider-sim-soak-'));
  const data = join(dir, 'state.json');
  const ok = await receiver(200);
  const failing = await receiver(500);
  let { sim, url } = await start(data);
  const errors: string[] = [];
  sim.app.log.error = ((...args: unknown[]) => errors.push(`logged error: ${JSON.stringify(args).slice(0, 300)}`)) as typeof sim.app.log.error;

  const call = (path: string, init?: RequestInit) => fetch(url + path, init);
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    call(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const admin = (path: string, method: string, body: unknown) => call(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  // Money never runs out during the run: every account the traffic uses gets a large balance.
  for (const [provider, id] of [['devino', 'user'], ['mobilgroup', 'demo'], ['voicepassword', 'demo'], ['unibell', '0000000000']]) {
    const res = await admin(`/_sim/accounts/${provider}/${id}`, 'PATCH', { balance: 1e9 });
    if (res.status !== 200) throw new Error(`could not top up ${provider}/${id}: ${res.status} ${await res.text()}`);
  }
  const appRes = await admin('/_sim/unibell/apps/d8ac9959r12b43545da9034', 'PATCH', { startCallbackUrl: `${ok.url}/start`, endCallbackUrl: `${ok.url}/end` });
  if (appRes.status !== 200) throw new Error(`could not point the unibell app at the receiver: ${appRes.status}`);
  const sid = (await (await call('/devino/rest/User/SessionId?login=user&password=userpasswd')).json()) as string;

  const created: { provider: string; kind: string; id: string }[] = [];
  sim.ctx.events.on('record.created', (e) => created.push({ provider: e.provider, kind: e.kind, id: e.id }));

  let n = 0;
  const smsIds: string[] = [];
  const broadcastIds: string[] = [];
  const vpIds: string[] = [];
  let vpSends = 0;
  const pick = (list: string[]) => list[Math.floor(list.length * ((n * 7919) % 1000) / 1000)];
  const MG = { authorization: 'demo-mobilgroup-key' };
  const VP = { authorization: 'demo-voicepassword-key' };
  const UB = { 'x-authorization': 'AccessKey d8ac9959r12b43545da9034' };
  const phone = () => `7916${String(1_000_000 + (n % 8_000_000)).padStart(7, '0')}`;

  const ops: Op[] = [
    {
      provider: 'devino',
      name: 'Sms/Send',
      async run() {
        const res = await call('/devino/rest/Sms/Send', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ SessionID: sid, DestinationAddress: phone(), SourceAddress: 'DEVINO', Data: `soak ${n}` }).toString(),
        });
        const ids = (await res.json()) as string[];
        if (res.status !== 200 || !Array.isArray(ids)) return false;
        smsIds.push(...ids);
        return true;
      },
    },
    {
      provider: 'devino',
      name: 'Sms/State',
      async run() {
        if (smsIds.length === 0) return true;
        const res = await call(`/devino/rest/Sms/State?SessionID=${sid}&MessageID=${pick(smsIds)}`);
        const body = (await res.json()) as { State: number };
        return res.status === 200 && body.State !== 255;
      },
    },
    {
      provider: 'mobilgroup',
      name: 'send',
      async run() {
        const res = await post('/mobilgroup/api/send/', { settings: { message: 'Проверка связи', number: '74951234567' }, subscribers: [{ phone: phone() }] }, MG);
        const body = (await res.json()) as { result: string; id: string };
        if (body.result !== 'ok') return false;
        broadcastIds.push(body.id);
        return true;
      },
    },
    {
      provider: 'mobilgroup',
      name: 'get state',
      async run() {
        if (broadcastIds.length === 0) return true;
        const body = (await (await post('/mobilgroup/api/get/', { request: 'state', id: pick(broadcastIds) }, MG)).json()) as { result: string };
        return body.result === 'ok';
      },
    },
    {
      provider: 'voicepassword',
      name: 'send',
      async run() {
        // One callback in ten goes to a receiver that answers 500: its retries fill the queue for a while.
        const callback = vpSends++ % 10 === 0 ? failing.url : ok.url;
        const body = (await (await post('/voicepassword/api/voice-password/send/', { number: phone(), capacity: 4, callback_url: callback }, VP)).json()) as { result: string; id: string };
        if (body.result !== 'ok') return false;
        vpIds.push(body.id);
        return true;
      },
    },
    {
      provider: 'voicepassword',
      name: 'get state',
      async run() {
        if (vpIds.length === 0) return true;
        const body = (await (await post('/voicepassword/api/voice-password/get/', { request: 'state', id: pick(vpIds) }, VP)).json()) as { result: string };
        return body.result === 'ok';
      },
    },
    {
      provider: 'unibell',
      name: 'apps/activate',
      async run() {
        const res = await post('/unibell/apps/activate', { reference: `soak-${n}`, destAddr: phone(), scenarioData: 'text=Проверка' }, UB);
        return res.status === 200 && ((await res.json()) as { status: string }).status === 'ok';
      },
    },
    {
      provider: 'unibell',
      name: 'balance + media',
      async run() {
        const a = await call('/unibell/balance', { headers: UB });
        const b = await call('/unibell/media?per_page=5', { headers: UB });
        return a.status === 200 && b.status === 200 && ((await b.json()) as { status: string }).status === 'ok' && ((await a.json()) as { status: string }).status === 'ok';
      },
    },
  ];

  const latencies: number[][] = [];
  const counts = new Map<string, number>();
  const byOp = new Map<string, number[]>();
  let inFlight = 0;
  let skipped = 0;
  let done = 0;
  const samples: { at: number; heap: number; records: number; journal: number; callbacks: number; timers: number; pending: number }[] = [];
  const sample = () => {
    const cb = sim.ctx.callbacks.stats();
    samples.push({
      at: performance.now(),
      heap: heapNow(),
      records: created.length,
      journal: sim.ctx.journal.list({}, 1_000_000).length,
      callbacks: sim.ctx.callbacks.list().length,
      timers: sim.ctx.clock.pending(),
      pending: cb.pending,
    });
  };

  process.stdout.write(`soak: ${SECONDS} s at ${RATE} requests/s over ${ops.length} operations of 4 providers; data file ${data}\n`);
  sample();
  const startedAt = performance.now();
  let window: number[] = [];
  let nextSample = startedAt + SAMPLE_MS;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      if (now - startedAt >= SECONDS * 1000) {
        clearInterval(tick);
        resolve();
        return;
      }
      // Requests due by now at the steady rate, less those already sent.
      const due = Math.floor(((now - startedAt) / 1000) * RATE) - done - skipped - inFlight;
      for (let i = 0; i < due; i++) {
        if (inFlight >= MAX_IN_FLIGHT) {
          skipped++;
          continue;
        }
        const op = ops[n % ops.length];
        n++;
        inFlight++;
        const t = performance.now();
        op.run()
          .then(
            (good) => {
              if (!good) errors.push(`${op.provider} ${op.name}: unexpected answer`);
            },
            (err: unknown) => errors.push(`${op.provider} ${op.name}: ${(err as Error).message}`),
          )
          .finally(() => {
            inFlight--;
            done++;
            const took = performance.now() - t;
            window.push(took);
            counts.set(op.provider, (counts.get(op.provider) ?? 0) + 1);
            const mine = byOp.get(`${op.provider} ${op.name}`) ?? [];
            mine.push(took);
            byOp.set(`${op.provider} ${op.name}`, mine);
          });
      }
      if (now >= nextSample) {
        nextSample += SAMPLE_MS;
        latencies.push(window.sort((a, b) => a - b));
        window = [];
        sample();
      }
    }, 5);
  });
  while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  latencies.push(window.sort((a, b) => a - b));
  sample();

  // What must come back after a clean stop and a restart on the same file.
  const balances = JSON.stringify(sim.ctx.accounts.list());
  const stats = sim.ctx.callbacks.stats();
  await sim.close();
  const dataBytes = (await stat(data)).size;
  ({ sim, url } = await start(data));
  sim.app.log.error = ((...args: unknown[]) => errors.push(`logged error after restart: ${JSON.stringify(args).slice(0, 300)}`)) as typeof sim.app.log.error;
  const lost: string[] = [];
  for (const r of created) {
    const records = providers.find((p) => p.slug === r.provider)?.records?.(sim.ctx);
    if (!records?.get?.(r.kind, r.id)) lost.push(`${r.provider} ${r.kind} ${r.id}`);
  }
  const balancesBack = JSON.stringify(sim.ctx.accounts.list()) === balances;
  await sim.close();
  ok.server.close();
  failing.server.close();
  await rm(dir, { recursive: true, force: true });

  // The heap grows with the stored records only: no faster per record in the second half than in the first.
  const first = samples[0];
  const mid = samples[Math.floor(samples.length / 2)];
  const last = samples[samples.length - 1];
  const perRecord = (a: typeof first, b: typeof first) => (b.records === a.records ? 0 : (b.heap - a.heap) / (b.records - a.records));
  const firstHalf = perRecord(first, mid);
  const secondHalf = perRecord(mid, last);
  const heapOk = secondHalf <= Math.max(firstHalf * 1.5, firstHalf + 512);
  const boundsOk = samples.every((s) => s.journal <= JOURNAL_SIZE && s.callbacks <= stats.limits.logSize + s.pending);
  const all = latencies.flat().sort((a, b) => a - b);

  const lines = [
    '',
    `requests ${done} (${[...counts].map(([p, c]) => `${p} ${c}`).join(', ')}), skipped for back-pressure ${skipped}, unexpected ${errors.length}`,
    `latency p50 ${pct(all, 0.5).toFixed(1)} ms, p99 ${pct(all, 0.99).toFixed(1)} ms, max ${all[all.length - 1]?.toFixed(1)} ms; p99 per ${SAMPLE_MS / 1000} s: ${latencies.map((w) => pct(w, 0.99).toFixed(0)).join(' ')}`,
    `p99 by operation: ${[...byOp].map(([name, l]) => `${name} ${pct(l.sort((a, b) => a - b), 0.99).toFixed(0)}`).join(', ')} ms`,
    `heap ${mb(first.heap)} -> ${mb(mid.heap)} -> ${mb(last.heap)} for ${last.records} records: ${firstHalf.toFixed(0)} B/record in the first half, ${secondHalf.toFixed(0)} in the second ${heapOk ? '(ok)' : '(GROWS FASTER THAN THE STATE)'}`,
    `bounded: journal ${last.journal}/${JOURNAL_SIZE}, callback log ${last.callbacks} (limit ${stats.limits.logSize} + ${last.pending} pending), clock timers ${samples.map((s) => s.timers).join(' ')} ${boundsOk ? '(ok)' : '(OVER A LIMIT)'}`,
    `callbacks: delivered ${stats.delivered}, failed ${stats.failed}, dropped ${stats.dropped}, pending ${stats.pending}; receiver hits ok ${ok.hits()}, failing ${failing.hits()}`,
    `restart: data file ${mb(dataBytes)}, ${created.length - lost.length}/${created.length} records back, balances ${balancesBack ? 'equal' : 'DIFFERENT'}`,
    ...errors.slice(0, 20).map((e) => `  error: ${e}`),
    ...lost.slice(0, 20).map((l) => `  lost: ${l}`),
  ];
  const pass = errors.length === 0 && lost.length === 0 && balancesBack && heapOk && boundsOk && done > 0;
  process.stdout.write(`${lines.join('\n')}\nsoak ${pass ? 'PASSED' : 'FAILED'}\n`);
  process.exit(pass ? 0 : 1);
}

main().catch((err: unknown) => {
  process.stderr.write(`soak: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
