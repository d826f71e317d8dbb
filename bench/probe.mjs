// Loaded into a measured server with `node --import ./bench/probe.mjs`: over the IPC channel the
// bench asks it for the heap after a full GC, for the longest event-loop block seen since the
// last reset and for the CPU time it has used. It adds no work to requests (one histogram timer, no
// hooks) unless BENCH_PROBE_WORK asks for it (below).
import { monitorEventLoopDelay } from 'node:perf_hooks';

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();

if (process.send) {
  process.on('message', (msg) => {
    if (msg === 'heap') {
      globalThis.gc?.();
      globalThis.gc?.();
      process.send({ heap: process.memoryUsage().heapUsed });
    } else if (msg === 'loop') {
      // Histogram values are nanoseconds; a delay includes the 5 ms sampling interval.
      process.send({ maxBlockMs: loop.max / 1e6, p99BlockMs: loop.percentile(99) / 1e6 });
      loop.reset();
    } else if (msg === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send({ cpuUs: user + system });
    }
  });
  // The IPC channel must not keep a finished server alive.
  process.channel?.unref();
}

// Calibration only: BENCH_PROBE_WORK adds that many steps of arithmetic to each request, a known
// extra cost (the bench reports it as CPU per request) that shows what the bench's method can see.
const work = Number(process.env.BENCH_PROBE_WORK ?? 0);
if (work > 0) {
  const { subscribe } = await import('node:diagnostics_channel');
  let sink = 0;
  subscribe('http.server.request.start', () => {
    let x = sink;
    for (let i = 0; i < work; i++) x = (x * 31 + i) | 0;
    sink = x;
  });
}
