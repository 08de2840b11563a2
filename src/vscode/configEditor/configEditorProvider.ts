// The `.env` configuration editor: a CustomTextEditorProvider offered as an option on `.env` files (the text
// editor stays the default), and the function the Open Configuration command calls.
import * as vscode from 'vscode';
import { UserError } from '../../core/errors';
import { ConfigEditorSession } from './configEditorSession';
import { newEnvText } from './formEdits';

const CONFIG_EDITOR_VIEW_TYPE = 'adatrap.configEditor';

class ConfigEditorProvider implements vscode.CustomTextEditorProvider {
  constructor(private readonly extensionUri: vscode.Uri) {}

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const session = new ConfigEditorSession(document, panel, this.extensionUri);
    panel.onDidDispose(() => session.dispose());
  }
}

/**
 * Registers the editor. VS Code restores open custom editors itself after a reload (no panel serializer is
 * needed); the webview is not kept alive when hidden: on its return it asks for the state again, and keeps its
 * last checklist in its own webview state.
 */
export function registerConfigEditor(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(
      CONFIG_EDITOR_VIEW_TYPE,
      new ConfigEditorProvider(context.extensionUri),
      {
        supportsMultipleEditorsPerDocument: true,
      },
    ),
  );
}

/** Opens the form on `target`, or on the workspace's `.env`, creating that file first when it does not exist. */
export async function openConfigurationEditor(target?: vscode.Uri): Promise<void> {
  const uri = target ?? (await workspaceEnvFile());
  await vscode.commands.executeCommand('vscode.openWith', uri, CONFIG_EDITOR_VIEW_TYPE);
}

async function workspaceEnvFile(): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder)
    throw new UserError(
      vscode.l10n.t(
        'Open the folder that holds (or will hold) your .env file first: the configuration lives at its root.',
      ),
    );
  const uri = vscode.Uri.joinPath(folder.uri, '.env');
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(newEnvText()));
  }
  return uri;
}
