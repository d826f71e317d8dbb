import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { safeParseCompiled } from '../../src/core/compiledSchema.js';
import * as mobilgroup from '../../src/providers/mobilgroup/schemas.js';
import * as unibell from '../../src/providers/unibell/schemas.js';
import * as voicepassword from '../../src/providers/voicepassword/schemas.js';

// The request schemas the hot routes check through their compiled form.
const schemas: Record<string, z.ZodType> = {
  'mobilgroup send': mobilgroup.SendRequest.extend(mobilgroup.credentialsRead),
  'mobilgroup get': mobilgroup.GetRequest.extend(mobilgroup.credentialsRead),
  'mobilgroup set': mobilgroup.SetRequest.extend(mobilgroup.credentialsRead),
  'mobilgroup security': mobilgroup.Security,
  'voicepassword send': voicepassword.SendRequest,
  'voicepassword get': voicepassword.GetRequest,
  'voicepassword security': voicepassword.Security,
  'unibell single activate': unibell.SingleActivateBody,
  'unibell campaign activate': unibell.CampaignActivateBody,
  'unibell media name': unibell.MediaNameBody,
};

const leaf = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('79161234567', ' 2 ', '', '1.5', 'abc', '__proto__'), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const anyJson = fc.oneof(leaf, fc.jsonValue({ maxDepth: 2 }), fc.constant([]));

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  out?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
}
const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def;

/** Bodies shaped like the schema (its own keys, nested objects and arrays) with any value at the leaves, so a good share parse. */
function shaped(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if ((def.type === 'optional' || def.type === 'nullable') && def.innerType) return shaped(def.innerType);
  // A transform's input is what a body carries; a preprocess (its input a transform) reads its output's shape.
  if (def.type === 'pipe' && def.in && def.out) return shaped(defOf(def.in).type === 'transform' ? def.out : def.in);
  if (def.type === 'union' && def.options) return fc.oneof(...def.options.map(shaped));
  if (def.type === 'string') return fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('79161234567', ' 2 ', '', '1.5', '42', '-3', '2024-10-31 09:00:00'));
  if (def.type === 'number') return fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -5, max: 100 }) }, { weight: 1, arbitrary: fc.double() });
  if (def.type === 'array' && def.element) return fc.array(fc.oneof(shaped(def.element), anyJson), { maxLength: 3 });
  if (def.type === 'object' && def.shape) {
    const field = (v: z.ZodType) => fc.oneof({ weight: 12, arbitrary: shaped(v) }, { weight: 1, arbitrary: anyJson });
    const entries = Object.entries(def.shape);
    const required = entries.filter(([, v]) => !v.safeParse(undefined).success).map(([k]) => k);
    const optional = entries.filter(([k]) => !required.includes(k)).map(([k]) => k);
    // The required keys (mostly) and a few optional ones: a body with every key rarely parses.
    const keys = fc.tuple(fc.subarray(required, { minLength: Math.max(0, required.length - 1) }), fc.subarray(optional, { maxLength: Math.min(3, optional.length) }));
    const record = keys.chain(([req, opt]) => fc.record(Object.fromEntries([...req, ...opt].map((k) => [k, field(def.shape![k])]))));
    return fc.oneof({ weight: 4, arbitrary: record }, { weight: 1, arbitrary: anyJson });
  }
  return leaf;
}

describe('compiled request schemas', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name}: the compiled form answers exactly what zod's runtime parser answers`, () => {
      let parsed = 0;
      fc.assert(
        fc.property(shaped(schema), (input) => {
          const runtime = schema.safeParse(input);
          parsed += runtime.success ? 1 : 0;
          const compiled = safeParseCompiled(schema, input);
          expect(compiled.success).toBe(runtime.success);
          if (runtime.success) expect(compiled.data).toStrictEqual(runtime.data);
          else expect(compiled.error?.issues).toStrictEqual(runtime.error.issues);
        }),
        { numRuns: 400 },
      );
      // Both paths were taken: bodies the compiled function accepts, and bodies it hands to the runtime.
      expect(parsed).toBeGreaterThan(0);
      expect(parsed).toBeLessThan(400);
    });
  }
});
