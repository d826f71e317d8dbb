// Fixture files that follow the disk: a provider loads its fixture through `ctx.fixtures.load`, and
// when the file changes it is replaced in place, key by key, in the very object the provider holds,
// so what the provider reads on each request (magic numbers, outcomes, timings, prices) follows the
// file; what it indexed at start (accounts, credentials) needs a restart. A broken edit is reported
// (log and `GET /_sim/scenarios`) and the last good version stays in force.
import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { z } from 'zod';
import { FixtureError, loadFixture } from './fixtures.js';
import { watchDir, type DirWatcher } from './watchDir.js';

export type ReloadResult = { ok: true } | { ok: false; error: string };

export interface LiveFixtures {
  /** `<dir>/<name>.json`, validated (throws FixtureError), and reloaded in place when it changes. */
  load<S extends z.ZodType>(name: string, schema: S): z.output<S>;
  reload(name: string): ReloadResult;
  /** Fixture files whose latest version could not be loaded. */
  errors(): { file: string; error: string }[];
  /** Reloads a loaded fixture when its file changes, until closed. */
  watch(debounceMs?: number): DirWatcher;
}

interface FixtureLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

interface LiveFixture {
  schema: z.ZodType;
  target: Record<string, unknown>;
}

export function createLiveFixtures(dir: string, log: FixtureLog): LiveFixtures {
  const loaded = new Map<string, LiveFixture>();
  const failed = new Map<string, string>();

  const reload = (name: string): ReloadResult => {
    const live = loaded.get(name);
    if (!live) return { ok: false, error: `no fixture ${name} is loaded` };
    let fresh: Record<string, unknown>;
    try {
      fresh = loadFixture(dir, name, live.schema) as Record<string, unknown>;
    } catch (err) {
      const error = err instanceof FixtureError ? err.message : (err as Error).message;
      log.warn({ fixture: name }, `${error}; the last good version stays in force`);
      return { ok: false, error };
    }
    for (const key of Object.keys(live.target)) if (!(key in fresh)) delete live.target[key];
    Object.assign(live.target, fresh);
    log.info({ fixture: name }, 'fixture reloaded');
    return { ok: true };
  };

  return {
    load(name, schema) {
      const data = loadFixture(dir, name, schema);
      if (data && typeof data === 'object' && !Array.isArray(data)) loaded.set(name, { schema, target: data as Record<string, unknown> });
      return data;
    },
    reload,
    errors: () => [...failed].map(([file, error]) => ({ file, error })),
    watch: (debounceMs) =>
      watchDir(
        dir,
        (file) => {
          if (extname(file) !== '.json') return;
          const name = basename(file, '.json');
          if (!loaded.has(name)) return;
          const path = join(dir, file);
          // A deleted file leaves the last version in force.
          if (!existsSync(path)) return;
          const result = reload(name);
          if (result.ok) failed.delete(path);
          else failed.set(path, result.error);
        },
        log,
        debounceMs,
      ),
  };
}
