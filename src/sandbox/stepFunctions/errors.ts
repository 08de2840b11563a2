// Errors a state reports (Error + Cause), and how Retry/Catch match them. ErrorEquals semantics from "Handling
// errors in Step Functions workflows": States.ALL matches any error except the terminal States.DataLimitExceeded
// and States.Runtime; States.TaskFailed matches any error except States.Timeout; States.Timeout also matches
// States.HeartbeatTimeout (a heartbeat timeout is a task timeout).
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
  }
}

const UNCATCHABLE = ['States.DataLimitExceeded', 'States.Runtime'];
const TIMEOUTS = ['States.Timeout', 'States.HeartbeatTimeout'];

export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  return errorEquals.some((name) => {
    if (name === error) return true;
    if (name === 'States.ALL') return !UNCATCHABLE.includes(error);
    if (name === 'States.TaskFailed') return !UNCATCHABLE.includes(error) && !TIMEOUTS.includes(error);
    if (name === 'States.Timeout') return error === 'States.HeartbeatTimeout';
    return false;
  });
}

/** Raised inside a run when the execution is stopped (StopExecution) or has ended (timeout, history limit). */
export class ExecutionEnded extends Error {}
