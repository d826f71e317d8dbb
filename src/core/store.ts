// State lives in memory, in named slices; with a data file it is persisted as a snapshot plus an
// append-only change log, so a write costs what changed, not what is stored:
// - `<file>` is the snapshot: one JSON document `{format, version: 1, slices}`, written in chunks
//   that yield to the event loop (no single step blocks it for long, even at a million records), to a
//   temp file renamed over the old one (a crash leaves the previous or the next, never a torn one).
// - `<file>.log` is the change log: JSON lines, one per changed record (`{"s":slice,"k":key,"v":…}`,
//   no `v` when it was deleted) or per changed small slice (`{"s":slice,"v":…}`), appended once per
//   debounce window whatever the request rate. Lines carry whole values, so replaying them over any
//   snapshot at least as old gives the latest state. No fsync: a crash of the process loses nothing
//   written; an interrupted last line (no newline) is dropped on the next start.
// - When the log outgrows the snapshot it is compacted: a new snapshot is written while changes
//   keep being appended, then the log restarts with the lines written meanwhile. A clean close
//   (SIGTERM) folds the log into the snapshot.
// A slice opts into per-record lines with `entries` and names what it changed (`changed(key)`);
// any other slice is written whole when it changes.
//
// The parts, one job each: store/registry.ts (slices in memory, loaded at registration),
// store/changeLog.ts (appends, compaction, what failed to be written), store/snapshotWriter.ts (the
// chunked snapshot), store/dataFileReader.ts (reading both files at start-up, damage reported as
// DataFileError), store/collection.ts (keyed collections, which provider stores declare).
export { DataFileError, DataFileWriteError } from './store/errors.js';
export { createStore, type StoreOptions } from './store/registry.js';
export type { Slice, SliceDefinition, SliceEntries, Store } from './store/slices.js';
