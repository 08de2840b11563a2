// What a user reads when a file the extension saves (a log, a zip, a key) could not be put in place.
import * as vscode from 'vscode';
import { UserError, errorMessage } from '../core/errors';
import { TargetExistsError } from '../files/safeWrite';

/**
 * The user's message for a failed safeWrite: an existing file or a link at the target, or a file-system error,
 * each naming the file. Anything else (S3, CloudWatch) is returned as it is, for the usual AWS error handling.
 */
export function saveFailure(e: unknown, path: string): unknown {
  if (e instanceof TargetExistsError)
    return new UserError(
      e.symlink
        ? vscode.l10n.t('{0} is a symbolic link: choose the file itself (a link is never followed).', e.path)
        : vscode.l10n.t('{0} already exists: choose another name (it is never overwritten).', e.path),
    );
  if (typeof (e as NodeJS.ErrnoException | undefined)?.syscall === 'string')
    return new UserError(vscode.l10n.t('Could not write {0}: {1}', path, errorMessage(e)));
  return e;
}
