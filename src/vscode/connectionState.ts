// Whether AWS answers with the current configuration, for the "credentials failed" welcome views
// (`adatrap.credentialsState`: unknown | ok | failed). The Runs listing is the probe: every other call would
// fail the same way, and it runs first and most often.
import * as vscode from 'vscode';
import { commonAwsProblem } from '../aws/awsErrors';

type CredentialsState = 'unknown' | 'ok' | 'failed';

export class ConnectionState implements vscode.Disposable {
  private current: CredentialsState = 'unknown';
  private reason: string | undefined;
  private readonly changed = new vscode.EventEmitter<CredentialsState>();
  readonly onDidChange = this.changed.event;

  get state(): CredentialsState {
    return this.current;
  }

  /** Why AWS refused, in words that name the fix (undefined unless failed). */
  get failure(): string | undefined {
    return this.reason;
  }

  ok(): void {
    this.set('ok', undefined);
  }

  reset(): void {
    this.set('unknown', undefined);
  }

  /** Records a failed probe: credentials, endpoint or network problems fail the connection; others do not. */
  report(e: unknown): void {
    const problem = commonAwsProblem(e);
    if (problem) this.set('failed', problem.message);
    else this.set('ok', undefined);
  }

  private set(state: CredentialsState, reason: string | undefined): void {
    const changed = state !== this.current || reason !== this.reason;
    this.current = state;
    this.reason = reason;
    if (!changed) return;
    void vscode.commands.executeCommand('setContext', 'adatrap.credentialsState', state);
    this.changed.fire(state);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
