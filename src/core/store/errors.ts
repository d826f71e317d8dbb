// The two ways a data file can fail the user, each saying what happened to their state.

/** The last write before close failed: changes the process acknowledged are not on disk. */
export class DataFileWriteError extends Error {
  constructor(
    readonly file: string,
    /** Changed records and slices not written, by slice (and record kind: `devino sms`). */
    readonly unwritten: ReadonlyMap<string, number>,
    override readonly cause: Error | undefined,
  ) {
    const total = [...unwritten.values()].reduce((a, b) => a + b, 0);
    const list = [...unwritten].map(([what, n]) => `${n} ${what}`).join(', ');
    super(
      `the final write of data file ${file} failed (${cause?.message ?? 'unknown error'}): ` +
        `${total} changed record${total === 1 ? '' : 's'} not saved (${list}). ` +
        'The file holds the state as of the last write that succeeded.',
    );
    this.name = 'DataFileWriteError';
  }
}

export class DataFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(
      `Data file ${file} cannot be read: ${reason}. ` +
        'The simulator did not start and left the file untouched; fix it, move it away, or start with another --data path.',
    );
    this.name = 'DataFileError';
  }
}
