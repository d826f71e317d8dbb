// Request bodies as Unibell reads them: the raw body is decoded as JSON whatever the declared
// content type (as a PHP backend reading php://input does), so `curl -d '{…}'` works; a body
// that is not JSON is `requiredJsonError`, JSON of the wrong shape `invalidSchemeError`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { invalidScheme, requiredJson, schemeReason } from './errors.js';
import { safeParseCompiled } from '../../core/compiledSchema.js';

/** Replaces the inherited form and text parsers in this scope: every non-multipart body is read as JSON. */
export function installJsonAnyTypeParser(app: FastifyInstance) {
  app.removeContentTypeParser(['application/x-www-form-urlencoded', 'text/plain']);
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(requiredJson());
    try {
      done(null, JSON.parse(text));
    } catch {
      done(requiredJson('The request body is not valid JSON'));
    }
  });
}

export function jsonBody(request: FastifyRequest): unknown {
  if (request.body === undefined) throw requiredJson();
  return request.body;
}

export function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidScheme('The JSON body must be an object');
  const parsed = safeParseCompiled(schema, value);
  if (!parsed.success) throw invalidScheme(schemeReason(parsed.error));
  return parsed.data;
}
