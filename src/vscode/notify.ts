// How failures reach the user: one notification whose text names the thing to fix. UserErrors (from the core
// and the AWS adapters) already say that; anything else is reported as unexpected with its message only, and
// the details go to the ADATRAP output channel, never a stack trace in the notification.
import * as vscode from 'vscode';
import { commonAwsProblem } from '../aws/awsErrors';
import { errorMessage, isUserError } from '../core/errors';

let diagnostics: vscode.LogOutputChannel | undefined;

export function setDiagnosticsChannel(channel: vscode.LogOutputChannel): void {
  diagnostics = channel;
}

/** Notes a failure that must not interrupt the user (a side effect of a command that did its job). */
export function logQuietFailure(e: unknown): void {
  diagnostics?.warn(errorMessage(e));
}

function isCancellation(e: unknown): boolean {
  return (
    e instanceof vscode.CancellationError || (e instanceof Error && (e.name === 'AbortError' || e.name === 'Canceled'))
  );
}

export function describeFailure(e: unknown): string {
  // Credentials, endpoint and network problems read the same whichever call met them.
  const known = commonAwsProblem(e);
  if (known) return known.message;
  return vscode.l10n.t('ADATRAP Miner failed unexpectedly: {0}', errorMessage(e));
}

export async function showFailure(e: unknown): Promise<void> {
  if (isCancellation(e)) return;
  if (!isUserError(e) && !commonAwsProblem(e)) diagnostics?.error(e instanceof Error ? e : new Error(String(e)));
  await vscode.window.showErrorMessage(describeFailure(e));
}

/** Runs a command body; a failure is shown (not rethrown) and the command resolves to undefined. */
export async function runAction<T>(action: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (e) {
    void showFailure(e);
    return undefined;
  }
}
