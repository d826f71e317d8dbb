// Bytes of uploaded media files. Without a data file they live in memory (gone with the process,
// like the rest of the state); with one they are files next to it, `<data>.media/unibell/<id>`,
// each written to a temp file and renamed, so a crash never leaves a torn upload.
import { mkdirSync, rmSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface MediaBlobs {
  /** Where the bytes are kept on disk, if they are. */
  readonly dir: string | undefined;
  put(id: number, bytes: Buffer): Promise<void>;
  get(id: number): Promise<Buffer | undefined>;
  remove(ids: readonly number[]): void;
  /** A reset: every stored upload is forgotten. */
  clear(): void;
}

export function createMediaBlobs(dataFile: string | undefined): MediaBlobs {
  if (!dataFile) {
    const bytes = new Map<number, Buffer>();
    return {
      dir: undefined,
      put: async (id, b) => void bytes.set(id, b),
      get: async (id) => bytes.get(id),
      remove: (ids) => ids.forEach((id) => bytes.delete(id)),
      clear: () => bytes.clear(),
    };
  }
  const dir = join(`${dataFile}.media`, 'unibell');
  let seq = 0;
  return {
    dir,
    async put(id, b) {
      mkdirSync(dir, { recursive: true });
      const temp = join(dir, `.${id}.${process.pid}.${seq++}.tmp`);
      try {
        await writeFile(temp, b);
        await rename(temp, join(dir, String(id)));
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
    },
    async get(id) {
      try {
        return await readFile(join(dir, String(id)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    remove(ids) {
      for (const id of ids) void rm(join(dir, String(id)), { force: true }).catch(() => undefined);
    },
    // Synchronous: ids restart after a reset, and a new upload must not race the old file's removal.
    clear: () => rmSync(dir, { recursive: true, force: true }),
  };
}
