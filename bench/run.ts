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
/** Requests per --cpu-prof run of a missed throughput target (each side). */
const PROFILE_REQUESTS = Number(process.env.BENCH_PROFILE_REQUESTS ?? 60_000);
/** Comma-separated parts to run (throughput, profile, wiremock, startup, state, multitenant); all by default. */
const ONLY = process.env.BENCH_ONLY?.split(',');
const part = (name: string) => !ONLY || ONLY.includes(name);

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
}

async function load(url: string, t: Target, seconds: number): Promise<Load> {
  let next = 0;
  const { bodies } = t;
  // Both sides of a row built with `bodies` pay the same per-request rotation in the load generator.
  const requests = bodies ? [{ method: t.method, path: t.path, headers: t.headers, setupRequest: (req: object) => ({ ...req, body: bodies[next++ % bodies.length] }) }] : undefined;
  const result = await autocannon({ url: url + t.path, method: t.method, headers: t.headers, body: t.body, requests, connections: CONNECTIONS, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}${t.path}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

/** Alternates the two sides `ROUNDS` times and keeps each side's best round: the machine is shared, a round can be disturbed. */
async function sideBySide(a: string, b: string, ta: Target, tb: Target = ta): Promise<[Load, Load]> {
  await load(a, ta, WARMUP);
  await load(b, tb, WARMUP);
  let best: [Load, Load] = [
    { rps: 0, p99: Infinity },
    { rps: 0, p99: Infinity },
  ];
  for (let r = 0; r < ROUNDS; r++) {
    const x = await load(a, ta, SECONDS);
    const y = await load(b, tb, SECONDS);
    if (x.rps > best[0].rps) best = [x, best[1]];
    if (y.rps > best[1].rps) best = [best[0], y];
  }
  return best;
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
    // number each) against one account, each side on a fresh simulator loaded with the 1,000.
    if (part('multitenant')) {
      const tenants = await multiTenantFixtures(scratch, 1_000);
      const spread = await started(start(process.execPath, simArgs(tenants.dir), {}, true));
      const single = await started(start(process.execPath, simArgs(tenants.dir), {}, true));
      const bodiesOf = async (url: string, accounts: typeof tenants.accounts) => {
        const bodies: string[] = [];
        for (const [i, a] of accounts.entries()) {
          const sid = JSON.parse(await (await fetch(`${url}/devino/rest/User/SessionId?${form({ login: a.login, password: a.password })}`)).text()) as string;
          bodies.push(form({ SessionID: sid, DestinationAddress: a.numbers[i % a.numbers.length], SourceAddress: a.sender, Data: 'Hello from the benchmark', Validity: '0' }));
        }
        return bodies;
      };
      const send = (bodies: string[]): Target => ({ name: 'Devino Sms/Send', method: 'POST', path: '/devino/rest/Sms/Send', headers: FORM, bodies, min: 0.9 });
      const spreadBodies = await bodiesOf(spread.url, tenants.accounts);
      // One account, the same number of distinct bodies (numbers), so only the tenancy differs.
      const [one] = await bodiesOf(single.url, [tenants.accounts[0]]);
      const singleBodies = tenants.accounts.map((a, i) => one.replace(/DestinationAddress=\d+/, `DestinationAddress=${a.numbers[i % a.numbers.length]}`));
      const [m, o] = await sideBySide(spread.url, single.url, send(spreadBodies), send(singleBodies));
      row({ operation: `Devino Sms/Send req/s over ${tenants.accounts.length} generated accounts vs one (p99 ${m.p99} ms vs ${o.p99} ms)`, simulator: fmt(m.rps), baseline: `${fmt(o.rps)} one account`, ratio: pct(m.rps / o.rps), target: '≥ 90%', pass: m.rps >= 0.9 * o.rps });
      await stop(spread);
      await stop(single);
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
  return { dir, accounts: devino.map((a, i) => ({ login: a.login, password: a.password, sender: a.senders[0], numbers: operators.map((p) => `${p}${String(1_000_000 + i).slice(-7)}`) })) };
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
    `in the bench process, best of ${ROUNDS} alternating rounds of ${SECONDS} s per side after a ${WARMUP} s warm-up. Simulator: \`node dist/main.js --clock manual\`, ` +
    'info log level (no per-request logs), fixtures with unlimited balances.';
  await writeFile('bench/results.md', `# Benchmark results\n\n${conditions}\n\n${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n\n${profileTable ? `${profileTable}\n` : ''}${analysis || '<!-- analysis -->\n'}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
