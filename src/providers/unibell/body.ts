// Request bodies as Unibell reads them: the raw body is decoded as JSON whatever the declared
// content type (as a PHP backend reading php://input does), so `curl -d '{…}'` works; a body
// that is not JSON is `requiredJsonError`, JSON of the wrong shape `invalidSchemeError`.
import type { FastifyRequest } from 'fastify';
import { jsonWhateverTheType } from '../../core/bodies.js';
import type { z } from 'zod';
import { invalidScheme, requiredJson, schemeReason } from './errors.js';
import { safeParseCompiled } from '../../core/compiledSchema.js';

/**
 * A body that is not JSON. Parsing does not fail on it: the access key is checked first (a wrong key
 * is invalidAccessKeyError whatever the body), then a route that needs a body answers requiredJsonError.
 */
export class NotJsonBody {
  constructor(
    /** Characters received, for the journal. */
    readonly length: number,
  ) {}
}

/** Every non-multipart body is read as JSON whatever its Content-Type; one that is not JSON is kept as a NotJsonBody. */
export const UNIBELL_BODIES = jsonWhateverTheType((text) => new NotJsonBody(text.length));

/** The JSON body of a route that needs one; call it after authenticating. */
export function jsonBody(request: FastifyRequest): unknown {
  if (request.body === undefined || request.body === null) throw requiredJson();
  if (request.body instanceof NotJsonBody) throw requiredJson('The request body is not valid JSON');
  return request.body;
}

export function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidScheme('The JSON body must be an object');
  const parsed = safeParseCompiled(schema, value);
  if (!parsed.success) throw invalidScheme(schemeReason(parsed.error));
  return parsed.data;
}
