// How the CLI and the agent end on a failure (both are processes with a stderr and an exit code): a UserError
// is its one line and its exit code; anything else is "Unexpected error" and exit 1.
import { errorMessage, isUserError } from './errors';
import { t } from './i18n';
import { escapeControl } from './logFormat';

/** One line for stderr and the exit code; the stack only with `verbose`. */
export function reportError(e: unknown, verbose: boolean, write: (text: string) => void): 1 | 2 {
  if (isUserError(e)) {
    // A message may quote what the user typed or a machine wrote (an id, a name, a reason): never raw controls.
    write(`${escapeControl(e.message)}\n`);
    if (verbose && e.stack) write(`${e.stack}\n`);
    return e.exitCode;
  }
  write(`${escapeControl(t('common.unexpected', { message: errorMessage(e) }))}\n`);
  if (verbose && e instanceof Error && e.stack) write(`${e.stack}\n`);
  else write(`${t('common.seeVerbose')}\n`);
  return 1;
}
