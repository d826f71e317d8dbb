// What a complete request is, said in the document without changing how it is parsed. Request
// schemas are lenient on purpose: a missing field must reach the handler, which answers the
// provider's own error for it (Error_No_AniPhone, number_is_empty…), not a generic validation
// failure. These JSON Schema keywords ride on the same zod schema as metadata, which parsing
// ignores and `z.toJSONSchema` writes into the document: one schema validates and documents.
import { z } from 'zod';

export interface DocumentedKeywords {
  /** Fields the simulator (or the provider's own document) requires; added to those zod requires already. */
  required?: readonly string[];
  /** Exactly one of these alternatives: `[{ required: ['ms'] }, { required: ['by'] }]`. */
  oneOf?: readonly Record<string, unknown>[];
  /** At least one of these alternatives. */
  anyOf?: readonly Record<string, unknown>[];
  minProperties?: number;
  minItems?: number;
}

/** Keys an object's input cannot leave out. */
const requiredByZod = (schema: z.ZodObject) =>
  Object.entries(schema.shape)
    .filter(([, field]) => (field as z.ZodType)._zod.optin !== 'optional')
    .map(([key]) => key);

export function documentedAs<T extends z.ZodType>(schema: T, keywords: DocumentedKeywords): T {
  const { required, ...rest } = keywords;
  const merged = required && schema instanceof z.ZodObject ? [...new Set([...requiredByZod(schema), ...required])] : required;
  return schema.meta({ ...rest, ...(merged ? { required: merged } : {}) }) as T;
}

/** `[{ required: ['a'] }, { required: ['b'] }]`: for oneOf / anyOf of fields. */
export const eachRequired = (...keys: string[]) => keys.map((key) => ({ required: [key] }));
