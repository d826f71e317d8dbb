// Devino's error envelope: `{"Code":n,"Desc":"…"}` with the HTTP status of the spec's table.
import type { ProviderErrors, RenderedError } from '../../core/context.js';
import { errorCatalogue } from '../../core/errorCatalogue.js';
import type { ErrorEnvelope } from '../../core/pipeline.js';
import { toDotNetJson } from './dates.js';

export const DEVINO_ERRORS = {
  1: { status: 400, name: 'ArgumentCanNotBeNullOrEmpty' },
  2: { status: 400, name: 'InvalidArgument' },
  3: { status: 400, name: 'InvalidSessionID' },
  4: { status: 401, name: 'UnauthorizedAccess' },
  5: { status: 403, name: 'NotEnoughCredits' },
  6: { status: 400, name: 'InvalidOperation' },
  7: { status: 403, name: 'Forbidden' },
  8: { status: 500, name: 'InternalServerError' },
  9: { status: 500, name: 'InternalServerError' },
} as const;

export type DevinoErrorCode = keyof typeof DEVINO_ERRORS;
export type DevinoErrorName = (typeof DEVINO_ERRORS)[DevinoErrorCode]['name'];

export class DevinoError extends Error {
  constructor(
    readonly code: DevinoErrorCode,
    readonly desc: string,
    /** Overrides the table's status (413 for an oversized body, 404 for an unknown resource, 405 for a wrong method). */
    readonly status: number = DEVINO_ERRORS[code].status,
  ) {
    super(desc);
    this.name = 'DevinoError';
  }

  get body() {
    return { Code: this.code, Desc: this.desc };
  }
}

const DESCRIPTIONS: Record<DevinoErrorCode, string> = {
  1: 'Argument can not be null or empty',
  2: 'Invalid argument',
  3: 'Invalid session id',
  4: 'Unauthorized access',
  5: 'Not enough credits',
  6: 'Invalid operation',
  7: 'Forbidden',
  8: 'Internal server error',
  9: 'Internal server error',
};

/** The catalogue for scenarios: `5` and `NotEnoughCredits` both name error 5. */
export const devinoErrors: ProviderErrors = errorCatalogue(
  Object.entries(DEVINO_ERRORS).map(([code, e]) => ({ code, name: e.name, description: DESCRIPTIONS[Number(code) as DevinoErrorCode], status: e.status })),
  (entry, message) => ({
    status: entry.status,
    body: { Code: Number(entry.code), Desc: message ?? entry.description },
    headers: { 'cache-control': 'private', 'content-type': 'application/json; charset=utf-8' },
  }),
);

/** An answer in Devino's envelope and headers, as every operation sends it. */
export const devinoAnswer = (status: number, value: unknown): RenderedError => ({
  status,
  headers: { 'cache-control': 'private', 'content-type': 'application/json; charset=utf-8' },
  body: toDotNetJson(value),
});

/** What Devino answers besides its handlers' own errors: a bad body 400 (413 too large), an unknown resource 404, a failure 500. */
export const devinoEnvelope = (bodyLimit: number): ErrorEnvelope => ({
  own: (err) => (err instanceof DevinoError ? devinoAnswer(err.status, err.body) : undefined),
  framework(err) {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return devinoAnswer(413, { Code: 2, Desc: `Invalid argument: the request body is larger than ${bodyLimit} bytes` });
    if (err.statusCode && err.statusCode < 500) return devinoAnswer(400, { Code: 2, Desc: `Invalid argument: ${err.message}` });
    return devinoAnswer(500, { Code: 9, Desc: 'Internal server error' });
  },
  notFound: (request) => devinoAnswer(404, { Code: 6, Desc: `No HTTP resource was found that matches the request URI '${request.url}'.` }),
});

/**
 * A parameter as the platform's .NET code names it after `Parameter name:` (camelCase, `Id` not `ID`):
 * `SessionID` → `sessionId`, `MessageID` → `messageId`, as devino-rest-notes.md quotes
 * `MessageID can not be null or empty Parameter name: messageId`.
 */
export const dotNetParameterName = (param: string) => `${param.charAt(0).toLowerCase()}${param.slice(1)}`.replace(/ID$/, 'Id');

export const missing = (param: string) => new DevinoError(1, `${param} can not be null or empty Parameter name: ${dotNetParameterName(param)}`);

export const invalid = (param: string, why: string) => new DevinoError(2, `Invalid argument ${param}: ${why}`);
