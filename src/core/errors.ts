// Errors the user can act on. The CLI prints `message` as one line and exits with `exitCode`;
// the extension shows it as a notification. Anything else is a defect and is reported as unexpected.
type ExitCode = 1 | 2;

export class UserError extends Error {
  constructor(
    message: string,
    /** 2: bad usage or bad input (nothing was sent to AWS); 1: the action failed. */
    readonly exitCode: ExitCode = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export class InputError extends UserError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'InputError';
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
