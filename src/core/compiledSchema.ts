// Request bodies on the hot routes go through zod's own compiler (z.compile): one generated function
// takes the success path, and a body it rejects is parsed again by the runtime parser, so the issues
// and messages stay zod's. Compiled on first use: start-up pays nothing for a route never called.
import { z } from 'zod';

const compiled = new WeakMap<z.ZodType, z.ZodType>();

/** `schema.safeParse(input)`, run by the schema's compiled form. */
export function safeParseCompiled<S extends z.ZodType>(schema: S, input: unknown): z.ZodSafeParseResult<z.output<S>> {
  let fast = compiled.get(schema) as S | undefined;
  if (!fast) compiled.set(schema, (fast = z.compile(schema)));
  return fast.safeParse(input) as z.ZodSafeParseResult<z.output<S>>;
}
