// Scenario and fixture files are reloaded when they change on disk. A broken edit is reported (log
// and `GET /_sim/scenarios`) and the last good version stays in force.
// Fixtures are replaced in place, key by key, in the very object the provider holds, so what the
// provider reads on each request (magic numbers, outcomes, timings, prices) follows the file;
// what it indexed at start (accounts, credentials) needs a restart.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { z } from 'zod';
import type { SimContext } from '../core/context.js';
import { FixtureError, loadFixture } from '../core/fixtures.js';
import type { ScenarioEngine } from './engine.js';
import { isScenarioFile } from './loader.js';

interface LiveFixture {
  schema: z.ZodType;
  target: Record<string, unknown>;
}

const registries = new WeakMap<SimContext, Map<string, LiveFixture>>();
const fixtureErrorsOf = new WeakMap<SimContext, Map<string, string>>();

/** Fixture files whose latest version could not be loaded. */
export const fixtureLoadErrors = (ctx: SimContext) => [...(fixtureErrorsOf.get(ctx) ?? [])].map(([file, error]) => ({ file, error }));

const registryOf = (ctx: SimContext) => {
  let r = registries.get(ctx);
  if (!r) registries.set(ctx, (r = new Map()));
  return r;
};

/** `loadFixture`, plus reloading when the file changes. */
export function loadLiveFixture<S extends z.ZodType>(ctx: SimContext, name: string, schema: S): z.output<S> {
  const data = loadFixture(ctx.config.fixtures, name, schema);
  if (data && typeof data === 'object' && !Array.isArray(data)) registryOf(ctx).set(name, { schema, target: data as Record<string, unknown> });
  return data;
}

export type ReloadResult = { ok: true } | { ok: false; error: string };

export function reloadFixture(ctx: SimContext, name: string): ReloadResult {
  const live = registryOf(ctx).get(name);
  if (!live) return { ok: false, error: `no fixture ${name} is loaded` };
  let fresh: Record<string, unknown>;
  try {
    fresh = loadFixture(ctx.config.fixtures, name, live.schema) as Record<string, unknown>;
  } catch (err) {
    const error = err instanceof FixtureError ? err.message : (err as Error).message;
    ctx.logger.warn({ fixture: name }, `${error}; the last good version stays in force`);
    return { ok: false, error };
  }
  for (const key of Object.keys(live.target)) if (!(key in fresh)) delete live.target[key];
  Object.assign(live.target, fresh);
  ctx.logger.info({ fixture: name }, 'fixture reloaded');
  return { ok: true };
}

export interface Watchers {
  close(): void;
  /** Last failed fixture reloads, by fixture name. */
  fixtureErrors(): { file: string; error: string }[];
}

/** Watches both directories; changes are debounced (editors write a file in several steps). */
export function watchFiles(ctx: SimContext, engine: ScenarioEngine, dirs: { scenarios: string; fixtures: string }, debounceMs = 75): Watchers {
  const watchers: FSWatcher[] = [];
  const pending = new Map<string, NodeJS.Timeout>();
  const fixtureErrors = new Map<string, string>();
  fixtureErrorsOf.set(ctx, fixtureErrors);

  const later = (key: string, fn: () => void) => {
    clearTimeout(pending.get(key));
    const t = setTimeout(() => {
      pending.delete(key);
      fn();
    }, debounceMs);
    t.unref();
    pending.set(key, t);
  };

  const tryWatch = (dir: string, onFile: (name: string) => void) => {
    if (!existsSync(dir)) return;
    try {
      const w = watch(dir, { persistent: false }, (_event, filename) => {
        if (filename) onFile(filename.toString());
      });
      w.on('error', (err) => ctx.logger.warn({ err, dir }, 'file watching stopped'));
      watchers.push(w);
    } catch (err) {
      ctx.logger.warn({ err, dir }, 'cannot watch directory for changes');
    }
  };

  tryWatch(dirs.scenarios, (name) => {
    if (!isScenarioFile(name)) return;
    const file = join(dirs.scenarios, name);
    later(file, () => (existsSync(file) ? engine.reloadFile(file) : engine.removeFile(file)));
  });
  tryWatch(dirs.fixtures, (name) => {
    if (extname(name) !== '.json') return;
    const fixture = basename(name, '.json');
    if (!registryOf(ctx).has(fixture)) return;
    const file = join(dirs.fixtures, name);
    later(file, () => {
      if (!existsSync(file)) return;
      const result = reloadFixture(ctx, fixture);
      if (result.ok) fixtureErrors.delete(file);
      else fixtureErrors.set(file, result.error);
    });
  });

  return {
    close() {
      for (const w of watchers) w.close();
      for (const t of pending.values()) clearTimeout(t);
      pending.clear();
    },
    fixtureErrors: () => [...fixtureErrors].map(([file, error]) => ({ file, error })),
  };
}
