// Watching a directory for changed files, debounced per file (editors write a file in several
// steps). Used for the fixtures (core/liveFixtures.ts) and the scenario files (scenarios/watch.ts).
import { existsSync, watch, type FSWatcher } from 'node:fs';

export interface DirWatcher {
  close(): void;
}

interface WatchLog {
  warn(obj: object, msg: string): void;
}

/** Calls `onChange(name)` once a file of `dir` has stopped changing for `debounceMs`; a missing directory is not watched. */
export function watchDir(dir: string, onChange: (name: string) => void, log: WatchLog, debounceMs = 75): DirWatcher {
  const pending = new Map<string, NodeJS.Timeout>();
  let watcher: FSWatcher | undefined;
  if (existsSync(dir)) {
    try {
      watcher = watch(dir, { persistent: false }, (_event, filename) => {
        if (!filename) return;
        const name = filename.toString();
        clearTimeout(pending.get(name));
        const t = setTimeout(() => {
          pending.delete(name);
          onChange(name);
        }, debounceMs);
        t.unref();
        pending.set(name, t);
      });
      watcher.on('error', (err) => log.warn({ err, dir }, 'file watching stopped'));
    } catch (err) {
      log.warn({ err, dir }, 'cannot watch directory for changes');
    }
  }
  return {
    close() {
      watcher?.close();
      for (const t of pending.values()) clearTimeout(t);
      pending.clear();
    },
  };
}
