// npm run bench: every target of issue 8, side by side in one run on this machine, loopback only.
// - throughput of five operations against bare Fastify routes answering the same bodies;
// - Sms/Send against WireMock serving a static stub of it;
// - start-up to a health answer, against a bare Fastify server's start;
// - Sms/Send and Sms/State with 1,000,000 stored messages against an empty store, the heap per
//   stored SMS, and the longest event-loop block (persistence included: both servers keep a data file);
// - multi-tenant: Sms/Send spread over 1,000 generated accounts (src/core/generate/fixtures.ts) against one account.
// Prints one table and keeps it, with the conditions, in bench/results.md. Not a test: exits 0 on a miss.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile, mkdir, readdir } from 'node:fs/promises';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { PARTS, splitProfile, type Part } from './profile-split.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const WARMUP = 2;
/** Paired rows (multi-tenant, calibration): pairs of rounds and seconds per round. */
const PAIRS = Number(process.env.BENCH_PAIRS ?? 30);
const PAIR_SECONDS = Number(process.env.BENCH_PAIR_SECONDS ?? 2);
/** Steps of arithmetic the calibration adds per request: about a tenth of a Sms/Send's server CPU on the project's machine. */
const CALIBRATION_WORK = Number(process.env.BENCH_CALIBRATION_WORK ?? 1_000);
/** Requests per --cpu-prof run of a missed throughput target (each side). */
const PROFILE_REQUESTS = Number(process.env.BENCH_PROFILE_REQUESTS ?? 60_000);
/** Comma-separated parts to run (throughput, profile, wiremock, startup, state, multitenant); all by default. */
const ONLY = process.env.BENCH_ONLY?.split(',');
const part = (name: string) => !ONLY || ONLY.includes(name);
/** Parts run only when named. */
const asked = (name: string) => ONLY?.includes(name) ?? false;

interface Server {
  proc: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the URL line on stdout. */
  listenedMs: number;
}

function start(cmd: string, args: string[], env: Record<string, string> = {}, ipc = false): Promise<Server> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const proc = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit', ...(ipc ? (['ipc'] as const) : [])] });
    let out = '';
    let done = false;
    proc.stdout?.on('data', (chunk: Buffer) => {
      if (done) return;
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        done = true;
        resolve({ proc, url: m[1], listenedMs: performance.now() - t0 });
      }
    });
    proc.on('exit', (code) => {
      if (!done) reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`));
    });
  });
}

function stop(server: Server | undefined): Promise<void> {
  if (!server || server.proc.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.proc.once('exit', () => resolve());
    server.proc.kill('SIGTERM');
  });
}

function ask<T>(server: Server, msg: string): Promise<T> {
  return new Promise((resolve) => {
    server.proc.once('message', (answer) => resolve(answer as T));
    server.proc.send?.(msg);
  });
}

const simArgs = (fixtures: string, extra: string[] = []) => ['--expose-gc', '--import', './bench/probe.mjs', 'dist/main.js', '--port', '0', '--host', '127.0.0.1', '--clock', 'manual', '--log-level', 'info', '--request-log', 'off', '--fixtures', fixtures, ...extra];

/** Fixtures whose accounts never run out of money, so every request does the full work. */
async function benchFixtures(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'provider-sim-bench-'));
  await cp('fixtures', dir, { recursive: true });
  const rich = async (file: string, edit: (json: { accounts: { balance: number }[] }) => void) => {
    const json = JSON.parse(await readFile(join(dir, file), 'utf8'));
    edit(json);
    await writeFile(join(dir, file), JSON.stringify(json));
  };
  for (const file of ['devino.json', 'mobilgroup.json', 'voicepassword.json', 'unibell.json']) {
    await rich(file, (j) => {
      for (const a of j.accounts) a.balance = 1e12;
    });
  }
  return dir;
}

interface Target {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Bodies sent in turn, one per request (the multi-tenant row); `body` otherwise. */
  bodies?: readonly string[];
  min: number;
}

interface Load {
  rps: number;
  p99: number;
  /** Requests answered in the round. */
  requests: number;
}

async function load(url: string, t: Target, seconds: number): Promise<Load> {
  let next = 0;
  const { bodies } = t;
  // Both sides of a row built with `bodies` pay the same per-request rotation in the load generator.
  const requests = bodies ? [{ method: t.method, path: t.path, headers: t.headers, setupRequest: (req: object) => ({ ...req, body: bodies[next++ % bodies.length] }) }] : undefined;
  const result = await autocannon({ url: url + t.path, method: t.method, headers: t.headers, body: t.body, requests, connections: CONNECTIONS, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}${t.path}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99, requests: result.requests.total };
}

/** Alternates the two sides `ROUNDS` times and keeps each side's best round: the machine is shared, a round can be disturbed. */
async function sideBySide(a: string, b: string, ta: Target, tb: Target = ta): Promise<[Load, Load]> {
  await load(a, ta, WARMUP);
  await load(b, tb, WARMUP);
  let best: [Load, Load] = [
    { rps: 0, p99: Infinity, requests: 0 },
    { rps: 0, p99: Infinity, requests: 0 },
  ];
  for (let r = 0; r < ROUNDS; r++) {
    const x = await load(a, ta, SECONDS);
    const y = await load(b, tb, SECONDS);
    if (x.rps > best[0].rps) best = [x, best[1]];
    if (y.rps > best[1].rps) best = [best[0], y];
  }
  return best;
}

/** A side of a paired row: resets its simulator and makes the round's requests. */
type Side = { server: Server; prepare(): Promise<Target> };

/**
 * Sms/Send bodies to the same 1,000 numbers, from `each` account's own session and sender or all from
 * the first account's. The simulator is reset first, so every round starts from the same state (how
 * per-request cost grows with stored messages is the `state` part's question, not this one's).
 */
function tenantSide(server: Server, accounts: readonly Tenant[], from: 'each' | 'one'): Side {
  return {
    server,
    async prepare() {
      const reset = await fetch(`${server.url}/_sim/reset`, { method: 'POST' });
      if (!reset.ok) throw new Error(`reset: ${reset.status}`);
      const senders = from === 'each' ? accounts : accounts.slice(0, 1);
      const sessions: string[] = [];
      for (let i = 0; i < senders.length; i += 50) {
        const chunk = senders.slice(i, i + 50).map(async (a) => JSON.parse(await (await fetch(`${server.url}/devino/rest/User/SessionId?${form({ login: a.login, password: a.password })}`)).text()) as string);
        sessions.push(...(await Promise.all(chunk)));
      }
      const bodies = accounts.map((a, i) => {
        const k = from === 'each' ? i : 0;
        return form({ SessionID: sessions[k], DestinationAddress: a.numbers[i % a.numbers.length], SourceAddress: senders[k].sender, Data: 'Hello from the benchmark', Validity: '0' });
      });
      return { name: 'Devino Sms/Send', method: 'POST', path: '/devino/rest/Sms/Send', headers: FORM, bodies, min: 0.9 };
    },
  };
}

interface PairedSide {
  rps: number;
  p99: number;
  /** Server CPU (user + system) per answered request, from the probe. */
  cpuUs: number;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Two sides that should perform alike, in PAIRS short rounds in ABBA order, each after a reset. A
 * pair's ratio compares rounds seconds apart, so the machine's drifts (on this shared host the same
 * work takes up to twice as long from one round to the next) fall on both; the median of the pair
 * ratios ignores a disturbed pair, where best-of-N on each side compared two different moments.
 */
async function paired(a: Side, b: Side) {
  const once = async (side: Side): Promise<PairedSide> => {
    const t = await side.prepare();
    const before = await ask<{ cpuUs: number }>(side.server, 'cpu');
    const { rps, p99, requests } = await load(side.server.url, t, PAIR_SECONDS);
    const after = await ask<{ cpuUs: number }>(side.server, 'cpu');
    return { rps, p99, cpuUs: (after.cpuUs - before.cpuUs) / requests };
  };
  await once(a);
  await once(b);
  const as: PairedSide[] = [];
  const bs: PairedSide[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const [x, y] = i % 2 === 0 ? [await once(a), await once(b)] : ([await once(b), await once(a)].reverse() as [PairedSide, PairedSide]);
    as.push(x);
    bs.push(y);
  }
  const ratios = as.map((x, i) => x.rps / bs[i].rps);
  const side = (xs: PairedSide[]): PairedSide => ({ rps: median(xs.map((x) => x.rps)), p99: median(xs.map((x) => x.p99)), cpuUs: median(xs.map((x) => x.cpuUs)) });
  return {
    pairs: PAIRS,
    a: side(as),
    b: side(bs),
    rpsRatio: median(ratios),
    rpsRange: [Math.min(...ratios), Math.max(...ratios)] as const,
    cpuRatio: median(as.map((x, i) => bs[i].cpuUs / x.cpuUs)),
  };
}

interface Row {
  operation: string;
  simulator: string;
  baseline: string;
  ratio: string;
  target: string;
  pass: boolean;
}

const rows: Row[] = [];
const notes: string[] = [];
const fmt = (n: number) => String(Math.round(n));
const pct = (n: number) => `${(n * 100).toFixed(0)}%`;
function row(r: Row) {
  rows.push(r);
  process.stdout.write(`  ${r.pass ? 'pass' : 'MISS'}  ${r.operation}: ${r.simulator} vs ${r.baseline} (${r.ratio}, target ${r.target})\n`);
}

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };

async function devinoSession(url: string): Promise<string> {
  return JSON.parse(await (await fetch(`${url}/devino/rest/User/SessionId?login=user&password=userpasswd`)).text()) as string;
}

function targets(sid: string, messageId: string): Target[] {
  return [
    {
      name: 'Devino Sms/Send',
      method: 'POST',
      path: '/devino/rest/Sms/Send',
      headers: FORM,
      body: form({ SessionID: sid, DestinationAddress: '79161002030', SourceAddress: 'DEVINO', Data: 'Hello from the benchmark', Validity: '0' }),
      min: 0.7,
    },
    { name: 'Devino Sms/State', method: 'GET', path: `/devino/rest/Sms/State?${form({ SessionID: sid, MessageID: messageId })}`, headers: {}, min: 0.6 },
    {
      name: 'Mobilgroup /send/ (one subscriber)',
      method: 'POST',
      path: '/mobilgroup/api/send/',
      headers: { ...JSON_TYPE, authorization: 'demo-mobilgroup-key' },
      body: JSON.stringify({ settings: { message: 'Здравствуйте! Напоминаем о записи на приём завтра.', number: '74951234567' }, subscribers: [{ phone: '79161234567' }] }),
      min: 0.6,
    },
    {
      name: 'VoicePassword /send/',
      method: 'POST',
      path: '/voicepassword/api/voice-password/send/',
      headers: JSON_TYPE,
      body: JSON.stringify({ security: { apiKey: 'demo-voicepassword-key' }, number: '79161234567' }),
      min: 0.6,
    },
    {
      name: 'Unibell /apps/activate',
      method: 'POST',
      path: '/unibell/apps/activate',
      headers: { ...JSON_TYPE, 'x-authorization': 'AccessKey d8ac9959r12b43545da9034' },
      body: JSON.stringify({ reference: 'bench', sourceAddr: '74952120000', destAddr: '79161234567', scenarioData: 'text=Привет' }),
      min: 0.6,
    },
  ];
}

/** One real answer of the simulator per target: what the bare route (and WireMock) will answer. */
async function sample(url: string, t: Target) {
  const res = await fetch(url + t.path, { method: t.method, headers: t.headers, body: t.body });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${t.name}: the simulator answered ${res.status} ${body}`);
  return { method: t.method, url: t.path.split('?')[0], contentType: res.headers.get('content-type') ?? 'application/json', body };
}

async function startupMs(cmd: string, args: string[], env: Record<string, string>, readyPath: string, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const s = await start(cmd, args, env);
    const res = await fetch(s.url + readyPath);
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    await stop(s);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function wiremock(dir: string, sampleBody: { contentType: string; body: string }, path: string): Promise<Server> {
  const jars = (await readdir('node_modules/wiremock/build')).filter((f) => f.endsWith('.jar'));
  if (jars.length === 0) throw new Error('node_modules/wiremock/build has no jar');
  await mkdir(join(dir, 'mappings'), { recursive: true });
  await writeFile(
    join(dir, 'mappings', 'sms-send.json'),
    JSON.stringify({
      request: { method: 'POST', urlPath: path },
      response: { status: 200, body: sampleBody.body, headers: { 'Content-Type': sampleBody.contentType, 'Cache-Control': 'private' } },
    }),
  );
  const port = 20000 + Math.floor(Math.random() * 20000);
  const proc = spawn(
    'java',
    ['-jar', join('node_modules/wiremock/build', jars[0]), '--port', String(port), '--bind-address', '127.0.0.1', '--root-dir', dir, '--no-request-journal', '--disable-request-logging', '--disable-banner'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`${url}/__admin/health`);
      await res.arrayBuffer();
      if (res.ok) return { proc, url, listenedMs: 0 };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGTERM');
  throw new Error('WireMock did not start within 30 s');
}

async function main() {
  if (!process.env.BENCH_NO_BUILD) execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const fixtures = await benchFixtures();
  const scratch = await mkdtemp(join(tmpdir(), 'provider-sim-bench-data-'));
  const servers: Server[] = [];
  const started = async (s: Promise<Server>) => {
    const server = await s;
    servers.push(server);
    return server;
  };
  try {
    // 1. Throughput against bare routes answering the same bodies. Each operation gets a fresh
    // simulator: what earlier runs stored is the flatness part's question, not this one's.
    process.stdout.write(`throughput: ${CONNECTIONS} connections, best of ${ROUNDS} x ${SECONDS} s per side\n`);
    const fresh = async (nodeFlags: string[] = []) => {
      const server = await started(start(process.execPath, [...nodeFlags, ...simArgs(fixtures)], {}, true));
      const sid = await devinoSession(server.url);
      const [send] = targets(sid, '');
      const [id] = JSON.parse((await sample(server.url, send)).body) as string[];
      return { server, all: targets(sid, id) };
    };
    const first = await fresh();
    const samples = [];
    for (const t of first.all) samples.push(await sample(first.server.url, t));
    await stop(first.server);
    const bare = await started(start(process.execPath, ['bench/bare-server.mjs'], { BARE_ROUTES: JSON.stringify(samples) }));
    const missed: number[] = [];
    for (const [i, name] of (part('throughput') ? first.all.map((t) => t.name) : []).entries()) {
      const sim = await fresh();
      const t = sim.all[i];
      const [s, b] = await sideBySide(sim.server.url, bare.url, t);
      const ratio = s.rps / b.rps;
      row({ operation: `${name} req/s (p99 ${s.p99} ms vs ${b.p99} ms)`, simulator: fmt(s.rps), baseline: `${fmt(b.rps)} bare Fastify`, ratio: pct(ratio), target: `≥ ${pct(t.min)}`, pass: ratio >= t.min });
      if (ratio < t.min) missed.push(i);
      await stop(sim.server);
    }
    await stop(bare);

    // For each missed throughput target, where a request's server CPU goes, on both sides.
    for (const i of part('profile') ? missed : []) {
      const dir = await mkdtemp(join(tmpdir(), 'provider-sim-prof-'));
      const simDir = join(dir, 'sim');
      const bareDir = join(dir, 'bare');
      const sim = await fresh(['--cpu-prof', '--cpu-prof-dir', simDir]);
      const t = sim.all[i];
      const simSplit = await profiled(sim.server, t, simDir);
      const bareProfiled = await started(start(process.execPath, ['--cpu-prof', '--cpu-prof-dir', bareDir, 'bench/bare-server.mjs'], { BARE_ROUTES: JSON.stringify(samples) }));
      const bareSplit = await profiled(bareProfiled, t, bareDir);
      profileRows.push({ operation: t.name, sim: simSplit, bare: bareSplit });
      await rm(dir, { recursive: true, force: true });
    }

    // 2. WireMock serving a static stub of Sms/Send.
    if (part('wiremock')) {
      const sim = await fresh();
      const [sendTarget] = sim.all;
      try {
        const wm = await started(wiremock(join(scratch, 'wiremock'), samples[0], sendTarget.path));
        // The JVM needs a longer warm-up than Node to reach its steady state.
        await load(wm.url, sendTarget, 5);
        const [s, w] = await sideBySide(sim.server.url, wm.url, sendTarget);
        row({ operation: 'Devino Sms/Send req/s vs WireMock static stub', simulator: fmt(s.rps), baseline: `${fmt(w.rps)} WireMock`, ratio: pct(s.rps / w.rps), target: '≥ 100%', pass: s.rps >= w.rps });
        await stop(wm);
      } catch (err) {
        row({ operation: 'Devino Sms/Send req/s vs WireMock static stub', simulator: '-', baseline: 'WireMock did not run', ratio: '-', target: '≥ 100%', pass: false });
        notes.push(`WireMock: ${(err as Error).message}`);
      }
      await stop(sim.server);
    }

    // 3. Start-up: spawn to the first answer of health (simulator) or of its route (bare Fastify).
    if (part('startup')) {
      const simStart = await startupMs(process.execPath, simArgs(fixtures).slice(3), {}, '/_sim/health');
      const bareStart = await startupMs(process.execPath, ['bench/bare-server.mjs'], {}, '/');
      row({ operation: 'Start-up to health, ms (median of 5)', simulator: fmt(simStart), baseline: `${fmt(bareStart)} bare Fastify`, ratio: `${(simStart / bareStart).toFixed(2)}x`, target: '< 500 ms, ≤ 2x', pass: simStart < 500 && simStart <= 2 * bareStart });
    }

    // 4. Flat as state grows: 1,000,000 stored messages against an empty store, both persisted.
    if (part('state')) {
      process.stdout.write(`state: generating ${MESSAGES} stored messages\n`);
      const bigFile = join(scratch, 'big.json');
      const generated = JSON.parse(
        execFileSync(process.execPath, ['--import', 'tsx', 'bench/state.ts', bigFile, fixtures, String(MESSAGES)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 }),
      ) as { maxBlockMs: number; sampleId: string };
      row({
        operation: `Longest event-loop block writing the ${MESSAGES}-message data file (chunked snapshot), ms`,
        simulator: generated.maxBlockMs.toFixed(1),
        baseline: '-',
        ratio: '-',
        target: '≤ 50 ms',
        pass: generated.maxBlockMs <= 50,
      });
      const empty = await started(start(process.execPath, simArgs(fixtures, ['--data', join(scratch, 'empty.json')]), {}, true));
      const emptyHeap = (await ask<{ heap: number }>(empty, 'heap')).heap;
      const t0 = performance.now();
      const big = await started(start(process.execPath, ['--max-old-space-size=4096', ...simArgs(fixtures, ['--data', bigFile])], {}, true));
      const loadSeconds = (performance.now() - t0) / 1000;
      const bigHeap = (await ask<{ heap: number }>(big, 'heap')).heap;
      const perSms = (bigHeap - emptyHeap) / MESSAGES;
      row({ operation: `Heap per stored SMS at ${MESSAGES}, bytes`, simulator: fmt(perSms), baseline: '-', ratio: '-', target: '< 1024', pass: perSms < 1024 });
      notes.push(`The ${MESSAGES}-message data file loaded in ${loadSeconds.toFixed(1)} s; heap ${(emptyHeap / 2 ** 20).toFixed(0)} MiB empty, ${(bigHeap / 2 ** 20).toFixed(0)} MiB with the messages.`);

      const bigSid = await devinoSession(big.url);
      const emptySid = await devinoSession(empty.url);
      const [bigSend] = targets(bigSid, '');
      const [emptySend] = targets(emptySid, '');
      const emptyId = (JSON.parse((await sample(empty.url, emptySend)).body) as string[])[0];
      // A message from the middle of the stored million.
      const bigState = targets(bigSid, generated.sampleId)[1];
      const emptyState = targets(emptySid, emptyId)[1];
      const bigStateAnswer = await sample(big.url, bigState);
      if (!bigStateAnswer.body.includes('"State":0')) throw new Error(`stored message ${generated.sampleId} is not delivered: ${bigStateAnswer.body}`);
      await ask(big, 'loop');
      await ask(empty, 'loop');
      const [es, bs] = await sideBySide(empty.url, big.url, emptySend, bigSend);
      const [et, bt] = await sideBySide(empty.url, big.url, emptyState, bigState);
      for (const [name, e, b] of [
        ['Sms/Send', es, bs],
        ['Sms/State', et, bt],
      ] as const) {
        row({ operation: `${name} req/s, ${MESSAGES} stored vs empty`, simulator: fmt(b.rps), baseline: `${fmt(e.rps)} empty`, ratio: pct(b.rps / e.rps), target: '≥ 90%', pass: b.rps >= 0.9 * e.rps });
        row({ operation: `${name} p99 ms, ${MESSAGES} stored vs empty`, simulator: String(b.p99), baseline: `${e.p99} empty`, ratio: `${(b.p99 / Math.max(e.p99, 1)).toFixed(2)}x`, target: '≤ 2x', pass: b.p99 <= 2 * Math.max(e.p99, 1) });
      }
      const block = await ask<{ maxBlockMs: number }>(big, 'loop');
      row({ operation: `Longest event-loop block under load with ${MESSAGES} stored (persistence on), ms`, simulator: block.maxBlockMs.toFixed(1), baseline: '-', ratio: '-', target: '≤ 50 ms', pass: block.maxBlockMs <= 50 });
      await stop(big);
      await stop(empty);
    }

    // 5. Multi-tenant: the same Sms/Send spread over 1,000 generated accounts (a session, sender and
    // number each) against one account, each side a simulator loaded with the 1,000; `calibration`
    // shows what the same method reads where the answer is known.
    if (part('multitenant') || asked('calibration')) {
      const tenants = await multiTenantFixtures(scratch, 1_000);
      const sim = (env: Record<string, string> = {}) => started(start(process.execPath, simArgs(tenants.dir), env, true));
      if (part('multitenant')) {
        const [spread, single] = [await sim(), await sim()];
        const p = await paired(tenantSide(spread, tenants.accounts, 'each'), tenantSide(single, tenants.accounts, 'one'));
        row({ operation: `Devino Sms/Send req/s over ${tenants.accounts.length} generated accounts vs one (median of ${p.pairs} paired rounds; p99 ${p.a.p99} ms vs ${p.b.p99} ms)`, simulator: fmt(p.a.rps), baseline: `${fmt(p.b.rps)} one account`, ratio: pct(p.rpsRatio), target: '≥ 90%', pass: p.rpsRatio >= 0.9 });
        notes.push(`Multi-tenant: server CPU per Sms/Send ${p.a.cpuUs.toFixed(0)} µs over ${tenants.accounts.length} accounts, ${p.b.cpuUs.toFixed(0)} µs from one (ratio ${pct(p.cpuRatio)}); pair ratios ${pct(p.rpsRange[0])}–${pct(p.rpsRange[1])}.`);
        await stop(spread);
        await stop(single);
      }
      if (asked('calibration')) {
        const [one, other, slowed] = [await sim(), await sim(), await sim({ BENCH_PROBE_WORK: String(CALIBRATION_WORK) })];
        const same = await paired(tenantSide(one, tenants.accounts, 'one'), tenantSide(other, tenants.accounts, 'one'));
        row({ operation: `Method check: Sms/Send from one account on two simulators alike (median of ${same.pairs} paired rounds)`, simulator: fmt(same.a.rps), baseline: fmt(same.b.rps), ratio: pct(same.rpsRatio), target: '95–105%', pass: Math.abs(same.rpsRatio - 1) <= 0.05 });
        const slow = await paired(tenantSide(slowed, tenants.accounts, 'one'), tenantSide(other, tenants.accounts, 'one'));
        const cost = (slow.a.cpuUs - slow.b.cpuUs) / slow.b.cpuUs;
        row({ operation: `Method check: the same with work added to each request (+${pct(cost)} server CPU per request)`, simulator: fmt(slow.a.rps), baseline: fmt(slow.b.rps), ratio: pct(slow.rpsRatio), target: 'below 95%', pass: slow.rpsRatio < 0.95 });
        for (const s of [one, other, slowed]) await stop(s);
      }
    }

    const profileTable = profileRows.length === 0 ? '' : profileTableOf(profileRows);
    const table = [
      '| operation | simulator | baseline | ratio | target | pass/fail |',
      '|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.operation} | ${r.simulator} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.pass ? 'pass' : '**fail**'} |`),
    ].join('\n');
    process.stdout.write(`\n${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n\n${profileTable}`);
    await writeResults(table, profileTable);
  } finally {
    for (const s of servers) await stop(s);
    await rm(scratch, { recursive: true, force: true });
    await rm(fixtures, { recursive: true, force: true });
  }
}

/** `accounts` generated accounts per provider (seed 1) with unlimited balances, and each Devino account's sender and a few subscribers. */
async function multiTenantFixtures(scratch: string, accounts: number) {
  const { generateFixtures } = await import('../src/core/generate/fixtures.js');
  const { providers } = await import('../src/providers/index.js');
  const dir = join(scratch, 'tenants');
  await mkdir(dir, { recursive: true });
  const devino: { login: string; password: string; senders: string[] }[] = [];
  for (const [name, text] of generateFixtures(providers, { accounts, seed: 1 }).files) {
    const json = JSON.parse(text) as { accounts?: { balance: number }[] };
    for (const a of json.accounts ?? []) a.balance = 1e12;
    if (name === 'devino.json') devino.push(...(json.accounts as unknown as typeof devino));
    await writeFile(join(dir, name), JSON.stringify(json));
  }
  const operators = ['7916', '7903', '7926', '7900'];
  return { dir, accounts: devino.map((a, i): Tenant => ({ login: a.login, password: a.password, sender: a.senders[0], numbers: operators.map((p) => `${p}${String(1_000_000 + i).slice(-7)}`) })) };
}

interface Tenant {
  login: string;
  password: string;
  sender: string;
  numbers: string[];
}

interface ProfileRow {
  operation: string;
  sim: Split;
  bare: Split;
}
interface Split {
  rps: number;
  perRequest: Record<Part, number>;
}
const profileRows: ProfileRow[] = [];

/** Sends PROFILE_REQUESTS requests to a server started with --cpu-prof, stops it and splits its profile over the load's window. */
async function profiled(server: Server, t: Target, dir: string): Promise<Split> {
  await load(server.url, t, WARMUP);
  const from = Number(process.hrtime.bigint() / 1000n);
  const result = await autocannon({ url: server.url + t.path, method: t.method, headers: t.headers, body: t.body, connections: CONNECTIONS, amount: PROFILE_REQUESTS });
  const to = Number(process.hrtime.bigint() / 1000n);
  await stop(server);
  const [file] = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile in ${dir}`);
  const parts = splitProfile(join(dir, file), { from, to });
  const requests = result.requests.total;
  return { rps: requests / ((to - from) / 1e6), perRequest: Object.fromEntries(PARTS.map((k) => [k, parts[k] / requests])) as Record<Part, number> };
}

function profileTableOf(rows: ProfileRow[]): string {
  const us = (n: number) => n.toFixed(1);
  const line = (name: string, side: string, s: Split) =>
    `| ${name} | ${side} | ${fmt(s.rps)} | ${PARTS.map((k) => us(s.perRequest[k])).join(' | ')} | ${us(PARTS.reduce((sum, k) => sum + s.perRequest[k], 0))} |`;
  return [
    `Where the time goes in each missed throughput target: server CPU per request (µs) from a \`--cpu-prof\` run of ${PROFILE_REQUESTS} requests per side (the load's window only), split by \`bench/profile-split.ts\`.`,
    '',
    `| operation | side | req/s while profiled | ${PARTS.join(' | ')} | total |`,
    `|---|---|---|${PARTS.map(() => '---|').join('')}---|`,
    ...rows.flatMap((r) => [line(r.operation, 'simulator', r.sim), line('', 'bare Fastify', r.bare)]),
    '',
  ].join('\n');
}

/** Replaces the generated part of bench/results.md and keeps what follows the `<!-- analysis -->` marker. */
async function writeResults(table: string, profileTable: string) {
  let analysis = '';
  try {
    const old = await readFile('bench/results.md', 'utf8');
    const at = old.indexOf('<!-- analysis -->');
    if (at >= 0) analysis = old.slice(at);
  } catch {
    /* first run */
  }
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const conditions =
    `Last run ${when} UTC, Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), loopback, autocannon with ${CONNECTIONS} connections ` +
    `in the bench process, best of ${ROUNDS} alternating rounds of ${SECONDS} s per side after a ${WARMUP} s warm-up (paired rows: the median of ${PAIRS} ABBA pairs of ${PAIR_SECONDS} s rounds, each after a reset). Simulator: \`node dist/main.js --clock manual\`, ` +
    'info log level (no per-request logs), fixtures with unlimited balances.';
  await writeFile('bench/results.md', `# Benchmark results\n\n${conditions}\n\n${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n\n${profileTable ? `${profileTable}\n` : ''}${analysis || '<!-- analysis -->\n'}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
