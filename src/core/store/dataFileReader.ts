// Reads a data file at start-up: the snapshot (through lowdb's adapter) and the change log line by
// line. Anything it cannot read is a DataFileError naming the file and the line; the files are never
// written here, so a damaged file stays as it was for the user to fix.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { DataFileError } from './errors.js';
import type { LoggedSlice } from './slices.js';

const PersistedDocument = z.object({
  format: z.literal('provider-sim'),
  version: z.literal(1),
  slices: z.record(z.string(), z.unknown()),
});

export type LowdbNode = typeof import('lowdb/node');

export async function readDocument({ DataFile }: LowdbNode, file: string): Promise<{ slices: Record<string, unknown>; bytes: number } | undefined> {
  let bytes = 0;
  // lowdb's adapter reads the snapshot (a missing file is null); parsing errors are ours to explain.
  const adapter = new DataFile<unknown>(file, {
    parse(text) {
      bytes = text.length;
      if (text.trim() === '') throw new DataFileError(file, 'it is empty');
      try {
        return JSON.parse(text);
      } catch (err) {
        throw new DataFileError(file, `it is not valid JSON (${(err as Error).message}); it may be truncated`);
      }
    },
    stringify: (data) => JSON.stringify(data),
  });
  let json: unknown;
  try {
    json = await adapter.read();
  } catch (err) {
    throw err instanceof DataFileError ? err : new DataFileError(file, (err as Error).message);
  }
  if (json === null) return undefined;
  const parsed = PersistedDocument.safeParse(json);
  if (!parsed.success) {
    throw new DataFileError(file, `it is not a provider-sim data file (${z.prettifyError(parsed.error).replace(/\n/g, '; ')})`);
  }
  return { slices: parsed.data.slices, bytes };
}

export const LogLine = z.union([
  z.object({ reset: z.literal(true) }),
  z.object({ s: z.string(), k: z.string().optional(), v: z.unknown().optional() }),
]);

export async function readLog(file: string): Promise<{ slices: Map<string, LoggedSlice>; bytes: number; tornAt?: number; reset: boolean }> {
  const slices = new Map<string, LoggedSlice>();
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { slices, bytes: 0, reset: false };
    throw new DataFileError(file, (err as Error).message);
  }
  let offset = 0;
  let number = 0;
  let reset = false;
  let bad: { number: number; offset: number; reason: string } | undefined;
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    number++;
    const start = offset;
    offset += Buffer.byteLength(line) + 1;
    if (bad) throw new DataFileError(file, `line ${bad.number} of the change log is damaged (${bad.reason})`);
    if (line === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      bad = { number, offset: start, reason: (err as Error).message };
      continue;
    }
    const parsed = LogLine.safeParse(json);
    if (!parsed.success) throw new DataFileError(file, `line ${number} is not a change log line`);
    const entry = parsed.data;
    if ('reset' in entry) {
      slices.clear();
      reset = true;
      continue;
    }
    let l = slices.get(entry.s);
    if (!l) slices.set(entry.s, (l = { entries: new Map() }));
    if (entry.k === undefined) {
      l.whole = { value: entry.v };
      l.entries.clear();
    } else {
      // A record changed again keeps its first place: records load in the order they were created.
      l.entries.set(entry.k, entry.v);
    }
  }
  // Only the very last line may be unreadable, and only when it was cut short (no newline): an append the process did not finish.
  if (bad) {
    if ((await lastByte(file, size)) === '\n') throw new DataFileError(file, `line ${bad.number} of the change log is damaged (${bad.reason})`);
    return { slices, bytes: bad.offset, tornAt: bad.offset, reset };
  }
  return { slices, bytes: size, reset };
}

async function lastByte(file: string, size: number): Promise<string> {
  if (size === 0) return '';
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(1);
    await fh.read(buf, 0, 1, size - 1);
    return buf.toString('latin1');
  } finally {
    await fh.close();
  }
}
