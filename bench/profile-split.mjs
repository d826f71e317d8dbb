// Splits a --cpu-prof profile's busy time (idle excluded) into where a request's time goes:
// the socket write (kernel), garbage collection, the simulator's own code, and Node/Fastify.
// Usage: node bench/profile-split.mjs file.cpuprofile [requests]: with the request count, also µs per request.
import { readFileSync } from 'node:fs';

const [file, requestsArg] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
p.samples.forEach((s, i) => self.set(s, (self.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
const parts = { 'socket write (writev)': 0, 'garbage collection': 0, 'simulator code (dist/)': 0, 'Node.js HTTP, Fastify and the rest': 0 };
let busy = 0;
for (const [id, t] of self) {
  const f = byId.get(id).callFrame;
  if (f.functionName === '(idle)') continue;
  busy += t;
  if (f.functionName === 'writev' || f.url.includes('stream_base_commons')) parts['socket write (writev)'] += t;
  else if (f.functionName === '(garbage collector)') parts['garbage collection'] += t;
  else if (f.url.includes('/dist/')) parts['simulator code (dist/)'] += t;
  else parts['Node.js HTTP, Fastify and the rest'] += t;
}
const requests = Number(requestsArg ?? 0);
for (const [k, t] of Object.entries(parts)) {
  const perRequest = requests ? `  ${(t / requests).toFixed(1).padStart(6)} µs/request` : '';
  process.stdout.write(`${((t / busy) * 100).toFixed(1).padStart(5)}%${perRequest}  ${k}\n`);
}
