// Loaded into a measured server with `node --import ./bench/probe.mjs`: over the IPC channel the
// bench asks it for the heap after a full GC and for the longest event-loop block seen since the
// last reset. It adds no work to requests (one histogram timer, no hooks).
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
    }
  });
  // The IPC channel must not keep a finished server alive.
  process.channel?.unref();
}
