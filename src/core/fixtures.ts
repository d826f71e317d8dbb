// Fixture files: JSON documents under the fixtures directory, each validated by the zod schema of
// the module that owns it, with errors that name the file and the field.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export class FixtureError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`Fixture file ${file} is invalid: ${detail}`);
    this.name = 'FixtureError';
  }
}

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Reads `<dir>/<name>.json` and validates it; a missing file is an error unless `optional`. */
export function loadFixture<S extends z.ZodType>(dir: string, name: string, schema: S): z.output<S> {
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) throw new FixtureError(file, 'file not found');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new FixtureError(file, `not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new FixtureError(file, describeZodError(parsed.error));
  return parsed.data;
}
