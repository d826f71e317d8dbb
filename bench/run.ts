// npm run bench: autocannon against the simulator and a bare Fastify route, side by side in one run,
// printing requests/s, p99 latency and their ratio. Results also go to bench/results.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

function start(cmd: string, args: string[], env: Record<string, string> = {}): Promise<{ proc: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ proc, url: m[1] });
    });
    proc.on('exit', (code) => reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`)));
  });
}

/** Fixtures whose Devino account never runs out of money, so every request does the full work. */
async function benchFixtures(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'provider-sim-bench-'));
  await cp('fixtures', dir, { recursive: true });
  const devino = JSON.parse(await readFile(join(dir, 'devino.json'), 'utf8'));
  devino.accounts[0].balance = 1e12;
  await writeFile(join(dir, 'devino.json'), JSON.stringify(devino));
  return dir;
}

async function load(url: string, body: string) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    connections: CONNECTIONS,
    duration: DURATION,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function main() {
  const fixtures = await benchFixtures();
  const sim = await start(process.execPath, ['dist/main.js', '--port', '0', '--clock', 'manual', '--log-level', 'info', '--fixtures', fixtures]);
  const bare = await start(process.execPath, ['bench/bare-server.mjs']);
  try {
    const sid = JSON.parse(await (await fetch(`${sim.url}/devino/rest/User/SessionId?login=user&password=userpasswd`)).text());
    const body = new URLSearchParams({ SessionID: sid, DestinationAddress: '79161002030', SourceAddress: 'DEVINO', Data: 'Hello from the benchmark', Validity: '0' }).toString();
    const path = '/devino/rest/Sms/Send';
    // Warm both up, then measure them one after the other in the same run.
    await autocannon({ url: sim.url + path, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, duration: 2, connections: CONNECTIONS });
    await autocannon({ url: bare.url + path, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, duration: 2, connections: CONNECTIONS });
    const s = await load(sim.url + path, body);
    const b = await load(bare.url + path, body);
    const ratio = s.rps / b.rps;
    const rows = [
      '| operation | simulator req/s | bare Fastify req/s | ratio | simulator p99 ms | bare p99 ms |',
      '|---|---|---|---|---|---|',
      `| Devino Sms/Send | ${Math.round(s.rps)} | ${Math.round(b.rps)} | ${(ratio * 100).toFixed(0)}% | ${s.p99} | ${b.p99} |`,
    ];
    const table = rows.join('\n');
    process.stdout.write(`\n${table}\n\n`);
    const when = new Date().toISOString().slice(0, 10);
    await writeFile(
      'bench/results.md',
      `# Benchmark results\n\nLast run ${when}, Node ${process.version}, ${CONNECTIONS} connections, ${DURATION} s per side, both servers on this machine, measured one after the other in one run.\n\n${table}\n`,
    );
  } finally {
    sim.proc.kill('SIGTERM');
    bare.proc.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).message}\n`);
  process.exit(1);
});
