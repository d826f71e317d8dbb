// For tests of persistence: how much the change log grows for one action, and a slice's state as a
// reloaded data file would hold it.
import { statSync } from 'node:fs';
import type { Simulator } from '../../src/app.js';

/** Bytes in `<file>.log` (0 before the first write). */
export function logBytes(file: string): number {
  try {
    return statSync(`${file}.log`).size;
  } catch {
    return 0;
  }
}

/** Bytes the change log grows by for what `act` does; everything pending before it is written first. */
export async function logGrowth(sim: Simulator, file: string, act: () => Promise<unknown>): Promise<number> {
  await sim.ctx.store.flush();
  const before = logBytes(file);
  await act();
  await sim.ctx.store.flush();
  return logBytes(file) - before;
}

/** A slice's state as JSON: fields left undefined in memory are absent after a reload, and a Map is an object, as the store writes it. */
export function sliceJson<T>(sim: Simulator, name: string): T {
  const slice = sim.ctx.store.sliceOf<T>(name);
  if (!slice) throw new Error(`no ${name} slice`);
  return JSON.parse(JSON.stringify(slice.state, (_key, value: unknown) => (value instanceof Map ? Object.fromEntries(value) : value))) as T;
}
