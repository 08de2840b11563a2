// The workspace's `.env`, read and validated by the core, watched for changes, and exposed to `when` clauses
// as `adatrap.configState` (noWorkspace | missing | invalid | ready) for the welcome views.
import * as vscode from 'vscode';
import { loadConfig, type AdatrapConfig, type ConfigProblem } from '../core/config';
import { UserError } from '../core/errors';
import { createAwsSession, type AwsSession } from './awsSession';

type ConfigState =
  | { readonly kind: 'noWorkspace' }
  | { readonly kind: 'missing'; readonly envUri: vscode.Uri }
  | { readonly kind: 'invalid'; readonly envUri: vscode.Uri; readonly problems: readonly ConfigProblem[] }
  | { readonly kind: 'ready'; readonly envUri: vscode.Uri; readonly config: AdatrapConfig };

const RELOAD_DEBOUNCE_MS = 300;

export class WorkspaceConfig implements vscode.Disposable {
  private current: ConfigState = { kind: 'noWorkspace' };
  private session: AwsSession | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<ConfigState>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  readonly onDidChange = this.changed.event;

  constructor() {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '.env'));
      const schedule = () => this.scheduleReload();
      this.disposables.push(
        watcher,
        watcher.onDidCreate(schedule),
        watcher.onDidChange(schedule),
        watcher.onDidDelete(schedule),
      );
    }
    this.disposables.push(vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()));
  }

  get state(): ConfigState {
    return this.current;
  }

  /** Where the `.env` is (or would be); undefined without a workspace folder. */
  get envUri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, '.env') : undefined;
  }

  async reload(): Promise<ConfigState> {
    const next = await this.read();
    const sameConfig =
      this.current.kind === 'ready' &&
      next.kind === 'ready' &&
      JSON.stringify(this.current.config) === JSON.stringify(next.config);
    this.current = next;
    if (!sameConfig) {
      this.session?.dispose();
      this.session = undefined;
    }
    await vscode.commands.executeCommand('setContext', 'adatrap.configState', next.kind);
    if (!sameConfig || next.kind !== 'ready') this.changed.fire(next);
    return next;
  }

  private scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), RELOAD_DEBOUNCE_MS);
  }

  private async read(): Promise<ConfigState> {
    const envUri = this.envUri;
    if (!envUri) return { kind: 'noWorkspace' };
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(envUri));
    } catch {
      return { kind: 'missing', envUri };
    }
    const loaded = loadConfig(text, process.env);
    if (!loaded.config) return { kind: 'invalid', envUri, problems: loaded.problems };
    return { kind: 'ready', envUri, config: loaded.config };
  }

  /** The AWS adapters for the current configuration, or a UserError saying what to fix in `.env`. */
  aws(): AwsSession {
    const state = this.current;
    if (state.kind !== 'ready') throw new UserError(describeConfigState(state));
    this.session ??= createAwsSession(state.config);
    return this.session;
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    this.session?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** One sentence for a configuration that cannot be used yet, naming what to fix. */
function describeConfigState(state: ConfigState): string {
  switch (state.kind) {
    case 'noWorkspace':
      return vscode.l10n.t('Open the folder that holds your ADATRAP .env file first.');
    case 'missing':
      return vscode.l10n.t('This workspace has no .env file: run "ADATRAP: Open Configuration" to create it.');
    case 'invalid': {
      const shown = state.problems.slice(0, 3).map((p) => p.message);
      const more = state.problems.length - shown.length;
      const list = more > 0 ? vscode.l10n.t('{0} (and {1} more)', shown.join(' '), more) : shown.join(' ');
      return vscode.l10n.t('Fix the .env file: {0}', list);
    }
    case 'ready':
      return '';
  }
}
