// Long AWS work under a notification the user can cancel: cancelling aborts the signal the work was given, the
// one way every command stops a download, a search or a wait half way.
import * as vscode from 'vscode';

interface CancellableWork {
  readonly signal: AbortSignal;
  /** A line under the notification's title (what is done so far). */
  report(message: string): void;
}

export async function withCancellableProgress<T>(title: string, work: (w: CancellableWork) => Promise<T>): Promise<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      try {
        return await work({ signal: controller.signal, report: (message) => progress.report({ message }) });
      } finally {
        cancel.dispose();
      }
    },
  );
}
