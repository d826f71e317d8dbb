// Scenario files are reloaded when they change on disk. A broken edit is reported (log and
// `GET /_sim/scenarios`) and the last good version stays in force. (Fixture files follow the disk
// through core/liveFixtures.ts.)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { watchDir, type DirWatcher } from '../core/watchDir.js';
import type { ScenarioEngine } from './engine.js';
import { isScenarioFile } from './loader.js';

export function watchScenarios(engine: ScenarioEngine, dir: string, log: { warn(obj: object, msg: string): void }, debounceMs?: number): DirWatcher {
  return watchDir(
    dir,
    (name) => {
      if (!isScenarioFile(name)) return;
      const file = join(dir, name);
      if (existsSync(file)) engine.reloadFile(file);
      else engine.removeFile(file);
    },
    log,
    debounceMs,
  );
}
