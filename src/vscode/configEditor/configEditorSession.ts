// One open configuration editor: the webview on one side, the `.env` TextDocument on the other. The document is
// the model (custom-editor-sample's design): the form's edits become WorkspaceEdits, so undo, dirty state and
// save are VS Code's own, and every change of the document, from any editor or from disk, redraws the form.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { loadConfig } from '../../core/config';
import { errorMessage } from '../../core/errors';
import { fixAndTestConnection, testConnection } from '../../aws/connectionCheck';
import { showFailure } from '../notify';
import { readAwsProfiles } from './awsProfileReader';
import { buildEditorState } from './editorState';
import { applyFormEdit, minimalReplacement, type FormEdit } from './formEdits';
import { checkInputsReport } from './inputsCheck';
import {
  ApplyFix,
  CheckInputs,
  ClearSecret,
  OpenAsText,
  Ready,
  ReplaceSecret,
  SetAuthMode,
  SetValue,
  State,
  Strings,
  TestConnection,
} from './protocol';
import { isIpcMessage, type IpcMessage, type IpcRequest } from '../webview/protocol';
import { editorTitle, groupDescriptions, webviewStrings } from './strings';
import { webviewHtml } from '../webviewPage';

export class ConfigEditorSession implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private disposed = false;
  private profiles: readonly string[] = [];
  private nextId = 1;
  /** Edits are computed from the current text, so each waits for the previous one to be applied. */
  private edits: Promise<void> = Promise.resolve();

  constructor(
    private readonly document: vscode.TextDocument,
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
  ) {
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(extensionUri, 'dist', 'media'),
        vscode.Uri.joinPath(extensionUri, 'media'),
      ],
    };
    webview.html = webviewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview
        .asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'media', 'configEditor', 'main.js'))
        .toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'configEditor', 'main.css')).toString(),
      lang: vscode.env.language,
      title: editorTitle(),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === document.uri.toString()) this.postState();
      }),
    );
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isIpcMessage(message)) return;
    try {
      if (Ready.is(message)) {
        // Profiles are re-read on every (re)load of the page: the user may have just run `aws configure`.
        this.profiles = await readAwsProfiles();
        this.ready = true;
        this.post(Strings.message(this.id(), webviewStrings()));
        this.postState();
      } else if (SetValue.is(message)) {
        await this.edit({ kind: 'setValue', key: message.params.key, value: message.params.value });
      } else if (ReplaceSecret.is(message)) {
        await this.edit({ kind: 'replaceSecret', key: message.params.key, value: message.params.value });
      } else if (ClearSecret.is(message)) {
        await this.edit({ kind: 'clearSecret', key: message.params.key });
      } else if (SetAuthMode.is(message)) {
        await this.edit({ kind: 'setAuthMode', mode: message.params.mode, firstProfile: this.profiles[0] });
      } else if (OpenAsText.is(message)) {
        await vscode.commands.executeCommand('vscode.openWith', this.document.uri, 'default');
      } else if (TestConnection.is(message)) {
        await this.answer(TestConnection, message, async () => ({ items: await testConnection(await this.values()) }));
      } else if (ApplyFix.is(message)) {
        await this.answer(ApplyFix, message, async () => ({
          items: await fixAndTestConnection(message.params.fix, await this.values()),
        }));
      } else if (CheckInputs.is(message)) {
        await this.answer(CheckInputs, message, async () => {
          await this.edits;
          return checkInputsReport(this.document.getText(), message.params.date);
        });
      }
    } catch (e) {
      // The form may show a value the document refused: redraw it from the document, then say why.
      this.postState();
      await showFailure(e);
    }
  }

  /**
   * What a run would use: the file, with process environment variables of the same names winning. Edits sent
   * before the request are applied first, so a check never reads the text from before them.
   */
  private async values(): Promise<Record<string, string | undefined>> {
    await this.edits;
    return loadConfig(this.document.getText(), process.env).values;
  }

  private edit(edit: FormEdit): Promise<void> {
    const next = this.edits.then(() => this.applyNow(edit));
    this.edits = next.catch(() => undefined);
    return next;
  }

  private async applyNow(edit: FormEdit): Promise<void> {
    const before = this.document.getText();
    const change = minimalReplacement(before, applyFormEdit(before, edit));
    if (!change) return;
    const workspaceEdit = new vscode.WorkspaceEdit();
    const range = new vscode.Range(this.document.positionAt(change.start), this.document.positionAt(change.end));
    workspaceEdit.replace(this.document.uri, range, change.text);
    if (!(await vscode.workspace.applyEdit(workspaceEdit))) this.postState();
  }

  private async answer<P, R>(request: IpcRequest<P, R>, message: IpcMessage<P>, work: () => Promise<R>): Promise<void> {
    try {
      this.post(request.response.message(message.id, { ok: true, value: await work() }));
    } catch (e) {
      this.post(request.response.message(message.id, { ok: false, error: errorMessage(e) }));
    }
  }

  private postState(): void {
    if (!this.ready) return;
    const state = buildEditorState({
      text: this.document.getText(),
      fileName: vscode.workspace.asRelativePath(this.document.uri) || path.basename(this.document.uri.fsPath),
      environment: process.env,
      profiles: this.profiles,
      groupDescriptions: groupDescriptions(),
    });
    this.post(State.message(this.id(), state));
  }

  private post(message: IpcMessage): void {
    // A check may finish after its editor was closed; a disposed webview throws on any use.
    if (this.disposed) return;
    void this.panel.webview.postMessage(message);
  }

  private id(): string {
    return `host-${this.nextId++}`;
  }
}
