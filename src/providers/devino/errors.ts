// Devino's error envelope: `{"Code":n,"Desc":"…"}` with the HTTP status of the spec's table.

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

export const missing = (param: string) =>
  new DevinoError(1, `${param} can not be null or empty Parameter name: ${param.charAt(0).toLowerCase()}${param.slice(1)}`);

export const invalid = (param: string, why: string) => new DevinoError(2, `Invalid argument ${param}: ${why}`);
