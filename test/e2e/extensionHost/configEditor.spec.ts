// In the extension host: Open Configuration opens the workspace `.env` in the configuration form (a custom
// editor offered as an option), not in the text editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const VIEW_TYPE = 'adatrap.configEditor';

function formTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === VIEW_TYPE);
}

async function waitFor<T>(probe: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('configuration editor (extension host)', () => {
  afterEach(async () => {
    await vscode.window.tabGroups.close(formTabs());
  });

  it('opens the workspace .env in the form from the Open Configuration command', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the harness opens a workspace');
    await vscode.commands.executeCommand('adatrap.openConfiguration');
    const tab = await waitFor(() => formTabs()[0]);
    const input = tab.input as vscode.TabInputCustom;
    assert.equal(input.uri.toString(), vscode.Uri.joinPath(folder.uri, '.env').toString());
  });

  it('leaves the text editor as the default for .env', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, '.env'));
    const editor = await vscode.window.showTextDocument(doc);
    assert.equal(editor.document.uri.toString(), doc.uri.toString());
    assert.equal(formTabs().length, 0);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
