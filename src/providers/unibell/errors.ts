// Unibell's error catalogue: every answer carries `status`; errors add an `errorReason` that
// says why, and an HTTP status chosen per status value (the spec names none but the 404).
import type { FastifyError } from 'fastify';
import type { ErrorEnvelope } from '../../core/pipeline.js';
import type { ProviderErrors } from '../../core/context.js';
import { errorCatalogue } from '../../core/errorCatalogue.js';
import type { z } from 'zod';
import type { StatusValue } from './schemas.js';

export type ErrorStatus = Exclude<StatusValue, 'ok'>;

export const HTTP_STATUS: Record<ErrorStatus, number> = {
  invalidAccessKeyError: 401,
  requiredJsonError: 400,
  invalidSchemeError: 400,
  invalidDataError: 400,
  prohibitedForAppError: 403,
  prohibitedForServiceError: 403,
  rpcError: 502,
};

export class UnibellError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly reason: string,
    /** Overrides the table (404 for an unknown id, 413 for an oversized body). */
    readonly httpStatus: number = HTTP_STATUS[status],
  ) {
    super(reason);
    this.name = 'UnibellError';
  }

  get body() {
    return { status: this.status, errorReason: this.reason };
  }
}

const DEFAULT_REASONS: Record<ErrorStatus, string> = {
  invalidAccessKeyError: 'Unknown AccessKey',
  requiredJsonError: 'The request body must be JSON',
  invalidSchemeError: 'The JSON body does not match the method scheme',
  invalidDataError: 'The data is invalid',
  prohibitedForAppError: 'This method is prohibited for the application',
  prohibitedForServiceError: 'The service is blocked for this personal account',
  rpcError: 'Internal error',
};

/** The catalogue for scenarios: the spec's `status` values. */
export const unibellErrors: ProviderErrors = errorCatalogue(
  (Object.keys(HTTP_STATUS) as ErrorStatus[]).map((code) => ({ code, description: DEFAULT_REASONS[code], status: HTTP_STATUS[code] })),
  (entry, message) => ({ status: entry.status, body: new UnibellError(entry.code, message ?? entry.description).body }),
);

export const invalidData = (reason: string, httpStatus?: number) => new UnibellError('invalidDataError', reason, httpStatus);
export const invalidScheme = (reason: string) => new UnibellError('invalidSchemeError', reason);
export const requiredJson = (reason = 'The request body must be JSON') => new UnibellError('requiredJsonError', reason);

export function schemeReason(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`).join('; ');
}

const rendered = (e: UnibellError) => ({ status: e.httpStatus, body: e.body });

/** Framework errors (bad JSON, oversized bodies, multipart faults) and unknown routes in Unibell's envelope. */
export const unibellEnvelope: ErrorEnvelope = {
  own: (err) => (err instanceof UnibellError ? rendered(err) : undefined),
  framework: (err) => rendered(fromFramework(err)),
  notFound: (request) => rendered(invalidData(`No such method: ${request.method} ${request.url.split('?')[0]}`, 404)),
};

function fromFramework(err: FastifyError): UnibellError {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return requiredJson(`The request body must be JSON (${err.message})`);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return invalidData(`The request is too large (${err.message})`, 413);
  }
  // secure-json-parse rejects prototype keys with a bare SyntaxError.
  if (err.name === 'SyntaxError' && err.statusCode === 400) return requiredJson(`The request body must be JSON (${err.message})`);
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) return invalidData(err.message, status === 404 ? 404 : 400);
  return new UnibellError('rpcError', 'Internal error', 500);
}
