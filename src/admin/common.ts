// Small pieces the admin route handlers and their registration share.

/** A request the admin API refuses: the status (4xx) and a message that says why. */
export class AdminInputError extends Error {
  constructor(
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = 'AdminInputError';
  }
}

/** Returned by a handler that answered on its own (the event stream). */
export const HIJACKED = Symbol('hijacked');
