// Splits a --cpu-prof profile's busy time (idle excluded) into where a request's time goes: the
// socket write (kernel), garbage collection, the simulator's own code, and Node.js/Fastify.
// Usage: npx tsx bench/profile-split.ts file.cpuprofile [requests]: with the request count, also µs per request.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

export const PARTS = ['socket write (writev)', 'Node.js HTTP, Fastify and the rest', 'simulator code', 'garbage collection'] as const;
export type Part = (typeof PARTS)[number];

/**
 * Microseconds of each part, counting only samples inside `window` (µs on the monotonic clock,
 * as `process.hrtime` in any process of the machine: V8 stamps its samples with the same clock),
 * so the server's start-up and idle tail stay out.
 */
export function splitProfile(file: string, window?: { from: number; to: number }): Record<Part, number> {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parts = Object.fromEntries(PARTS.map((k) => [k, 0])) as Record<Part, number>;
  let at = p.startTime;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    at += dt;
    if (window && (at < window.from || at > window.to)) return;
    const f = byId.get(id)?.callFrame;
    if (!f || f.functionName === '(idle)') return;
    if (f.functionName === 'writev' || f.url.includes('stream_base_commons')) parts['socket write (writev)'] += dt;
    else if (f.functionName === '(garbage collector)') parts['garbage collection'] += dt;
    else if (!f.url.includes('node_modules') && (f.url.includes('/dist/') || f.url.includes('/src/'))) parts['simulator code'] += dt;
    else parts['Node.js HTTP, Fastify and the rest'] += dt;
  });
  return parts;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, requestsArg] = process.argv.slice(2);
  const parts = splitProfile(file);
  const busy = Object.values(parts).reduce((a, b) => a + b, 0);
  const requests = Number(requestsArg ?? 0);
  for (const [k, t] of Object.entries(parts)) {
    const perRequest = requests ? `  ${(t / requests).toFixed(1).padStart(6)} µs/request` : '';
    process.stdout.write(`${((t / busy) * 100).toFixed(1).padStart(5)}%${perRequest}  ${k}\n`);
  }
}
